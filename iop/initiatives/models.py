from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from iop import swedish
from iop.audit.recording import Audited
from iop.auth.models import User
from iop.clock import utcnow
from iop.dbtypes import UTCDateTime
from iop.departments.models import Department
from iop.extensions import db
from iop.organisations.models import Organisation


def _enum(cls, name: str, length: int = 16):
    return sa.Enum(cls, name=name, values_callable=lambda e: [m.value for m in e],
                   native_enum=False, length=length)


class InitiativeStatus(enum.StrEnum):
    RECEIVED = "received"
    IN_NETWORK = "in_network"
    ASSIGNED = "assigned"
    CLOSED = "closed"


class Outcome(enum.StrEnum):
    ANSWERED = "answered"
    DECLINED = "declined"
    AGREEMENT = "agreement"
    GRANT = "grant"
    NOT_MUNICIPAL = "not_municipal"


STATUS_LABELS = swedish.labels(InitiativeStatus, "initiative_status")
OUTCOME_LABELS = swedish.labels(Outcome, "initiative_outcome")

OPEN_STATUSES = frozenset({InitiativeStatus.RECEIVED, InitiativeStatus.IN_NETWORK, InitiativeStatus.ASSIGNED})


class Initiative(Audited, db.Model):
    """A request or idea from civil society, from registration until it has an owner and an answer.

    `departments` are the departments it concerns (co-owners); `assigned_department`
    is the one lead department that answers for it once the network or an officer
    has decided. `respond_by` is fixed at registration, so a later change of the
    response-days setting does not move deadlines already given.
    """

    __tablename__ = "initiatives"
    __audit_entity__ = "initiative"
    __table_args__ = (
        # The escalation sweep: open, unhandled, unflagged, past their deadline.
        sa.Index("ix_initiatives_escalation", "first_handled_on", "flagged", "respond_by"),
        sa.Index("ix_initiatives_status_received_on", "status", "received_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    description: Mapped[str] = mapped_column(sa.Text)
    organisation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    contact_name: Mapped[str | None] = mapped_column(sa.String(200))
    contact_email: Mapped[str | None] = mapped_column(sa.String(320))
    received_on: Mapped[date]
    respond_by: Mapped[date]
    # None: it is unclear whether this is a municipal matter at all; the network decides.
    municipal_matter: Mapped[bool | None]
    status: Mapped[InitiativeStatus] = mapped_column(_enum(InitiativeStatus, "initiative_status"))
    assigned_department_id: Mapped[int | None] = mapped_column(sa.ForeignKey("departments.id"), index=True)
    outcome: Mapped[Outcome | None] = mapped_column(_enum(Outcome, "initiative_outcome"))
    agreement_id: Mapped[int | None] = mapped_column(sa.ForeignKey("agreements.id"), index=True)
    # Grants are imported from the committees' systems; kept as a loose reference
    # (an id or a decision number) until the grants register settles.
    grant_reference: Mapped[str | None] = mapped_column(sa.String(200))
    # The imported grant it became, when it is in the register (issue 19).
    grant_id: Mapped[int | None] = mapped_column(sa.ForeignKey("grants.id"), index=True)
    first_handled_on: Mapped[date | None]
    flagged: Mapped[bool] = mapped_column(default=False)
    # How it concerns girls and boys, women and men (optional; the yearly report's Jämställdhet).
    gender_equality: Mapped[str | None] = mapped_column(sa.Text)
    flagged_on: Mapped[date | None]
    closed_on: Mapped[date | None]
    registered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    organisation: Mapped[Organisation | None] = relationship(lazy="joined")
    assigned_department: Mapped[Department | None] = relationship(lazy="joined")
    registered_by: Mapped[User | None] = relationship(lazy="joined")
    concerns: Mapped[list[InitiativeDepartment]] = relationship(
        cascade="all, delete-orphan", order_by="InitiativeDepartment.position", lazy="selectin")

    __mapper_args__ = {"version_id_col": version}

    @property
    def departments(self) -> list[Department]:
        return [c.department for c in self.concerns]

    @property
    def department_codes(self) -> list[str]:
        return [c.department.code for c in self.concerns]

    def concerns_only(self, department: Department | None) -> bool:
        """True when the one department it concerns is `department`."""
        return department is not None and [d.id for d in self.departments] == [department.id]


class InitiativeDepartment(Audited, db.Model):
    """A department an initiative concerns; all of them see it as theirs, one leads."""

    __tablename__ = "initiative_departments"
    __audit_entity__ = "department"
    __audit_parent__ = "initiative_id"
    __audit_parent_entity__ = "initiative"
    __table_args__ = (sa.UniqueConstraint("initiative_id", "department_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(sa.ForeignKey("initiatives.id"), index=True)
    department_id: Mapped[int] = mapped_column(sa.ForeignKey("departments.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)

    department: Mapped[Department] = relationship(lazy="joined")


class InitiativeNote(Audited, db.Model):
    """Who said what about an initiative, and when; logged under the initiative as well."""

    __tablename__ = "initiative_notes"
    __audit_entity__ = "note"
    __audit_parent__ = "initiative_id"
    __audit_parent_entity__ = "initiative"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(sa.ForeignKey("initiatives.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author: Mapped[User | None] = relationship(lazy="joined")
