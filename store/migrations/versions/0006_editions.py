"""editions: a document that continues another (predecessor_id) now says which edition it is and why
it joined the series (title, shared text, the site's "previous version"), or that a maintainer said so;
and a web edition names the file it is the same plan as (format_of_id), so a change is reported once

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
    # plain ADD COLUMN on both databases: SQLite's batch mode would copy and drop `documents`, which
    # the foreign keys of a populated archive forbid
    op.add_column('documents', sa.Column('edition_label', sa.Text(), nullable=True))
    op.add_column('documents', sa.Column('edition_reasons', sa.JSON(), nullable=True))
    if op.get_bind().dialect.name == "sqlite":  # SQLite takes a REFERENCES clause only inside ADD COLUMN
        op.execute("ALTER TABLE documents ADD COLUMN format_of_id VARCHAR(16) REFERENCES documents (id)")
    else:
        op.add_column('documents', sa.Column('format_of_id', sa.String(length=16), nullable=True))
        op.create_foreign_key('fk_documents_format_of_id', 'documents', 'documents', ['format_of_id'], ['id'])
    op.add_column('changes', sa.Column('edition', sa.Text(), nullable=True))
    documents = sa.table('documents', sa.column('predecessor_id', sa.String), sa.column('edition_label', sa.Text),
                         sa.column('edition_reasons', sa.JSON))
    op.execute(documents.update().where(documents.c.predecessor_id.is_not(None)).values(
        edition_label='later edition',
        edition_reasons=['continued the document it replaced when that one went missing (before editions)']))


def downgrade() -> None:
    with op.batch_alter_table('changes') as batch_op:
        batch_op.drop_column('edition')
    with op.batch_alter_table('documents') as batch_op:
        batch_op.drop_constraint('fk_documents_format_of_id', type_='foreignkey')
        batch_op.drop_column('format_of_id')
        batch_op.drop_column('edition_reasons')
        batch_op.drop_column('edition_label')
