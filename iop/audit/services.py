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


def newest_event_columns(dialect: str) -> tuple[sa.ColumnElement, sa.ColumnElement]:
    """Two columns to add to a statement, naming the state of everything audited: the newest
    event's id ("newest_event"), and whether that state is settled ("settled").

    Every audited change writes an event in its own transaction, so a new newest id means
    something changed. On PostgreSQL ids are taken before commit: while another transaction of
    this database writes, an older id may still arrive under the newest one, so `settled` is
    false while any other connection to it holds a transaction id (pg_stat_activity; the
    snapshot's own list leaves out transactions that began after the last one ended). SQLite
    writes one transaction at a time, in id order.
    """
    newest = sa.select(sa.func.max(AuditEvent.id)).scalar_subquery().label("newest_event")
    # Client connections only: autovacuum's ANALYZE holds a transaction id too, but writes no event.
    settled = (sa.literal_column("NOT EXISTS (SELECT 1 FROM pg_stat_activity"
                                 " WHERE datname = current_database() AND backend_xid IS NOT NULL"
                                 " AND backend_type = 'client backend' AND pid <> pg_backend_pid())")
               if dialect == "postgresql" else sa.true())
    return newest, settled.label("settled")


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
