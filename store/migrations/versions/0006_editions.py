"""editions: a document that continues another (predecessor_id) now says which edition it is and why
it joined the series (title, shared text, the site's "previous version"), or that a maintainer said so

Existing links (a refresh at a new URL that continued a missing document) are carried over as they
are, with the reason they were made then; no row is removed or rewritten otherwise.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 23:50:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('documents') as batch_op:
        batch_op.add_column(sa.Column('edition_label', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('edition_reasons', sa.JSON(), nullable=True))
    with op.batch_alter_table('changes') as batch_op:
        batch_op.add_column(sa.Column('edition', sa.Text(), nullable=True))
    documents = sa.table('documents', sa.column('predecessor_id', sa.String), sa.column('edition_label', sa.Text),
                         sa.column('edition_reasons', sa.JSON))
    op.execute(documents.update().where(documents.c.predecessor_id.is_not(None)).values(
        edition_label='later edition',
        edition_reasons=['continued the document it replaced when that one went missing (before editions)']))


def downgrade() -> None:
    with op.batch_alter_table('changes') as batch_op:
        batch_op.drop_column('edition')
    with op.batch_alter_table('documents') as batch_op:
        batch_op.drop_column('edition_reasons')
        batch_op.drop_column('edition_label')
