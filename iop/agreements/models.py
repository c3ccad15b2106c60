from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from iop import months
from iop.audit.recording import Audited
from iop.auth.models import User
from iop.clock import utcnow
from iop.dbtypes import UTCDateTime
from iop.departments.models import Department
from iop.extensions import db
from iop.organisations.models import Organisation


def _enum(cls, name: str, length: int = 32):
    return sa.Enum(cls, name=name, values_callable=lambda e: [m.value for m in e],
                   native_enum=False, length=length)


class Kind(enum.StrEnum):
    IOP = "iop"
    ANNUAL = "annual"


class Status(enum.StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    ACTIVE = "active"
    EXPIRED = "expired"
    TERMINATED = "terminated"
    WITHDRAWN = "withdrawn"


SIGNED_STATUSES = frozenset({Status.ACTIVE, Status.EXPIRED, Status.TERMINATED})


class Party(enum.StrEnum):
    MUNICIPALITY = "municipality"
    ORGANISATION = "organisation"


class ResourceType(enum.StrEnum):
    MONEY = "money"
    PREMISES = "premises"
    STAFF_HOURS = "staff_hours"
    VOLUNTEER_HOURS = "volunteer_hours"
    IN_KIND = "in_kind"


class Per(enum.StrEnum):
    YEAR = "year"
    TOTAL = "total"


class PaymentTerms(enum.StrEnum):
    """When and how the municipality pays its money contribution (the economy section's clause)."""

    YEARLY_IN_ADVANCE = "yearly_in_advance"
    HALF_YEARLY_IN_ADVANCE = "half_yearly_in_advance"
    QUARTERLY_IN_ADVANCE = "quarterly_in_advance"
    PER_MILESTONE = "per_milestone"


class Agreement(Audited, db.Model):
    """An agreement's current state; its content history is in AgreementRevision rows."""

    __tablename__ = "agreements"
    __audit_entity__ = "agreement"
    __table_args__ = (
        sa.Index("ix_agreements_status_end_date", "status", "end_date"),
        sa.Index("ix_agreements_department_status", "department_id", "status"),
        # iop.reminders: the daily sweep finds notice deadlines by range; feeds find an officer's agreements.
        sa.Index("ix_agreements_status_notice_deadline", "status", "notice_deadline"),
        sa.Index("ix_agreements_responsible_email_status", "responsible_email", "status"),
        sa.Index("ix_agreements_own_reminder_days", "status",
                 sqlite_where=sa.text("reminder_days IS NOT NULL"),
                 postgresql_where=sa.text("reminder_days IS NOT NULL")),
        # Partial: almost no agreement is marked, and an index on (status, reminders_replan) told
        # SQLite's planner statistics that the mark matches every active row, so it walked them all.
        sa.Index("ix_agreements_reminders_replan", "status",
                 sqlite_where=sa.text("reminders_replan = 1"), postgresql_where=sa.text("reminders_replan")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[Kind] = mapped_column(_enum(Kind, "agreement_kind", 16))
    template_key: Mapped[str] = mapped_column(sa.String(64))
    title: Mapped[str] = mapped_column(sa.String(300))
    case_number: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    department_id: Mapped[int] = mapped_column(sa.ForeignKey("departments.id"))
    status: Mapped[Status] = mapped_column(_enum(Status, "agreement_status", 16), default=Status.DRAFT)
    revision: Mapped[int] = mapped_column(default=1)
    approved_revision: Mapped[int | None]

    background: Mapped[str | None] = mapped_column(sa.Text)
    governance: Mapped[str | None] = mapped_column(sa.Text)
    challenge: Mapped[str | None] = mapped_column(sa.Text)
    purpose: Mapped[str | None] = mapped_column(sa.Text)
    added_value: Mapped[str | None] = mapped_column(sa.Text)
    market_assessment: Mapped[str | None] = mapped_column(sa.Text)
    follow_up_description: Mapped[str | None] = mapped_column(sa.Text)
    activities: Mapped[str | None] = mapped_column(sa.Text)  # what the organisation does (annual)
    # How it concerns girls and boys, women and men (optional; the yearly report's Jämställdhet).
    gender_equality: Mapped[str | None] = mapped_column(sa.Text)

    start_date: Mapped[date | None]
    end_date: Mapped[date | None]
    notice_period_months: Mapped[int | None]
    # The renewal clause: how long each extension runs, how many there may be, and
    # whether it happens without a decision (unlimited automatic renewal is a legal risk).
    extension_months: Mapped[int | None]
    max_extensions: Mapped[int | None]
    automatic_extension: Mapped[bool] = mapped_column(default=False)
    # A service of general economic interest (SGEI/SGEI-de-minimis) has a higher state-aid ceiling.
    general_economic_interest: Mapped[bool] = mapped_column(default=False)
    # The decision the agreement rests on: the committee's (body, date, §, case number) or one
    # taken by delegation (decision_delegation names the point of the delegation order).
    decision_body: Mapped[str | None] = mapped_column(sa.String(200))
    decision_date: Mapped[date | None]
    decision_section: Mapped[str | None] = mapped_column(sa.String(32))
    decision_case_number: Mapped[str | None] = mapped_column(sa.String(64))
    decision_delegation: Mapped[str | None] = mapped_column(sa.String(300))
    # None: the template's default (half-yearly in advance).
    payment_terms: Mapped[PaymentTerms | None] = mapped_column(_enum(PaymentTerms, "payment_terms", 32))
    # Whether the organisation handles personal data on the municipality's behalf (then the
    # agreement needs a personuppgiftsbiträdesavtal).
    processes_personal_data: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    responsible_email: Mapped[str | None] = mapped_column(sa.String(320))
    # Reminders (iop.reminders): days before each key date that reminders go out, when this
    # agreement differs from IOP_REMINDER_DAYS. Derived, not to be set: notice_deadline, the end
    # date minus the notice period (kept below whenever either is set), so the sweep finds
    # deadlines with an index. reminders_replan: whether the key dates changed (it was activated,
    # say) since the sweep last planned them; set and cleared through `iop.agreements.services`.
    reminder_days: Mapped[list[int] | None] = mapped_column(sa.JSON(none_as_null=True))
    notice_deadline: Mapped[date | None]
    reminders_replan: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    signed_on: Mapped[date | None]
    approved_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    active_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    ended_on: Mapped[date | None]
    end_reason: Mapped[str | None] = mapped_column(sa.Text)

    predecessor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("agreements.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    department: Mapped[Department] = relationship(lazy="joined")
    created_by: Mapped[User | None] = relationship()
    predecessor: Mapped[Agreement | None] = relationship(remote_side=[id])
    parties: Mapped[list[AgreementParty]] = relationship(
        cascade="all, delete-orphan", order_by="AgreementParty.position", lazy="selectin")
    resources: Mapped[list[Resource]] = relationship(
        cascade="all, delete-orphan", order_by="Resource.position", lazy="selectin")
    milestones: Mapped[list[Milestone]] = relationship(
        cascade="all, delete-orphan", order_by="(Milestone.date, Milestone.position)", lazy="selectin")
    follow_ups: Mapped[list[FollowUp]] = relationship(
        cascade="all, delete-orphan", order_by="(FollowUp.date, FollowUp.position)", lazy="selectin")
    signatories: Mapped[list[Signatory]] = relationship(
        cascade="all, delete-orphan", order_by="Signatory.position", lazy="selectin")

    __mapper_args__ = {"version_id_col": version}

    @validates("end_date", "notice_period_months")
    def _keep_notice_deadline(self, key: str, value):
        period = {"end_date": self.end_date, "notice_period_months": self.notice_period_months, key: value}
        self.notice_deadline = months.notice_deadline(period["end_date"], period["notice_period_months"])
        return value

    @property
    def organisation_ids(self) -> list[int]:
        return [p.organisation_id for p in self.parties]


class AgreementPart(Audited):
    """Columns every row belonging to one agreement has; logged under its agreement."""

    __audit_parent__ = "agreement_id"
    __audit_parent_entity__ = "agreement"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(sa.ForeignKey("agreements.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)


class DatedItem(AgreementPart):
    date: Mapped[date] = mapped_column(index=True)
    title: Mapped[str] = mapped_column(sa.String(300))


class AgreementParty(AgreementPart, db.Model):
    """An organisation that is party to an agreement (an IOP may have several)."""

    __tablename__ = "agreement_parties"
    __audit_entity__ = "party"
    __table_args__ = (sa.UniqueConstraint("agreement_id", "organisation_id"),)

    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)

    organisation: Mapped[Organisation] = relationship(lazy="joined")


class Resource(AgreementPart, db.Model):
    """What one party contributes: money in SEK and/or hours, per year or in total."""

    __tablename__ = "resources"
    __audit_entity__ = "resource"

    party: Mapped[Party] = mapped_column(_enum(Party, "resource_party", 16))
    organisation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organisations.id"))
    type: Mapped[ResourceType] = mapped_column(_enum(ResourceType, "resource_type", 32))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    amount_sek: Mapped[Decimal | None] = mapped_column(sa.Numeric(14, 2))
    hours: Mapped[Decimal | None] = mapped_column(sa.Numeric(12, 2))
    per: Mapped[Per] = mapped_column(_enum(Per, "resource_per", 8), default=Per.YEAR)


class Milestone(DatedItem, db.Model):
    __tablename__ = "milestones"
    __audit_entity__ = "milestone"


class FollowUp(DatedItem, db.Model):
    """A date when results are reported or evaluated."""

    __tablename__ = "follow_ups"
    __audit_entity__ = "follow_up"


class Signatory(AgreementPart, db.Model):
    __tablename__ = "signatories"
    __audit_entity__ = "signatory"

    party: Mapped[Party] = mapped_column(_enum(Party, "signatory_party", 16))
    # Whom an organisation's signatory signs for when the agreement has several organisations.
    organisation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organisations.id"))
    name: Mapped[str] = mapped_column(sa.String(200))
    title: Mapped[str] = mapped_column(sa.String(200), default="")


class AgreementRevision(db.Model):
    """The content of an agreement as saved, numbered, kept forever; documents render from it.

    `content` is the document data of that moment (names and numbers of the parties
    included), so a revision renders the same bytes years later.
    """

    __tablename__ = "agreement_revisions"
    __table_args__ = (sa.UniqueConstraint("agreement_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(sa.ForeignKey("agreements.id"), index=True)
    number: Mapped[int]
    content: Mapped[dict] = mapped_column(sa.JSON)
    # The template version it was drafted with, and is always rendered with (None: drafted
    # before versions were kept; rendered with the current template).
    template_sha256: Mapped[str | None] = mapped_column(sa.ForeignKey("template_versions.sha256"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    created_by: Mapped[User | None] = relationship(lazy="joined")


class TemplateVersion(db.Model):
    """A template's Word file and manifest as they were when a revision was drafted with them,
    kept by the SHA-256 of the Word file, so an edited template never changes an old document."""

    __tablename__ = "template_versions"

    sha256: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(64))
    version: Mapped[str] = mapped_column(sa.String(64))
    manifest: Mapped[dict] = mapped_column(sa.JSON)
    content: Mapped[bytes] = mapped_column(sa.LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class StoredDocument(db.Model):
    """Exact bytes kept for the record: the approved and the signed document (so re-rendering can
    never change them), their PDF/A copy, and uploaded scans of the signed paper."""

    __tablename__ = "stored_documents"
    __table_args__ = (sa.Index("ix_stored_documents_lookup", "agreement_id", "revision", "purpose"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(sa.ForeignKey("agreements.id"))
    revision: Mapped[int]
    purpose: Mapped[str] = mapped_column(sa.String(32))  # approved, active, active_pdfa, signed_scan
    sha256: Mapped[str] = mapped_column(sa.String(64))
    media_type: Mapped[str] = mapped_column(sa.String(200))
    filename: Mapped[str] = mapped_column(sa.String(255), default="")
    size: Mapped[int] = mapped_column(default=0)
    uploaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    content: Mapped[bytes] = mapped_column(sa.LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class MunicipalGoal(Audited, db.Model):
    """One of the municipality's goals (kommunala mål), kept by admins; officers tag agreements
    with the goals they serve, and the yearly report counts agreements and money per goal."""

    __tablename__ = "municipal_goals"
    __audit_entity__ = "municipal_goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int | None]  # as the municipality numbers its goals ("4. En kommun där ...")
    name: Mapped[str] = mapped_column(sa.String(300), unique=True)
    description: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class AgreementGoal(db.Model):
    """An agreement serves a municipal goal."""

    __tablename__ = "agreement_goals"

    agreement_id: Mapped[int] = mapped_column(sa.ForeignKey("agreements.id"), primary_key=True)
    goal_id: Mapped[int] = mapped_column(sa.ForeignKey("municipal_goals.id"), primary_key=True, index=True)
