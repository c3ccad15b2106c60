from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from iop.audit.recording import Audited
from iop.auth.models import User
from iop.clock import utcnow
from iop.dbtypes import UTCDateTime
from iop.extensions import db


class Decision(enum.StrEnum):
    APPROVE = "approve"
    REQUEST_CHANGES = "request_changes"


class Review(Audited, db.Model):
    """A lawyer's decision on one revision, bound to the SHA-256 of the document read."""

    __tablename__ = "reviews"
    __audit_entity__ = "review"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(sa.ForeignKey("agreements.id"), index=True)
    revision: Mapped[int]
    decision: Mapped[Decision] = mapped_column(
        sa.Enum(Decision, name="review_decision", values_callable=lambda e: [m.value for m in e],
                native_enum=False, length=32))
    comment: Mapped[str | None] = mapped_column(sa.Text)
    document_sha256: Mapped[str] = mapped_column(sa.String(64))
    reviewer_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    reviewer: Mapped[User] = relationship(lazy="joined")
