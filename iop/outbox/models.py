from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from iop.clock import utcnow
from iop.dbtypes import UTCDateTime
from iop.extensions import db


class MessageStatus(enum.StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"  # withdrawn before it was sent (its cause no longer holds)


class OutboundMessage(db.Model):
    """One e-mail to send. `key` is unique: queuing the same key twice queues it once."""

    __tablename__ = "outbound_messages"
    __table_args__ = (sa.Index("ix_outbound_messages_status_next", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(255), unique=True)
    message_id: Mapped[str] = mapped_column(sa.String(255))
    recipients: Mapped[list] = mapped_column(sa.JSON)
    subject: Mapped[str] = mapped_column(sa.String(500))
    body_text: Mapped[str] = mapped_column(sa.Text)
    body_html: Mapped[str | None] = mapped_column(sa.Text)
    entity: Mapped[str | None] = mapped_column(sa.String(64))
    entity_id: Mapped[int | None]
    status: Mapped[MessageStatus] = mapped_column(
        sa.Enum(MessageStatus, name="message_status", values_callable=lambda e: [m.value for m in e],
                native_enum=False, length=16), default=MessageStatus.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
