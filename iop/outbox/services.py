"""Queuing e-mail. Delivery (SMTP, retries) is in iop.outbox.delivery."""

from __future__ import annotations

import hashlib

import sqlalchemy as sa

from iop.extensions import db
from iop.outbox.models import OutboundMessage


def message_id_for(key: str, domain: str = "iop.invalid") -> str:
    """A Message-ID derived from the key, so a resend after a crash is recognisably the same mail."""
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@{domain}>"


def enqueue_message(*, key: str, recipients: list[str], subject: str, body_text: str,
                    body_html: str | None = None, entity: str | None = None,
                    entity_id: int | None = None, domain: str = "iop.invalid") -> OutboundMessage:
    """Queue an e-mail in the caller's transaction; the same key queued again returns the first."""
    existing = db.session.scalar(sa.select(OutboundMessage).filter_by(key=key))
    if existing is not None:
        return existing
    message = OutboundMessage(key=key, message_id=message_id_for(key, domain),
                              recipients=sorted(set(recipients)), subject=subject,
                              body_text=body_text, body_html=body_html, entity=entity,
                              entity_id=entity_id)
    db.session.add(message)
    db.session.flush()
    return message
