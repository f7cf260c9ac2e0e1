"""changes: what changed between versions; documents.predecessor_id links a refresh at a new URL

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 15:36:01.832127
"""
import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('changes',
    sa.Column('id', sa.String(length=16), nullable=False),
    sa.Column('run_id', sa.String(length=16), nullable=True),
    sa.Column('system_id', sa.String(length=60), nullable=False),
    sa.Column('document_id', sa.String(length=16), nullable=False),
    sa.Column('version_id', sa.String(length=16), nullable=True),
    sa.Column('previous_version_id', sa.String(length=16), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('detected_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('baseline', sa.Boolean(), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('previous_url', sa.Text(), nullable=True),
    sa.Column('relevant', sa.Boolean(), nullable=False),
    sa.Column('weakened', sa.Boolean(), nullable=False),
    sa.Column('themes', sa.JSON(), nullable=False),
    sa.Column('tags', sa.JSON(), nullable=False),
    sa.Column('excerpts', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ),
    sa.ForeignKeyConstraint(['previous_version_id'], ['versions.id'], ),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], ),
    sa.ForeignKeyConstraint(['version_id'], ['versions.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_changes_detected_at'), ['detected_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_changes_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_changes_run_id'), ['run_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_changes_system_id'), ['system_id'], unique=False)

    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('predecessor_id', sa.String(length=16), nullable=True))
        batch_op.create_foreign_key('fk_documents_predecessor_id', 'documents', ['predecessor_id'], ['id'])




def downgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_constraint('fk_documents_predecessor_id', type_='foreignkey')
        batch_op.drop_column('predecessor_id')

    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_changes_system_id'))
        batch_op.drop_index(batch_op.f('ix_changes_run_id'))
        batch_op.drop_index(batch_op.f('ix_changes_document_id'))
        batch_op.drop_index(batch_op.f('ix_changes_detected_at'))

    op.drop_table('changes')

