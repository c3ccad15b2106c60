"""A follow-up report settles one follow-up date of an agreement; its files are archived documents."""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from iop.agreements.models import Agreement, StoredDocument
from iop.audit.recording import Audited
from iop.auth.models import User
from iop.clock import utcnow
from iop.dbtypes import UTCDateTime
from iop.extensions import db
from iop.organisations.models import ContactPerson


class Assessment(enum.StrEnum):
    PENDING = "pending"  # handed in through the portal, not yet assessed by the officer
    MET = "met"
    PARTLY_MET = "partly_met"
    NOT_MET = "not_met"


class FollowUpReport(Audited, db.Model):
    """The organisation's report for the follow-up date `follow_up_date` and the officer's assessment.

    Keyed by agreement and date, not by a FollowUp row: an agreement's parts are re-saved as
    new rows, and a date is what the parties agreed on.
    """

    __tablename__ = "follow_up_reports"
    __audit_entity__ = "follow_up_report"
    __audit_parent__ = "agreement_id"
    __audit_parent_entity__ = "agreement"
    __table_args__ = (sa.UniqueConstraint("agreement_id", "follow_up_date"),
                      sa.Index("ix_follow_up_reports_follow_up_date", "follow_up_date"))

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(sa.ForeignKey("agreements.id"))
    follow_up_date: Mapped[date]
    received_on: Mapped[date]
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    assessment: Mapped[Assessment] = mapped_column(sa.Enum(
        Assessment, name="follow_up_assessment", values_callable=lambda e: [m.value for m in e],
        native_enum=False, length=16))
    comment: Mapped[str | None] = mapped_column(sa.Text)
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    # Set when the organisation handed the report in itself, through the portal.
    submitted_by_contact_id: Mapped[int | None] = mapped_column(sa.ForeignKey("contact_persons.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    agreement: Mapped[Agreement] = relationship()
    recorded_by: Mapped[User | None] = relationship(lazy="joined")
    submitted_by_contact: Mapped[ContactPerson | None] = relationship(lazy="joined")
    files: Mapped[list[FollowUpReportFile]] = relationship(
        cascade="all, delete-orphan", order_by="FollowUpReportFile.id", lazy="selectin")


class FollowUpReportFile(db.Model):
    """A file of a report, kept as a StoredDocument of the agreement (bytes, SHA-256, audit)."""

    __tablename__ = "follow_up_report_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(sa.ForeignKey("follow_up_reports.id"), index=True)
    document_id: Mapped[int] = mapped_column(sa.ForeignKey("stored_documents.id"), unique=True)

    # Loaded by the services without its bytes: a list of reports names its files, not carries them.
    document: Mapped[StoredDocument] = relationship(lazy="joined", innerjoin=True)

    @property
    def filename(self) -> str:
        return self.document.filename

    @property
    def media_type(self) -> str:
        return self.document.media_type

    @property
    def size(self) -> int:
        return self.document.size

    @property
    def sha256(self) -> str:
        return self.document.sha256
