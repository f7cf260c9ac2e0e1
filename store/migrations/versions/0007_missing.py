"""missing: how many complete crawls in a row a document was not found in (missing_crawls), and whether it
vanished with most of its site (missing_site_change), so that "removed" waits for several crawls and days
and a redesign is one "site changed" line, not a notice per document

A document already marked missing counts one crawl; no row is removed or rewritten otherwise.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 02:30:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN on both databases (see 0006: batch mode would copy and drop `documents`)
    op.add_column('documents', sa.Column('missing_crawls', sa.Integer(), nullable=False, server_default='0'))
    op.add_column('documents', sa.Column('missing_site_change', sa.Boolean(), nullable=False,
                                         server_default=sa.false()))
    documents = sa.table('documents', sa.column('missing_since', sa.DateTime), sa.column('missing_crawls', sa.Integer))
    op.execute(documents.update().where(documents.c.missing_since.is_not(None)).values(missing_crawls=1))


def downgrade() -> None:
    with op.batch_alter_table('documents') as batch_op:
        batch_op.drop_column('missing_site_change')
        batch_op.drop_column('missing_crawls')
