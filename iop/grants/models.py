from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from iop.clock import utcnow
from iop.dbtypes import UTCDateTime
from iop.departments.models import Committee
from iop.extensions import db


class GrantImport(db.Model):
    """One imported file: who, when, and what it did. The audit log names it too."""

    __tablename__ = "grant_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    imported_by: Mapped[str] = mapped_column(sa.String(320))
    filename: Mapped[str | None] = mapped_column(sa.String(255))
    file_format: Mapped[str] = mapped_column(sa.String(8))
    imported: Mapped[int] = mapped_column(default=0)
    updated: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)
    refused: Mapped[int] = mapped_column(default=0)


class Grant(db.Model):
    """A grant decided by a committee, as its grant system reported it.

    The key is (year, committee, org_number, purpose): importing a row with the same key
    again updates the amount instead of adding a grant. Rows are written in bulk by the
    import, which records one audit event per file (with every changed amount), rather
    than one per row.
    """

    __tablename__ = "grants"
    __table_args__ = (
        sa.UniqueConstraint("year", "committee_id", "org_number", "purpose", name="uq_grants_key"),
        sa.Index("ix_grants_org_number_year", "org_number", "year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    committee_id: Mapped[int] = mapped_column(sa.ForeignKey("committees.id"), index=True)
    org_number: Mapped[str] = mapped_column(sa.String(11))
    # The name as the grant system wrote it; the registered organisation, when the number matches one.
    organisation_name: Mapped[str] = mapped_column(sa.String(300))
    organisation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    purpose: Mapped[str] = mapped_column(sa.String(500))
    amount_sek: Mapped[Decimal] = mapped_column(sa.Numeric(14, 2))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The import that last wrote the amount (created the row or changed it).
    import_id: Mapped[int] = mapped_column(sa.ForeignKey("grant_imports.id"), index=True)

    committee: Mapped[Committee] = relationship(lazy="joined")
