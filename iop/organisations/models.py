from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from iop import swedish
from iop.audit.recording import Audited
from iop.clock import utcnow
from iop.dbtypes import UTCDateTime
from iop.extensions import db


class LegalForm(enum.StrEnum):
    IDEELL_FORENING = "ideell_forening"
    STIFTELSE = "stiftelse"
    TROSSAMFUND = "trossamfund"
    EKONOMISK_FORENING = "ekonomisk_forening"
    AKTIEBOLAG = "aktiebolag"
    HANDELSBOLAG = "handelsbolag"
    KOMMANDITBOLAG = "kommanditbolag"
    OTHER = "other"


LEGAL_FORM_LABELS = swedish.labels(LegalForm, "legal_form")


class Organisation(Audited, db.Model):
    __tablename__ = "organisations"
    __audit_entity__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(300), index=True)
    org_number: Mapped[str] = mapped_column(sa.String(11), unique=True)
    legal_form: Mapped[LegalForm] = mapped_column(
        sa.Enum(LegalForm, name="legal_form", values_callable=lambda e: [m.value for m in e],
                native_enum=False, length=32)
    )
    email: Mapped[str | None] = mapped_column(sa.String(320))
    phone: Mapped[str | None] = mapped_column(sa.String(50))
    address: Mapped[str | None] = mapped_column(sa.String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    contacts: Mapped[list[ContactPerson]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan", order_by="ContactPerson.id",
        lazy="selectin",
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def current_contacts(self) -> list[ContactPerson]:
        """The contact persons, without the tombstones of those erased on request."""
        return [c for c in self.contacts if c.erased_at is None]


class ContactPerson(Audited, db.Model):
    """Personal data (GDPR): kept only while needed, erasable on request.

    Erasure (iop.organisations.privacy) keeps the row as a tombstone, without the personal
    data, so that the audit log's references to it still resolve.
    """

    __tablename__ = "contact_persons"
    __audit_entity__ = "contact"
    __audit_parent__ = "organisation_id"
    __audit_parent_entity__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    title: Mapped[str | None] = mapped_column(sa.String(200))
    email: Mapped[str | None] = mapped_column(sa.String(320))
    phone: Mapped[str | None] = mapped_column(sa.String(50))
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    organisation: Mapped[Organisation] = relationship(back_populates="contacts")


class DeMinimisAid(Audited, db.Model):
    """One item of the organisation's written de minimis declaration: other aid of minor
    importance it has been granted (by another body), with the declaration's file if sent.

    Counted by the legality check with the municipality's own agreements and grants
    (Regulation (EU) 2023/2831: three rolling years). The file's bytes are kept with their
    SHA-256, and left out of the audit log (which records the SHA-256 instead).
    """

    __tablename__ = "de_minimis_aid"
    __audit_entity__ = "de_minimis_aid"
    __audit_parent__ = "organisation_id"
    __audit_parent_entity__ = "organisation"
    __audit_exclude__ = frozenset({"created_at", "file_content"})

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    granted_on: Mapped[date]
    amount: Mapped[Decimal] = mapped_column(sa.Numeric(14, 2))
    currency: Mapped[str] = mapped_column(sa.String(3), default="SEK")
    granting_body: Mapped[str] = mapped_column(sa.String(300))
    file_name: Mapped[str | None] = mapped_column(sa.String(255))
    file_media_type: Mapped[str | None] = mapped_column(sa.String(100))
    file_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    file_content: Mapped[bytes | None] = mapped_column(sa.LargeBinary, deferred=True)
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
