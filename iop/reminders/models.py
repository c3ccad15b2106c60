"""Reminder rows (one per agreement, key date and offset) and calendar feed tokens."""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from iop.audit.recording import Audited
from iop.auth.models import User
from iop.clock import utcnow
from iop.dbtypes import UTCDateTime
from iop.departments.models import Department
from iop.extensions import db
from iop.outbox.models import OutboundMessage
from iop.reminders.keydates import KeyDateKind


def _enum(cls, name: str, length: int):
    return sa.Enum(cls, name=name, values_callable=lambda e: [m.value for m in e],
                   native_enum=False, length=length)


class Reminder(db.Model):
    """A reminder `offset_days` before a key date; the unique key makes planning it twice a no-op.

    Its e-mail is an outbox message (several reminders planned together for one agreement share
    one), and its status, attempts and time of sending are that message's.
    """

    __tablename__ = "reminders"
    __table_args__ = (
        sa.UniqueConstraint("agreement_id", "kind", "key_date", "offset_days"),
        sa.Index("ix_reminders_due_on", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(sa.ForeignKey("agreements.id"))
    kind: Mapped[KeyDateKind] = mapped_column(_enum(KeyDateKind, "key_date_kind", 32))
    key_date: Mapped[date]
    offset_days: Mapped[int]
    due_on: Mapped[date]
    outbound_message_id: Mapped[int] = mapped_column(sa.ForeignKey("outbound_messages.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    message: Mapped[OutboundMessage] = relationship(lazy="joined", innerjoin=True)

    @property
    def status(self) -> str:
        return self.message.status.value

    @property
    def sent_at(self) -> datetime | None:
        return self.message.sent_at

    @property
    def attempts(self) -> int:
        return self.message.attempts

    @property
    def error(self) -> str | None:
        return self.message.last_error


class ReminderSweep(db.Model):
    """A sweep's planning, committed with it: every reminder due by `run_on` is planned for the
    active agreements not marked `reminders_replan`."""

    __tablename__ = "reminder_sweeps"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_on: Mapped[date] = mapped_column(index=True)
    planned: Mapped[int] = mapped_column(default=0)
    expired: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class FeedScope(enum.StrEnum):
    USER = "user"  # the agreements the owner is responsible for
    DEPARTMENT = "department"  # every agreement of one department


class CalendarFeed(Audited, db.Model):
    """A secret calendar URL; only the token's SHA-256 is stored, and a revoked feed answers 404."""

    __tablename__ = "calendar_feeds"
    __audit_entity__ = "calendar_feed"
    __audit_exclude__ = Audited.__audit_exclude__ | {"token_hash", "last_used_at"}

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    scope: Mapped[FeedScope] = mapped_column(_enum(FeedScope, "calendar_feed_scope", 16))
    department_id: Mapped[int | None] = mapped_column(sa.ForeignKey("departments.id"))
    name: Mapped[str] = mapped_column(sa.String(100), default="")
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    prefix: Mapped[str] = mapped_column(sa.String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    owner: Mapped[User] = relationship(lazy="joined")
    department: Mapped[Department | None] = relationship(lazy="joined")

    url = None  # not stored: the secret address, known only to the request that created the feed
