"""The reminder sweep's rules: expire ended agreements, plan due reminders, queue their e-mail.

Planning and queuing happen in the caller's transaction (a transactional outbox): a crash
before the commit plans nothing, a crash after it leaves rows that delivery sends later,
and the unique key (agreement, kind, key date, offset) makes a rerun plan nothing twice.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from email.utils import parseaddr

import sqlalchemy as sa
from flask import current_app

from iop.agreements import lifecycle
from iop.agreements.models import Agreement, FollowUp, Milestone, Status
from iop.extensions import db
from iop.outbox.models import MessageStatus, OutboundMessage
from iop.outbox.services import enqueue_message
from iop.reminders.emails import ReminderItem, compose_reminder
from iop.reminders.keydates import (
    KeyDate,
    KeyDateKind,
    candidate_window,
    due_offsets,
    due_on,
    key_dates,
)
from iop.reminders.models import Reminder

# pg_try_advisory_xact_lock key: "one reminder sweep at a time" (any constant unique to this purpose).
SWEEP_LOCK = 0x1_0F_5EE9
# The largest offset an agreement's own reminder_days may use; the sweep looks that far ahead for them.
MAX_REMINDER_DAYS = 365

Candidate = tuple[int, KeyDateKind, date]  # agreement id, kind, key date


@dataclass
class SweepPlan:
    expired: list[int] = field(default_factory=list)
    reminders: list[Reminder] = field(default_factory=list)
    messages: int = 0
    locked_out: bool = False  # another sweep held the lock; this one planned nothing


def plan_sweep(*, today: date) -> SweepPlan:
    """Expire ended agreements and plan the reminders due by `today`; one sweep at a time."""
    if not _take_sweep_lock():
        return SweepPlan(locked_out=True)
    expired = expire_ended_agreements(today=today)
    reminders, messages = plan_due_reminders(today=today)
    return SweepPlan(expired=[a.id for a in expired], reminders=reminders, messages=messages)


def expire_ended_agreements(*, today: date) -> list[Agreement]:
    """Mark active agreements whose end date is before `today` expired, ended on their end date."""
    ended = db.session.scalars(sa.select(Agreement).where(
        Agreement.status == Status.ACTIVE, Agreement.end_date < today).order_by(Agreement.id)).all()
    for agreement in ended:
        agreement.ended_on = agreement.end_date
        lifecycle.move(agreement, "expire")
    return list(ended)


def plan_due_reminders(*, today: date) -> tuple[list[Reminder], int]:
    """Plan every reminder due by `today` whose key date has not passed and that is not planned yet.

    An agreement's reminders planned together go out as one e-mail: two key dates on the same
    day, or reminders caught up after days without a sweep, are one message. Answers the new
    reminders and the number of e-mails queued.
    """
    defaults = current_app.config["REMINDER_DAYS"]
    candidates = _candidates(today, max(defaults, default=0))
    if not candidates:
        return [], 0
    agreements = {a.id: a for a in db.session.scalars(sa.select(Agreement).where(
        Agreement.id.in_({c[0] for c in candidates}), Agreement.status == Status.ACTIVE))}
    planned = _planned_keys(agreements, today)
    created: list[Reminder] = []
    messages = 0
    for agreement_id, agreement_candidates in _by_agreement(candidates).items():
        agreement = agreements.get(agreement_id)
        if agreement is None:
            continue
        offsets = defaults if agreement.reminder_days is None else tuple(agreement.reminder_days)
        new = [(kind, key_date, offset, due_on(key_date, offset))
               for _, kind, key_date in sorted(agreement_candidates)
               for offset in due_offsets(key_date, offsets, today)
               if (agreement_id, kind, key_date, offset) not in planned]
        if new:
            created.extend(_queue(agreement, new, today))
            messages += 1
    db.session.flush()
    return created, messages


def cancel_pending_reminders(*, agreement: Agreement) -> int:
    """Withdraw the unsent reminder e-mails of an agreement that is no longer in force."""
    message_ids = sa.select(Reminder.outbound_message_id).where(Reminder.agreement_id == agreement.id)
    result = db.session.execute(
        sa.update(OutboundMessage)
        .where(OutboundMessage.id.in_(message_ids), OutboundMessage.status == MessageStatus.PENDING)
        .values(status=MessageStatus.CANCELLED)
        .execution_options(synchronize_session=False))
    return result.rowcount


def list_reminders(*, status: str | None = None, due_before: date | None = None,
                   agreement_id: int | None = None, kind: str | None = None) -> sa.Select:
    """Reminders matching the filters, latest due first."""
    statement = sa.select(Reminder).join(Reminder.message)
    if status:
        statement = statement.where(OutboundMessage.status == MessageStatus(status))
    if due_before is not None:
        statement = statement.where(Reminder.due_on <= due_before)
    if agreement_id is not None:
        statement = statement.where(Reminder.agreement_id == agreement_id)
    if kind:
        statement = statement.where(Reminder.kind == KeyDateKind(kind))
    return statement.order_by(Reminder.due_on.desc(), Reminder.id.desc())


def _take_sweep_lock() -> bool:
    if db.engine.dialect.name != "postgresql":
        return True  # SQLite: one process runs the sweep (README)
    # Held until this transaction ends; a second sweep meanwhile plans nothing and only delivers.
    return bool(db.session.scalar(sa.select(sa.func.pg_try_advisory_xact_lock(SWEEP_LOCK))))


def _candidates(today: date, default_max: int) -> set[Candidate]:
    """Key dates that may have a reminder due, found by index ranges on the date columns, so
    the cost follows the key dates near today, not the number of agreements stored."""
    low, high = candidate_window(today, default_max)
    uses_defaults = (Agreement.status == Status.ACTIVE) & Agreement.reminder_days.is_(None)
    found: set[Candidate] = set()
    for kind, column in ((KeyDateKind.END_DATE, Agreement.end_date),
                         (KeyDateKind.NOTICE_DEADLINE, Agreement.notice_deadline)):
        rows = db.session.execute(
            sa.select(Agreement.id, column).where(uses_defaults, column.between(low, high)))
        found.update((ident, kind, day) for ident, day in rows)
    for kind, model in ((KeyDateKind.FOLLOW_UP, FollowUp), (KeyDateKind.MILESTONE, Milestone)):
        rows = db.session.execute(
            sa.select(model.agreement_id, model.date)
            .join(Agreement, Agreement.id == model.agreement_id)
            .where(uses_defaults, model.date.between(low, high)))
        found.update((ident, kind, day) for ident, day in rows)
    return found | _candidates_with_own_days(today)


def _candidates_with_own_days(today: date) -> set[Candidate]:
    # The few agreements with their own reminder days, through a partial index on them.
    low, high = candidate_window(today, MAX_REMINDER_DAYS)
    agreements = db.session.scalars(sa.select(Agreement).where(
        Agreement.status == Status.ACTIVE, Agreement.reminder_days.is_not(None)))
    return {(agreement.id, key.kind, key.date) for agreement in agreements
            for key in agreement_key_dates(agreement) if low <= key.date <= high}


def agreement_key_dates(agreement: Agreement) -> list[KeyDate]:
    """The key dates of an agreement as it is stored."""
    return key_dates(end_date=agreement.end_date, notice_period_months=agreement.notice_period_months,
                     follow_ups=[(f.date, f.title) for f in agreement.follow_ups],
                     milestones=[(m.date, m.title) for m in agreement.milestones])


def _planned_keys(agreements: dict[int, Agreement], today: date) -> set[tuple]:
    rows = db.session.execute(sa.select(Reminder.agreement_id, Reminder.kind, Reminder.key_date,
                                        Reminder.offset_days)
                              .where(Reminder.agreement_id.in_(agreements), Reminder.key_date >= today))
    return {tuple(row) for row in rows}


def _by_agreement(candidates: set[Candidate]) -> dict[int, list[Candidate]]:
    grouped: dict[int, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        grouped[candidate[0]].append(candidate)
    return grouped


def _queue(agreement: Agreement, new: list[tuple], today: date) -> list[Reminder]:
    titles = {(k.kind, k.date): k.titles for k in agreement_key_dates(agreement)}
    items = {(kind, key_date): ReminderItem(kind, key_date, titles.get((kind, key_date), ()))
             for kind, key_date, _, _ in new}
    email = compose_reminder(agreement=agreement, items=list(items.values()), today=today,
                             base_url=current_app.config["BASE_URL"])
    digest = hashlib.sha256("|".join(f"{k.value}/{d.isoformat()}/{o}" for k, d, o, _ in sorted(new))
                            .encode()).hexdigest()[:24]
    recipients = [a for a in (agreement.responsible_email, agreement.department.email) if a]
    message = enqueue_message(key=f"reminder:{agreement.id}:{digest}", recipients=recipients,
                              subject=email.subject, body_text=email.text, body_html=email.html,
                              entity="agreement", entity_id=agreement.id, domain=_mail_domain())
    reminders = [Reminder(agreement_id=agreement.id, kind=kind, key_date=key_date, offset_days=offset,
                          due_on=day, message=message) for kind, key_date, offset, day in new]
    db.session.add_all(reminders)
    return reminders


def _mail_domain() -> str:
    address = parseaddr(current_app.config["MAIL_FROM"])[1]
    return address.rpartition("@")[2] or "iop.invalid"
