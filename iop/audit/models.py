from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from iop.clock import utcnow
from iop.dbtypes import UTCDateTime
from iop.extensions import db


class AuditEvent(db.Model):
    """One write, kept forever: public records must show their own history."""

    __tablename__ = "audit_events"
    __table_args__ = (sa.Index("ix_audit_events_entity", "entity", "entity_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor: Mapped[str] = mapped_column(sa.String(320))
    actor_id: Mapped[int | None] = mapped_column(sa.Integer)
    action: Mapped[str] = mapped_column(sa.String(64))
    entity: Mapped[str] = mapped_column(sa.String(64))
    entity_id: Mapped[int | None] = mapped_column(sa.Integer)
    changes: Mapped[dict] = mapped_column(sa.JSON, default=dict)
