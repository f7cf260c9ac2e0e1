"""commitments: what each version of a plan commits to for children, read on every crawl (the first
included), with its page, section, themes, topic tags and the reasons

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 23:30:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('commitments',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('version_id', sa.String(length=16), nullable=False),
    sa.Column('document_id', sa.String(length=16), nullable=False),
    sa.Column('system_id', sa.String(length=60), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('section', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('themes', sa.JSON(), nullable=False),
    sa.Column('tags', sa.JSON(), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['versions.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_commitments_version_id'), 'commitments', ['version_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_commitments_version_id'), table_name='commitments')
    op.drop_table('commitments')
