"""Queuing e-mail. Delivery (SMTP, retries) is in iop.outbox.delivery."""

from __future__ import annotations

import hashlib
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from iop.clock import utcnow
from iop.errors import Conflict, NotFound
from iop.extensions import db
from iop.outbox.models import MessageStatus, OutboundMessage


def message_id_for(key: str, domain: str = "iop.invalid") -> str:
    """A Message-ID derived from the key, so a resend after a crash is recognisably the same mail."""
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@{domain}>"


KEYS_PER_LOOKUP = 1000  # keys per IN (...), well under either database's limit on parameters


def enqueue_message(*, key: str, recipients: list[str], subject: str, body_text: str,
                    body_html: str | None = None, entity: str | None = None,
                    entity_id: int | None = None, domain: str = "iop.invalid") -> OutboundMessage:
    """Queue an e-mail in the caller's transaction; the same key queued again returns the first."""
    return enqueue_messages([dict(key=key, recipients=recipients, subject=subject, body_text=body_text,
                                  body_html=body_html, entity=entity, entity_id=entity_id, domain=domain)])[0]


def enqueue_messages(drafts: list[dict]) -> list[OutboundMessage]:
    """Queue several e-mails (each the keyword arguments of enqueue_message) with one look-up of the
    keys already queued and one insert; answers the message of each draft, in order."""
    keys = list(dict.fromkeys(draft["key"] for draft in drafts))
    queued: dict[str, OutboundMessage] = {}
    for start in range(0, len(keys), KEYS_PER_LOOKUP):
        chunk = keys[start:start + KEYS_PER_LOOKUP]
        queued.update((m.key, m) for m in db.session.scalars(
            sa.select(OutboundMessage).where(OutboundMessage.key.in_(chunk))))
    fresh = []
    for draft in drafts:
        if draft["key"] not in queued:
            queued[draft["key"]] = _message(**draft)
            fresh.append(queued[draft["key"]])
    db.session.add_all(fresh)
    db.session.flush()
    return [queued[draft["key"]] for draft in drafts]


def _message(*, key: str, recipients: list[str], subject: str, body_text: str, body_html: str | None = None,
             entity: str | None = None, entity_id: int | None = None,
             domain: str = "iop.invalid") -> OutboundMessage:
    return OutboundMessage(key=key, message_id=message_id_for(key, domain),
                           recipients=sorted(set(recipients)), subject=subject, body_text=body_text,
                           body_html=body_html, entity=entity, entity_id=entity_id)


def list_messages(*, status: str | None = None) -> sa.Select:
    """Outgoing e-mail, newest first; optionally only those with one status."""
    statement = sa.select(OutboundMessage)
    if status:
        statement = statement.where(OutboundMessage.status == MessageStatus(status))
    return statement.order_by(OutboundMessage.created_at.desc(), OutboundMessage.id.desc())


def retry_message(*, message_id: int) -> OutboundMessage:
    """Send a failed (or waiting) e-mail again at the next delivery, with a fresh round of attempts."""
    message = db.session.get(OutboundMessage, message_id)
    if message is None:
        raise NotFound(f"E-postmeddelandet {message_id} finns inte.")
    if message.status not in (MessageStatus.FAILED, MessageStatus.PENDING):
        raise Conflict("Bara ett e-postmeddelande som inte har skickats kan skickas igen.",
                       {"status": [message.status.value]})
    message.status = MessageStatus.PENDING
    message.attempts = 0
    message.next_attempt_at = utcnow()
    db.session.flush()
    return message


def status_in_words(message: OutboundMessage, *, timezone: str) -> str:
    """The state of an e-mail as an officer reads it: never the server's error text."""
    zone = ZoneInfo(timezone)
    if message.status == MessageStatus.SENT and message.sent_at is not None:
        return f"skickad {message.sent_at.astimezone(zone):%Y-%m-%d %H:%M}"
    if message.status == MessageStatus.FAILED:
        return "misslyckades – kontakta administratören"
    if message.status == MessageStatus.CANCELLED:
        return "återkallad"
    if message.attempts:
        retry = message.next_attempt_at.astimezone(zone)
        when = f"kl. {retry:%H:%M}" if retry.date() == utcnow().astimezone(zone).date() else \
            f"{retry:%Y-%m-%d} kl. {retry:%H:%M}"
        return f"försöker igen {when}"
    return "väntar på att skickas"


# What the SMTP library's error names mean, for the admins' page (the raw text stays beside it).
_ERROR_WORDS = (
    ("ConnectionRefused", "E-postservern svarade inte: anslutningen nekades. Kontrollera IOP_SMTP_HOST och "
                          "IOP_SMTP_PORT och att servern är igång."),
    ("timed out", "E-postservern svarade inte i tid."),
    ("Timeout", "E-postservern svarade inte i tid."),
    ("SMTPAuthentication", "Inloggningen på e-postservern misslyckades: kontrollera användare och lösenord."),
    ("SSL", "Den krypterade anslutningen till e-postservern misslyckades."),
    ("gaierror", "E-postserverns namn kunde inte slås upp."),
)


def error_in_words(last_error: str | None) -> str | None:
    """A failed attempt's error in Swedish; the messages the service writes itself are already."""
    if not last_error:
        return None
    for marker, words in _ERROR_WORDS:
        if marker in last_error:
            return words
    if last_error.startswith(("Alla mottagare", "Ingen mottagare", "E-postmeddelandet")):
        return last_error
    return "E-postservern tog inte emot meddelandet."
