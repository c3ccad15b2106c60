"""Contact persons' personal data on request (GDPR art. 15 and 17): export it, erase it.

Erasure keeps the contact row as a tombstone (id, organisation, erased_at; the name
becomes ERASED_NAME) and scrubs the person's name, title, e-mail and phone from every
earlier audit event about that contact, replacing each value with SCRUBBED; the events
themselves stay, so the log still shows that, when and by whom the person was added,
changed and erased. The organisation and its agreements are public records
(offentlighetsprincipen, arkivlagen) and stay as they are: signatories and other names
written into an agreement are part of the record, not of the contact register.
"""

from __future__ import annotations

import sqlalchemy as sa

from iop.audit.models import AuditEvent
from iop.audit.recording import record_event, session_action
from iop.clock import utcnow
from iop.errors import NotFound
from iop.extensions import db
from iop.organisations.models import ContactPerson, Organisation

ERASED_NAME = "(raderad)"
SCRUBBED = "[raderad]"
PERSONAL_FIELDS = ("name", "title", "email", "phone")
_AUDIT_KEYS = {f"contact.{field}" for field in PERSONAL_FIELDS}


def get_contact(*, organisation: Organisation, contact_id: int) -> ContactPerson:
    contact = next((c for c in organisation.contacts if c.id == contact_id), None)
    if contact is None:
        raise NotFound(f"Kontaktpersonen {contact_id} finns inte hos organisationen {organisation.id}.")
    return contact


def export_contact(*, organisation: Organisation, contact_id: int) -> dict:
    """Everything held about one contact person: the record and its history; the export is logged."""
    contact = get_contact(organisation=organisation, contact_id=contact_id)
    history = [
        {"at": event.at, "actor": event.actor, "action": event.action,
         "changes": {k: v for k, v in event.changes.items() if k.startswith("contact.")}}
        for event in _events_about(organisation.id, contact.id)
    ]
    record_event(db.session, action="contact_export", entity="organisation", entity_id=organisation.id,
                 changes={"contact.id": [contact.id, contact.id]})
    return {"exported_at": utcnow(), "contact": contact, "organisation": organisation, "history": history}


def erase_contact(*, organisation: Organisation, contact_id: int) -> ContactPerson:
    """Erase a contact person's personal data, here and in the audit log; erasing twice is a no-op."""
    contact = get_contact(organisation=organisation, contact_id=contact_id)
    if contact.erased_at is not None:
        return contact
    with session_action(db.session, "contact_erase"):
        contact.name, contact.title, contact.email, contact.phone = ERASED_NAME, None, None, None
        contact.erased_at = utcnow()
        organisation.updated_at = utcnow()  # a new ETag: a stale copy of the contact list cannot come back
        db.session.flush()
    for event in _events_about(organisation.id, contact.id):
        event.changes = _scrubbed(event.changes)
    db.session.flush()
    return contact


def _events_about(organisation_id: int, contact_id: int) -> list[AuditEvent]:
    events = db.session.scalars(
        sa.select(AuditEvent)
        .where(AuditEvent.entity == "organisation", AuditEvent.entity_id == organisation_id)
        .order_by(AuditEvent.id))
    return [e for e in events if contact_id in (e.changes or {}).get("contact.id", ())]


def _scrubbed(changes: dict) -> dict:
    # A new dict: the JSON column notices reassignment, not changes made inside the old one.
    return {key: [None if v is None else SCRUBBED for v in values] if key in _AUDIT_KEYS else values
            for key, values in changes.items()}
