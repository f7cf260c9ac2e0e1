"""outbox: when a digest was last tried and how many times in a row the server refused it for good, so
the running scheduler can retry failures with back-off and stop retrying permanent refusals

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-02 02:30:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('outbox') as batch:
        batch.add_column(sa.Column('attempted_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('refusals', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('outbox') as batch:
        batch.drop_column('refusals')
        batch.drop_column('attempted_at')
