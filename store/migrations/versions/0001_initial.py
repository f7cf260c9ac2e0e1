"""archive: runs, documents, versions, fetches, url states

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-23 14:48:16.400467
"""
import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('documents',
    sa.Column('id', sa.String(length=16), nullable=False),
    sa.Column('system_id', sa.String(length=60), nullable=False),
    sa.Column('doc_type', sa.String(length=24), nullable=False),
    sa.Column('easy_read', sa.Boolean(), nullable=False),
    sa.Column('format', sa.String(length=16), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('first_seen', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen', sa.DateTime(timezone=True), nullable=False),
    sa.Column('missing_since', sa.DateTime(timezone=True), nullable=True),
    sa.Column('full_document_id', sa.String(length=16), nullable=True),
    sa.Column('reasons', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['full_document_id'], ['documents.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_system_id'), ['system_id'], unique=False)

    op.create_table('runs',
    sa.Column('id', sa.String(length=16), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('report', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('versions',
    sa.Column('id', sa.String(length=16), nullable=False),
    sa.Column('document_id', sa.String(length=16), nullable=False),
    sa.Column('run_id', sa.String(length=16), nullable=True),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('referrer', sa.Text(), nullable=True),
    sa.Column('link_text', sa.Text(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('content_type', sa.String(length=200), nullable=True),
    sa.Column('http_etag', sa.Text(), nullable=True),
    sa.Column('http_last_modified', sa.Text(), nullable=True),
    sa.Column('first_seen', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen', sa.DateTime(timezone=True), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('page_count', sa.Integer(), nullable=True),
    sa.Column('parts', sa.JSON(), nullable=True),
    sa.Column('text_sha256', sa.String(length=64), nullable=True),
    sa.Column('extract_outcome', sa.String(length=24), nullable=True),
    sa.Column('extractor', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_versions_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_versions_sha256'), ['sha256'], unique=False)

    op.create_table('fetches',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('run_id', sa.String(length=16), nullable=True),
    sa.Column('system_id', sa.String(length=60), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('fetched_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=True),
    sa.Column('outcome', sa.String(length=24), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('bytes_received', sa.Integer(), nullable=False),
    sa.Column('elapsed_s', sa.Float(), nullable=True),
    sa.Column('version_id', sa.String(length=16), nullable=True),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], ),
    sa.ForeignKeyConstraint(['version_id'], ['versions.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('fetches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fetches_run_id'), ['run_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fetches_system_id'), ['system_id'], unique=False)

    op.create_table('url_states',
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('system_id', sa.String(length=60), nullable=False),
    sa.Column('etag', sa.Text(), nullable=True),
    sa.Column('last_modified', sa.Text(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('version_id', sa.String(length=16), nullable=True),
    sa.Column('checked_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['versions.id'], ),
    sa.PrimaryKeyConstraint('url')
    )



def downgrade() -> None:

    op.drop_table('url_states')
    with op.batch_alter_table('fetches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fetches_system_id'))
        batch_op.drop_index(batch_op.f('ix_fetches_run_id'))

    op.drop_table('fetches')
    with op.batch_alter_table('versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_versions_sha256'))
        batch_op.drop_index(batch_op.f('ix_versions_document_id'))

    op.drop_table('versions')
    op.drop_table('runs')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_system_id'))

    op.drop_table('documents')

