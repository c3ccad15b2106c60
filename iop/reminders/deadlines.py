"""An officer's coming deadlines: the key dates of the active agreements that are theirs, and the
reminders of those agreements still waiting to go out or that failed.

"Theirs": the agreements of their department and those naming them as responsible officer.
The dates are the reminder sweep's own key dates (`planning.agreement_key_dates`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa

from iop.agreements.models import Agreement, Status
from iop.auth.models import User
from iop.extensions import db
from iop.outbox.models import MessageStatus, OutboundMessage
from iop.reminders.keydates import KeyDate
from iop.reminders.models import Reminder
from iop.reminders.planning import agreement_key_dates, chunks, window_candidates
from iop.reminders.services import list_reminders

UNSENT = (MessageStatus.PENDING, MessageStatus.FAILED)


@dataclass(frozen=True)
class Deadline:
    agreement: Agreement
    key: KeyDate
    days_left: int


def agreements_of_officer(*, user: User) -> sa.Select:
    """The active agreements of the user's department, or naming the user as responsible."""
    theirs = [Agreement.responsible_email == user.email.lower()]
    if user.department_id is not None:
        theirs.append(Agreement.department_id == user.department_id)
    return (sa.select(Agreement).where(Agreement.status == Status.ACTIVE, sa.or_(*theirs))
            .order_by(Agreement.id))


def upcoming_deadlines(*, user: User, today: date, days: int) -> list[Deadline]:
    """The key dates from `today` to `days` ahead of the user's active agreements, soonest first."""
    last = today + timedelta(days=days)
    # Only agreements with a key date in the window are loaded (the sweep's indexed window queries
    # find them), not every active agreement of the department on every visit to the start page.
    in_window = {ident for ident, _, _ in window_candidates([(today, last)])}
    found = [Deadline(agreement, key, (key.date - today).days)
             for chunk in chunks(in_window)
             for agreement in db.session.scalars(agreements_of_officer(user=user)
                                                 .where(Agreement.id.in_(chunk))).unique()
             for key in agreement_key_dates(agreement) if today <= key.date <= last]
    return sorted(found, key=lambda d: (d.key.date, d.agreement.id))


def unsent_reminders(*, user: User, limit: int) -> list[Reminder]:
    """The reminders of the user's active agreements that wait to go out or failed, the failed and
    then the earliest due first."""
    theirs = agreements_of_officer(user=user).with_only_columns(Agreement.id).order_by(None)
    statement = list_reminders().where(Reminder.agreement_id.in_(theirs), OutboundMessage.status.in_(UNSENT))
    failed_first = sa.case((OutboundMessage.status == MessageStatus.FAILED, 0), else_=1)
    statement = statement.order_by(None).order_by(failed_first, Reminder.due_on, Reminder.id)
    return list(db.session.scalars(statement.limit(limit)))
