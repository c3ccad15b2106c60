"""Reading the audit log."""

from __future__ import annotations

import re

import sqlalchemy as sa

from iop.audit.models import AuditEvent
from iop.audit.recording import REDACTED

# The records every role reads (iop.roles: "read"), whose history they may read too.
# Users, tokens, calendar feeds and login locks are the admin's business, not everyone's.
OPEN_ENTITIES = frozenset({"agreement", "organisation", "initiative", "review", "review_comment",
                           "committee", "department", "grant_import"})
# Changes that name or reach a person: a contact person, any e-mail address or phone number.
_PERSONAL_FIELDS = frozenset({"email", "contact_email", "responsible_email", "contact_name", "phone"})
_PERSONAL_PREFIXES = ("contact.", "signatory.")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def list_events(*, entity: str | None = None, entity_id: int | None = None,
                actor: str | None = None, action: str | None = None, everything: bool = True) -> sa.Select:
    """Audit events matching the filters, newest first (without `everything`: of open records only)."""
    statement = sa.select(AuditEvent)
    if not everything:
        statement = statement.where(AuditEvent.entity.in_(OPEN_ENTITIES))
    if entity:
        statement = statement.where(AuditEvent.entity == entity)
    if entity_id is not None:
        statement = statement.where(AuditEvent.entity_id == entity_id)
    if actor:
        statement = statement.where(AuditEvent.actor == actor.strip().lower())
    if action:
        statement = statement.where(AuditEvent.action == action)
    return statement.order_by(AuditEvent.id.desc())


def without_personal_data(event: AuditEvent) -> dict:
    """An event as a reader without the full log sees it: who did it and personal fields hidden,
    and any e-mail address in another field too."""
    changes = {}
    for key, values in (event.changes or {}).items():
        # A row change is [before, after]; an event's own note (a reason) is a single value.
        shown = _hidden if _personal(key) else _without_addresses
        changes[key] = [shown(v) for v in values] if isinstance(values, list) else shown(values)
    return {"id": event.id, "at": event.at, "actor": REDACTED, "action": event.action, "entity": event.entity,
            "entity_id": event.entity_id, "changes": changes}


def _personal(key: str) -> bool:
    if key.startswith(_PERSONAL_PREFIXES):
        return not key.endswith(".id")
    return key in _PERSONAL_FIELDS


def _without_addresses(value):
    return _EMAIL.sub(REDACTED, value) if isinstance(value, str) else value


def _hidden(value):
    return None if value is None else REDACTED
