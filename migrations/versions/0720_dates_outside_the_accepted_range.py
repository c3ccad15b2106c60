"""dates outside the accepted range, reported and moved to its edge

Revision ID: 0720
Revises: 0601
Create Date: 2027-01-20 10:00:00.000000

Before issue 20 any date Python could hold was stored: 0001-06-01 as a start date or
9999-12-31 as an end date made date arithmetic overflow on every read. Such dates are moved
to the nearest end of the accepted range (IOP_DATE_MIN..IOP_DATE_MAX, by default
1900-01-01..2199-12-31), and each change is printed and logged with table, row and the old
value, so an officer can correct the agreement. Agreements that changed are marked for a
reminder replan. The old values are not kept: downgrade leaves the dates as they are.
"""
import logging

from alembic import op
import sqlalchemy as sa

from iop.daterange import bounds

# revision identifiers, used by Alembic.
revision = '0720'
down_revision = '0601'
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")

DATE_COLUMNS = {
    "agreements": ("start_date", "end_date", "notice_deadline", "signed_on", "ended_on"),
    "milestones": ("date",),
    "follow_ups": ("date",),
    "initiatives": ("received_on", "respond_by", "first_handled_on", "flagged_on", "closed_on"),
    "reminders": ("key_date", "due_on"),
    "reminder_sweeps": ("run_on",),
}
AGREEMENT_OF = {"agreements": "id", "milestones": "agreement_id", "follow_ups": "agreement_id"}


def upgrade():
    low, high = bounds()
    connection = op.get_bind()
    changed_agreements = set()
    for table, columns in DATE_COLUMNS.items():
        owner = AGREEMENT_OF.get(table, "NULL")
        for column in columns:
            for edge, test in ((low, "<"), (high, ">")):
                rows = connection.execute(sa.text(
                    f"SELECT id, {column}, {owner} FROM {table} WHERE {column} {test} :edge"),
                    {"edge": edge}).all()
                for ident, old, agreement_id in rows:
                    message = f"{table}.{column} id={ident}: {old} -> {edge.isoformat()}"
                    print(f"Datum utanför intervallet flyttat: {message}")
                    log.warning("date outside the accepted range moved: %s", message)
                    if agreement_id is not None:
                        changed_agreements.add(agreement_id)
                if rows:
                    connection.execute(sa.text(
                        f"UPDATE {table} SET {column} = :edge WHERE {column} {test} :edge"), {"edge": edge})
    for agreement_id in sorted(changed_agreements):
        connection.execute(sa.text("UPDATE agreements SET reminders_replan = :yes WHERE id = :id"),
                           {"yes": True, "id": agreement_id})


def downgrade():
    pass  # the moved dates cannot be told from dates entered at the edge; nothing to undo
