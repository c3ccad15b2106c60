"""A yearly report as it went to the board: the Word file's exact bytes and what was entered for it."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from iop.auth.models import User
from iop.clock import utcnow
from iop.dbtypes import UTCDateTime
from iop.extensions import db


class ProducedReport(db.Model):
    """A produced yearly report (ärende): kept as it was, so what the board got can be shown later."""

    __tablename__ = "produced_reports"
    __table_args__ = (sa.Index("ix_produced_reports_year", "year", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    case_number: Mapped[str] = mapped_column(sa.String(64))
    decision_date: Mapped[date]  # the date the ärende carries
    proposal: Mapped[str] = mapped_column(sa.Text)
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    preliminary: Mapped[bool] = mapped_column(default=False)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    media_type: Mapped[str] = mapped_column(sa.String(200))
    filename: Mapped[str] = mapped_column(sa.String(255))
    size: Mapped[int] = mapped_column(default=0)
    content: Mapped[bytes] = mapped_column(sa.LargeBinary, deferred=True)
    produced_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    produced_by: Mapped[User | None] = relationship(lazy="joined")
