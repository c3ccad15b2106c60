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

from iop.agreements import services as agreements
from iop.agreements import transitions
from iop.agreements.models import Agreement, Status
from iop.extensions import db
from iop.followups.models import FollowUpReport
from iop.followups.services import settled_dates
from iop.outbox.models import MessageStatus, OutboundMessage
from iop.outbox.services import enqueue_messages
from iop.reminders import planning
from iop.reminders.emails import ReminderItem, compose_reminder
from iop.reminders.keydates import KeyDateKind, due_offsets, due_on, newly_due_window
from iop.reminders.models import Reminder, ReminderSweep
from iop.reminders.planning import MAX_REMINDER_DAYS, Candidate, agreement_key_dates
from iop.roles import Role

# pg_try_advisory_xact_lock key: "one reminder sweep at a time" (any constant unique to this purpose).
SWEEP_LOCK = 0x1_0F_5EE9


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
    # Written first: on SQLite that takes the write lock now, so writes from the web wait for the
    # sweep, rather than making the sweep's own writes fail on a snapshot they have outdated.
    record = ReminderSweep(run_on=today)
    db.session.add(record)
    db.session.flush()
    expired = transitions.expire_ended_agreements(today=today)
    cancel_settled_reminders()
    reminders, messages = plan_due_reminders(today=today)
    record.planned, record.expired = len(reminders), len(expired)
    db.session.flush()
    return SweepPlan(expired=[a.id for a in expired], reminders=reminders, messages=messages)


def plan_due_reminders(*, today: date) -> tuple[list[Reminder], int]:
    """Plan every reminder due by `today` whose key date has not passed and that is not planned yet.

    An agreement's reminders planned together go out as one e-mail: two key dates on the same
    day, or reminders caught up after days without a sweep, are one message. Answers the new
    reminders and the number of e-mails queued.
    """
    defaults = current_app.config["REMINDER_DAYS"]
    own = {a.id: a for a in planning.own_days_agreements()}
    candidates = _all_candidates(own.values(), today, defaults)
    for batch in planning.changed_agreements():
        candidates |= _all_candidates(batch, today, defaults)
    last = planning.last_sweep_before(today)
    windows = (newly_due_window(last, today, offset) for offset in defaults)
    candidates |= planning.window_candidates([w for w in windows if w])
    created, messages = _plan(candidates, own, today, defaults)
    db.session.flush()
    return created, messages


def replan_agreement(agreement: Agreement, **_) -> None:
    """Receiver of agreement_activated and agreement_dates_changed: the next sweep looks at all
    the agreement's key dates again (catching up what fell due before), not only the reminders
    that fall due that day."""
    agreements.mark_reminders_replan(agreement)


def cancel_when_ended(agreement: Agreement, *, status: Status, **_) -> None:
    """Receiver of agreement_ended."""
    if status != Status.EXPIRED:
        cancel_pending_reminders(agreement=agreement)


def cancel_pending_reminders(*, agreement: Agreement) -> int:
    """Withdraw the unsent reminder e-mails of an agreement that is no longer in force (terminated
    or withdrawn: the reminders of one that expired have all gone out by then)."""
    message_ids = sa.select(Reminder.outbound_message_id).where(Reminder.agreement_id == agreement.id)
    result = db.session.execute(
        sa.update(OutboundMessage)
        .where(OutboundMessage.id.in_(message_ids), OutboundMessage.status == MessageStatus.PENDING)
        .values(status=MessageStatus.CANCELLED)
        .execution_options(synchronize_session=False))
    return result.rowcount


def cancel_settled_reminders() -> int:
    """Withdraw the unsent reminder e-mails that are only about follow-ups whose report is in."""
    # The few pending messages first, by the status index; then their reminders by message id.
    pending = list(db.session.scalars(sa.select(OutboundMessage.id).where(
        OutboundMessage.status == MessageStatus.PENDING, OutboundMessage.entity == "agreement")))
    if not pending:
        return 0
    settled = sa.and_(Reminder.kind == KeyDateKind.FOLLOW_UP, sa.exists().where(
        FollowUpReport.agreement_id == Reminder.agreement_id,
        FollowUpReport.follow_up_date == Reminder.key_date))
    found: set[int] = set()
    for chunk in planning.chunks(pending):
        rows = db.session.execute(sa.select(Reminder.outbound_message_id, settled)
                                  .where(Reminder.outbound_message_id.in_(chunk)))
        by_message: dict[int, bool] = {}
        for message_id, is_settled in rows:
            by_message[message_id] = by_message.get(message_id, True) and bool(is_settled)
        found.update(ident for ident, all_settled in by_message.items() if all_settled)
    if not found:
        return 0
    result = db.session.execute(
        sa.update(OutboundMessage)
        .where(OutboundMessage.id.in_(found), OutboundMessage.status == MessageStatus.PENDING)
        .values(status=MessageStatus.CANCELLED)
        .execution_options(synchronize_session=False))
    return result.rowcount


def list_reminders(*, status: str | None = None, due_before: date | None = None,
                   agreement_id: int | None = None, kind: str | None = None, reader=None) -> sa.Select:
    """Reminders matching the filters, latest due first. With `reader` an officer: only those of
    their department's agreements and of those naming them responsible."""
    statement = sa.select(Reminder).join(Reminder.message).options(sa.orm.contains_eager(Reminder.message))
    if reader is not None and reader.role == Role.OFFICER:
        theirs = [Agreement.responsible_email == reader.email.lower()]
        if reader.department_id is not None:
            theirs.append(Agreement.department_id == reader.department_id)
        statement = statement.where(Reminder.agreement_id.in_(sa.select(Agreement.id).where(sa.or_(*theirs))))
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


def _all_candidates(agreements, today: date, defaults: tuple[int, ...]) -> set[Candidate]:
    found: set[Candidate] = set()
    for agreement in agreements:
        own = agreement.reminder_days
        longest = max(defaults if own is None else [min(d, MAX_REMINDER_DAYS) for d in own], default=0)
        found |= planning.candidates_of(agreement, today, longest)
    return found


def _plan(candidates: set[Candidate], own: dict[int, Agreement], today: date,
          defaults: tuple[int, ...]) -> tuple[list[Reminder], int]:
    """Queue the due reminders of the candidate key dates that are not planned yet; only the
    agreements that get one are loaded."""
    candidates = _without_settled_follow_ups(candidates)
    wanted = {(ident, kind, key_date, offset) for ident, kind, key_date in candidates
              for offset in due_offsets(key_date, _offsets(own.get(ident), defaults), today)}
    new = wanted - planning.planned_keys({w[0] for w in wanted}, today)
    by_agreement: dict[int, list[tuple]] = defaultdict(list)
    for ident, kind, key_date, offset in sorted(new, key=lambda n: (n[0], n[2], n[1], -n[3])):
        by_agreement[ident].append((kind, key_date, offset, due_on(key_date, offset)))
    agreements = planning.load_active(by_agreement)
    due = [(agreements[ident], items) for ident, items in by_agreement.items() if ident in agreements]
    # All e-mails at once: one look-up of the keys already queued and one insert, not one each.
    messages = enqueue_messages([_draft(agreement, items, today) for agreement, items in due])
    created = [Reminder(agreement_id=agreement.id, kind=kind, key_date=key_date, offset_days=offset,
                        due_on=day, message=message)
               for (agreement, items), message in zip(due, messages, strict=True)
               for kind, key_date, offset, day in items]
    db.session.add_all(created)
    return created, len(due)


def _without_settled_follow_ups(candidates: set[Candidate]) -> set[Candidate]:
    """A follow-up whose report is in (iop.followups) gets no more reminders."""
    follow_ups = {ident for ident, kind, _ in candidates if kind == KeyDateKind.FOLLOW_UP}
    if not follow_ups:
        return candidates
    settled = settled_dates(follow_ups)
    return {c for c in candidates if c[1] != KeyDateKind.FOLLOW_UP or (c[0], c[2]) not in settled}


def _offsets(agreement: Agreement | None, defaults: tuple[int, ...]) -> tuple[int, ...]:
    return defaults if agreement is None else tuple(agreement.reminder_days)


def _draft(agreement: Agreement, new: list[tuple], today: date) -> dict:
    """The reminder e-mail of one agreement's newly due reminders, as enqueue_messages takes it."""
    titles = {(k.kind, k.date): k.titles for k in agreement_key_dates(agreement)}
    # Of several offsets due together, the latest planned day says whether the reminder is late.
    planned: dict[tuple, date] = {}
    for kind, key_date, _, day in new:
        planned[(kind, key_date)] = max(day, planned.get((kind, key_date), day))
    items = {(kind, key_date): ReminderItem(kind, key_date, titles.get((kind, key_date), ()), day)
             for (kind, key_date), day in planned.items()}
    email = compose_reminder(agreement=agreement, items=list(items.values()), today=today,
                             base_url=current_app.config["BASE_URL"])
    digest = hashlib.sha256("|".join(f"{k.value}/{d.isoformat()}/{o}" for k, d, o, _ in sorted(new))
                            .encode()).hexdigest()[:24]
    recipients = [a for a in (agreement.responsible_email, agreement.department.email) if a]
    return dict(key=f"reminder:{agreement.id}:{digest}", recipients=recipients, subject=email.subject,
                body_text=email.text, body_html=email.html, entity="agreement", entity_id=agreement.id,
                domain=_mail_domain())


def _mail_domain() -> str:
    address = parseaddr(current_app.config["MAIL_FROM"])[1]
    return address.rpartition("@")[2] or "iop.invalid"
