"""Delivering queued e-mail: claim one due message, hand it to SMTP, record what happened.

At least once, never lost: a message is marked sent only after the SMTP server has taken
it. A process killed between the hand-over and the record sends that one message again
on the next run, with the same Message-ID; a process killed before the hand-over loses
nothing, because the claim dies with it.

Exactly once across processes on PostgreSQL: the claim is a row lock
(`FOR UPDATE SKIP LOCKED`) held while the message is sent, so a second process takes the
next message instead; the database drops the lock of a killed process. SQLite has no row
locks and is run by one process; within it, one thread delivers at a time.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from iop import mail
from iop.clock import utcnow
from iop.extensions import db
from iop.outbox.models import MessageStatus, OutboundMessage

log = logging.getLogger(__name__)

_one_thread = threading.Lock()


@dataclass
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    busy: bool = False  # another thread of this process was delivering; this call did nothing


def retry_delay(attempts: int, retry_minutes: tuple[int, ...]) -> timedelta | None:
    """The wait after the `attempts`-th failed attempt, or None when that was the last one."""
    if attempts > len(retry_minutes):
        return None
    return timedelta(minutes=retry_minutes[attempts - 1])


@dataclass(frozen=True)
class _Claim:
    id: int
    key: str
    attempts: int  # before this one
    email: mail.Email


def deliver_due_messages(*, limit: int = 500) -> DeliveryReport:
    """Send every pending message whose time has come, oldest first; commits after each one."""
    if not _one_thread.acquire(blocking=False):
        return DeliveryReport(busy=True)
    try:
        settings = mail.SmtpSettings.from_config(current_app.config)
        retry_minutes = current_app.config["MAIL_RETRY_MINUTES"]
        report = DeliveryReport()
        for _ in range(limit):
            claim = _claim_next()
            if claim is None:
                break
            try:
                refused = mail.send(claim.email, settings=settings, sent_at=utcnow())
            except mail.MailError as error:
                _record_failure(claim, error, retry_minutes, report)
            else:
                _record_sent(claim, refused, report)
            db.session.commit()
        return report
    finally:
        db.session.rollback()  # release a claim left by an error between claiming and recording
        _one_thread.release()


def _claim_next() -> _Claim | None:
    message = db.session.scalars(
        sa.select(OutboundMessage)
        .where(OutboundMessage.status == MessageStatus.PENDING, OutboundMessage.next_attempt_at <= utcnow())
        .order_by(OutboundMessage.next_attempt_at, OutboundMessage.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    ).first()
    claim = None if message is None else _Claim(
        id=message.id, key=message.key, attempts=message.attempts,
        email=mail.Email(recipients=tuple(message.recipients), subject=message.subject,
                         text=message.body_text, html=message.body_html, message_id=message.message_id))
    if claim is None or db.engine.dialect.name == "sqlite":
        # SQLite has no row locks to hold; ending the read keeps a network wait out of its transaction.
        db.session.commit()
    return claim


def _record(claim: _Claim, **values) -> None:
    # One UPDATE and no read first: on SQLite a read-then-write transaction can fail on a snapshot
    # that a write from the web has outdated meanwhile, and this one must not fail.
    db.session.execute(sa.update(OutboundMessage).where(OutboundMessage.id == claim.id)
                       .values(attempts=claim.attempts + 1, **values)
                       .execution_options(synchronize_session=False))


def _record_sent(claim: _Claim, refused: dict[str, str], report: DeliveryReport) -> None:
    note = "Nekade mottagare: " + "; ".join(f"{a}: {r}" for a, r in refused.items()) if refused else None
    _record(claim, status=MessageStatus.SENT, sent_at=utcnow(), last_error=note)
    report.sent += 1
    log.info("e-mail %s sent (attempt %s)", claim.key, claim.attempts + 1)


def _record_failure(claim: _Claim, error: mail.MailError, retry_minutes: tuple[int, ...],
                    report: DeliveryReport) -> None:
    attempts = claim.attempts + 1
    delay = None if error.permanent else retry_delay(attempts, retry_minutes)
    if delay is None:
        _record(claim, status=MessageStatus.FAILED, last_error=str(error))
        report.failed += 1
        log.error("e-mail %s failed for good after %s attempts: %s", claim.key, attempts, error)
    else:
        _record(claim, next_attempt_at=utcnow() + delay, last_error=str(error))
        report.retrying += 1
        log.warning("e-mail %s not sent (attempt %s), retrying in %s: %s", claim.key, attempts, delay, error)
