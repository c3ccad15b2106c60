"""a partial index for the reminder replan mark

Revision ID: 0601
Revises: 0501
Create Date: 2026-12-04 15:10:00.000000

The daily sweep looks for the few active agreements marked for replanning. With planner
statistics (ANALYZE), an index on (status, reminders_replan) looked useless to SQLite, since the
mark is false on nearly every row, and the sweep walked all agreements (14 ms at 20,000). A
partial index holds only the marked rows.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0601'
down_revision = '0501'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.drop_index('ix_agreements_status_reminders_replan')
        batch_op.create_index('ix_agreements_reminders_replan', ['status'], unique=False,
                              sqlite_where=sa.text('reminders_replan = 1'),
                              postgresql_where=sa.text('reminders_replan'))


def downgrade():
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.drop_index('ix_agreements_reminders_replan')
        batch_op.create_index('ix_agreements_status_reminders_replan', ['status', 'reminders_replan'],
                              unique=False)
