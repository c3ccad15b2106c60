"""Reading the audit log."""

from __future__ import annotations

import sqlalchemy as sa

from iop.audit.models import AuditEvent


def list_events(*, entity: str | None = None, entity_id: int | None = None,
                actor: str | None = None, action: str | None = None) -> sa.Select:
    """Audit events matching the filters, newest first."""
    statement = sa.select(AuditEvent)
    if entity:
        statement = statement.where(AuditEvent.entity == entity)
    if entity_id is not None:
        statement = statement.where(AuditEvent.entity_id == entity_id)
    if actor:
        statement = statement.where(AuditEvent.actor == actor.strip().lower())
    if action:
        statement = statement.where(AuditEvent.action == action)
    return statement.order_by(AuditEvent.id.desc())
