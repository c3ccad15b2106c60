"""Queuing e-mail. Delivery (SMTP, retries) is in iop.outbox.delivery."""

from __future__ import annotations

import hashlib

import sqlalchemy as sa

from iop.extensions import db
from iop.outbox.models import OutboundMessage


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
