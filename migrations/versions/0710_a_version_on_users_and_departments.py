"""a version on users and departments

Revision ID: 0710
Revises: 0741
Create Date: 2026-12-06 20:40:00.000000

Two admins editing one user or one department: the save from the page opened first used to
overwrite the other silently. With a version (SQLAlchemy's version_id_col, as organisations,
agreements and initiatives have) the form sees the other save and shows it. Existing rows
start at version 1.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0710'
down_revision = '0741'
branch_labels = None
depends_on = None


def upgrade():
    for table in ('users', 'departments'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))


def downgrade():
    for table in ('departments', 'users'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('version')
