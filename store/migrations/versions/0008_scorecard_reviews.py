"""scorecard reviews: a reviewer's confirmation or override of one scorecard rating, with a note, the
reviewer's name and time, and the version it was made on, so that it is never lost when a new edition
is rated (the ratings themselves are computed from the stored text and commitments, not stored)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 02:20:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('scorecard_reviews',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('system_id', sa.String(length=60), nullable=False),
    sa.Column('doc_type', sa.String(length=24), nullable=False),
    sa.Column('indicator', sa.String(length=60), nullable=False),
    sa.Column('document_id', sa.String(length=16), nullable=False),
    sa.Column('version_id', sa.String(length=16), nullable=False),
    sa.Column('automatic', sa.String(length=16), nullable=False),
    sa.Column('rating', sa.String(length=16), nullable=False),
    sa.Column('decision', sa.String(length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('reviewer', sa.String(length=200), nullable=False),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ),
    sa.ForeignKeyConstraint(['version_id'], ['versions.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_scorecard_reviews_system_id'), 'scorecard_reviews', ['system_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_scorecard_reviews_system_id'), table_name='scorecard_reviews')
    op.drop_table('scorecard_reviews')
