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


def deliver_due_messages(*, limit: int = 500) -> DeliveryReport:
    """Send every pending message whose time has come, oldest first; commits after each one."""
    if not _one_thread.acquire(blocking=False):
        return DeliveryReport(busy=True)
    try:
        settings = mail.SmtpSettings.from_config(current_app.config)
        retry_minutes = current_app.config["MAIL_RETRY_MINUTES"]
        report = DeliveryReport()
        for _ in range(limit):
            claimed = _claim_next()
            if claimed is None:
                break
            message_id, email = claimed
            try:
                refused = mail.send(email, settings=settings, sent_at=utcnow())
            except mail.MailError as error:
                _record_failure(message_id, error, retry_minutes, report)
            else:
                _record_sent(message_id, refused, report)
            db.session.commit()
        return report
    finally:
        db.session.rollback()  # release a claim left by an error between claiming and recording
        _one_thread.release()


def _claim_next() -> tuple[int, mail.Email] | None:
    message = db.session.scalars(
        sa.select(OutboundMessage)
        .where(OutboundMessage.status == MessageStatus.PENDING, OutboundMessage.next_attempt_at <= utcnow())
        .order_by(OutboundMessage.next_attempt_at, OutboundMessage.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    ).first()
    if message is None:
        db.session.commit()
        return None
    email = mail.Email(recipients=tuple(message.recipients), subject=message.subject,
                       text=message.body_text, html=message.body_html, message_id=message.message_id)
    if db.engine.dialect.name == "sqlite":
        # No row locks to hold; ending the read here keeps a network wait out of a SQLite transaction.
        db.session.commit()
    return message.id, email


def _record_sent(message_id: int, refused: dict[str, str], report: DeliveryReport) -> None:
    message = db.session.get(OutboundMessage, message_id)
    message.attempts += 1
    message.status = MessageStatus.SENT
    message.sent_at = utcnow()
    message.last_error = ("Nekade mottagare: " + "; ".join(f"{a}: {r}" for a, r in refused.items())
                          if refused else None)
    report.sent += 1
    log.info("e-mail %s sent (attempt %s)", message.key, message.attempts)


def _record_failure(message_id: int, error: mail.MailError, retry_minutes: tuple[int, ...],
                    report: DeliveryReport) -> None:
    message = db.session.get(OutboundMessage, message_id)
    message.attempts += 1
    message.last_error = str(error)
    delay = None if error.permanent else retry_delay(message.attempts, retry_minutes)
    if delay is None:
        message.status = MessageStatus.FAILED
        report.failed += 1
        log.error("e-mail %s failed for good after %s attempts: %s", message.key, message.attempts, error)
    else:
        message.next_attempt_at = utcnow() + delay
        report.retrying += 1
        log.warning("e-mail %s not sent (attempt %s), retrying at %s: %s", message.key, message.attempts,
                    message.next_attempt_at.isoformat(), error)
