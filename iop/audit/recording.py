"""Every insert, update and delete of an audited model becomes an AuditEvent in the same transaction.

Capturing at flush time (mapper events, row by row), rather than in each service, means a new service cannot
forget to log: whatever reaches the database is in the log, with the value before
and after. Services add a name for the step (`with session_action(session, "submit")`)
where "update" would say too little.
"""

from __future__ import annotations

import enum
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session

from iop.audit.context import current_actor
from iop.audit.models import AuditEvent
from iop.clock import utcnow

REDACTED = "***"


class Audited:
    """Mixin: instances are logged. `__audit_entity__` names them in the log.

    A child row (a contact person of an organisation) sets `__audit_parent__` to the
    attribute holding its parent's id and `__audit_parent_entity__`, and is logged
    under the parent, so one query shows a record's whole history.
    """

    __audit_entity__: str = ""
    __audit_exclude__: frozenset[str] = frozenset({"created_at", "updated_at", "version"})
    __audit_redact__: frozenset[str] = frozenset()
    __audit_parent__: str | None = None
    __audit_parent_entity__: str | None = None


def json_value(value):
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    return value


@contextmanager
def session_action(session: Session, action: str):
    """Name the step that the changes flushed inside this block belong to."""
    previous = session.info.get("audit_action")
    session.info["audit_action"] = action
    try:
        yield
    finally:
        if previous is None:
            session.info.pop("audit_action", None)
        else:
            session.info["audit_action"] = previous


def record_event(session: Session, *, action: str, entity: str, entity_id: int | None,
                 changes: dict | None = None) -> None:
    """Log a step that changes no audited row by itself (a token issued, a document approved)."""
    actor = current_actor()
    session.add(AuditEvent(at=utcnow(), actor=actor.label, actor_id=actor.user_id, action=action,
                           entity=entity, entity_id=entity_id, changes=json_value(changes or {})))


def _column_changes(obj, *, inserted: bool, deleted: bool) -> dict:
    state = sa.inspect(obj)
    changes = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in obj.__audit_exclude__:
            continue
        history = state.attrs[key].history
        if inserted:
            before, after = None, _single(history.added, state.attrs[key].value)
            if after is None:
                continue
        elif deleted:
            before, after = state.attrs[key].value, None
        else:
            if not history.has_changes():
                continue
            before = _single(history.deleted, None)
            after = _single(history.added, None)
            if before == after:
                continue
        if key in obj.__audit_redact__:
            before = REDACTED if before is not None else None
            after = REDACTED if after is not None else None
        changes[key] = [json_value(before), json_value(after)]
    return changes


def _single(values, default):
    return values[0] if values else default


def _event_row(obj, verb: str, changes: dict, session: Session) -> dict:
    actor = current_actor()
    action = session.info.get("audit_action") or verb
    if obj.__audit_parent__:
        entity = obj.__audit_parent_entity__
        entity_id = getattr(obj, obj.__audit_parent__)
        prefix = obj.__audit_entity__
        changes = {f"{prefix}.{key}": value for key, value in changes.items()}
        changes[f"{prefix}.id"] = [obj.id, obj.id] if verb == "update" else (
            [None, obj.id] if verb == "create" else [obj.id, None])
        if not session.info.get("audit_action"):
            action = f"{prefix}_{verb}"
    else:
        entity, entity_id = obj.__audit_entity__, obj.id
    return {"at": utcnow(), "actor": actor.label, "actor_id": actor.user_id, "action": action,
            "entity": entity, "entity_id": entity_id, "changes": changes}


def _after_write(verb: str):
    def listener(mapper, connection, obj) -> None:
        if not isinstance(obj, Audited):
            return
        session = sa.orm.object_session(obj)
        changes = _column_changes(obj, inserted=verb == "create", deleted=verb == "delete")
        if verb == "update" and not changes:
            return
        connection.execute(sa.insert(AuditEvent.__table__), [_event_row(obj, verb, changes, session)])

    return listener


_LISTENERS = {"after_insert": _after_write("create"), "after_update": _after_write("update"),
              "after_delete": _after_write("delete")}


def install(base) -> None:
    """Listen on every mapped subclass of `base` (row by row, so orphans deleted by a
    cascade are logged too); idempotent."""
    for name, listener in _LISTENERS.items():
        if not event.contains(base, name, listener):
            event.listen(base, name, listener, propagate=True)
