"""Finding the key dates a sweep must look at, so that its cost follows the reminders due.

- Agreements with the default reminder days: only key dates whose reminder fell due since
  the last sweep (on the first sweep: every reminder due and not passed), by index ranges
  on the date columns, comparing columns with computed dates, never a function of a column.
- Agreements changed since a sweep last planned them (`reminders_replan`: activated, dates
  or reminder days changed): every key date, so that what fell due before is caught up.
- The few with reminder days of their own: every key date, through a partial index.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

import sqlalchemy as sa

from iop.agreements import services as agreements
from iop.agreements.models import Agreement, FollowUp, Milestone, Status
from iop.extensions import db
from iop.reminders.keydates import KeyDate, KeyDateKind, candidate_window, key_dates
from iop.reminders.models import Reminder, ReminderSweep

# The largest offset an agreement's own reminder_days may use; the sweep looks that far ahead for them.
MAX_REMINDER_DAYS = 365
BATCH = 500
CHUNK = 5000  # ids per IN (...), well under SQLite's limit on parameters

Candidate = tuple[int, KeyDateKind, date]  # agreement id, kind, key date
Window = tuple[date, date]


def agreement_key_dates(agreement: Agreement) -> list[KeyDate]:
    """The key dates of an agreement as it is stored."""
    return key_dates(end_date=agreement.end_date, notice_period_months=agreement.notice_period_months,
                     follow_ups=[(f.date, f.title) for f in agreement.follow_ups],
                     milestones=[(m.date, m.title) for m in agreement.milestones])


def candidates_of(agreement: Agreement, today: date, max_offset: int) -> set[Candidate]:
    """Every key date of one agreement that can have a reminder due by `today`."""
    low, high = candidate_window(today, max_offset)
    return {(agreement.id, key.kind, key.date) for key in agreement_key_dates(agreement)
            if low <= key.date <= high}


def last_sweep_before(today: date) -> date | None:
    return db.session.scalar(sa.select(sa.func.max(ReminderSweep.run_on)).where(ReminderSweep.run_on < today))


def changed_agreements() -> Iterator[list[Agreement]]:
    """Active agreements changed since the sweep last planned them, a batch at a time; each
    batch counts as planned once the caller has it (in the caller's transaction)."""
    while batch := db.session.scalars(sa.select(Agreement).where(
            Agreement.status == Status.ACTIVE, Agreement.reminders_replan == sa.true()).limit(BATCH)).all():
        yield list(batch)
        agreements.clear_reminders_replan([a.id for a in batch])


def window_candidates(windows: list[Window]) -> set[Candidate]:
    """Key dates within the windows, of every active agreement (follow-ups and milestones: of any)."""
    # One range per SELECT (SQLite uses an index for one range, not for several OR'ed), all sent
    # as one UNION ALL: one round trip to PostgreSQL instead of four per window.
    members = []
    for low, high in windows:
        for kind, column in ((KeyDateKind.END_DATE, Agreement.end_date),
                             (KeyDateKind.NOTICE_DEADLINE, Agreement.notice_deadline)):
            members.append(sa.select(sa.literal(kind.value, sa.String).label("kind"),
                                     Agreement.id.label("id"), column.label("day"))
                           .where(Agreement.status == Status.ACTIVE, column.between(low, high)))
        # By date alone: joined to agreements, SQLite would rather walk every active agreement.
        # Whether the agreement is active is checked when it is loaded.
        for kind, model in ((KeyDateKind.FOLLOW_UP, FollowUp), (KeyDateKind.MILESTONE, Milestone)):
            members.append(sa.select(sa.literal(kind.value, sa.String), model.agreement_id, model.date)
                           .where(model.date.between(low, high)))
    if not members:
        return set()
    rows = db.session.execute(sa.union_all(*members))
    return {(ident, KeyDateKind(kind), day) for kind, ident, day in rows}


def own_days_agreements() -> list[Agreement]:
    return list(db.session.scalars(sa.select(Agreement).where(
        Agreement.status == Status.ACTIVE, Agreement.reminder_days.is_not(None))))


def planned_keys(agreement_ids: Iterable[int], today: date) -> set[tuple]:
    """The unique keys of the reminders already planned for these agreements' coming key dates."""
    found: set[tuple] = set()
    for chunk in chunks(agreement_ids):
        rows = db.session.execute(sa.select(Reminder.agreement_id, Reminder.kind, Reminder.key_date,
                                            Reminder.offset_days)
                                  .where(Reminder.agreement_id.in_(chunk), Reminder.key_date >= today))
        found.update(tuple(row) for row in rows)
    return found


def load_active(agreement_ids: Iterable[int]) -> dict[int, Agreement]:
    loaded: dict[int, Agreement] = {}
    for chunk in chunks(agreement_ids):
        # By primary key alone: with `status` in the query SQLite would walk every active agreement.
        for agreement in db.session.scalars(sa.select(Agreement).where(Agreement.id.in_(chunk))):
            if agreement.status == Status.ACTIVE:
                loaded[agreement.id] = agreement
    return loaded


def chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    """The distinct ids in order, CHUNK at a time, for IN (...) lists."""
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start:start + CHUNK]
