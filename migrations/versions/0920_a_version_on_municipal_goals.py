"""a version on municipal goals

Revision ID: 0920
Revises: 0910
Create Date: 2026-12-07 00:00:00.000000

Admins now keep the municipal goals on a page: two admins editing one goal see each other's
save (SQLAlchemy's version_id_col, as departments and users have). Existing goals start at
version 1.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0920'
down_revision = '0910'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('municipal_goals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))


def downgrade():
    with op.batch_alter_table('municipal_goals', schema=None) as batch_op:
        batch_op.drop_column('version')
