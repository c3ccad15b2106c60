"""a version on committees

Revision ID: 0910
Revises: 0900
Create Date: 2027-02-10 10:00:00.000000

Committees are a list that admins keep on a page of their own (issue 19): two admins renaming
one committee are told of each other's save, as with users and departments (0710). Existing
rows start at version 1.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0910'
down_revision = '0900'
branch_labels = None
depends_on = None


def upgrade():
    # Not in batch mode: SQLite adds the column in place; copying the table would break the
    # foreign keys of departments and grants that point at it.
    op.add_column('committees', sa.Column('version', sa.Integer(), nullable=False, server_default='1'))


def downgrade():
    # SQLite (3.35 and later) drops a column without copying the table.
    op.drop_column('committees', 'version')
