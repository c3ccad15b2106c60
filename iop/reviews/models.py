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
    # The legality warnings the lawyer saw, and their assessment of them, kept with the decision.
    warnings: Mapped[list] = mapped_column(sa.JSON, default=list)
    assessment: Mapped[str | None] = mapped_column(sa.Text)
    reviewer_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    reviewer: Mapped[User] = relationship(lazy="joined")


class ReviewComment(Audited, db.Model):
    """A reviewer's remark on one section of one revision; resolved when the officer has dealt with it."""

    __tablename__ = "review_comments"
    __audit_entity__ = "review_comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(sa.ForeignKey("agreements.id"), index=True)
    revision: Mapped[int]
    section: Mapped[str] = mapped_column(sa.String(64))
    body: Mapped[str] = mapped_column(sa.Text)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    author: Mapped[User] = relationship(foreign_keys=[author_id], lazy="joined")
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id], lazy="joined")
    # The conversation stays with the comment, and so with the revision the comment was made on.
    replies: Mapped[list[ReviewReply]] = relationship(order_by="ReviewReply.id", lazy="selectin")


class ReviewReply(Audited, db.Model):
    """An answer in a review comment's thread: the officer's reply, or the lawyer's to it."""

    __tablename__ = "review_replies"
    __audit_entity__ = "review_reply"

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(sa.ForeignKey("review_comments.id"), index=True)
    body: Mapped[str] = mapped_column(sa.Text)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author: Mapped[User] = relationship(lazy="joined")
