"""The portal's own sign-in rows: one-time links and the sessions of contact persons.

Apart from the staff's web_sessions on purpose: a contact person is not a User, a portal
session has shorter timeouts, and neither kind of session can be read as the other.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from iop.clock import utcnow
from iop.dbtypes import UTCDateTime
from iop.extensions import db
from iop.organisations.models import ContactPerson


class PortalLink(db.Model):
    """A request from the public: for a sign-in link (kind "link") or an initiative.

    A link for a contact (a known address) holds the SHA-256 of its token, until when it
    works and when it was used; every request, known or not, counts towards the rate
    limits by the HMAC of the address asked for and of the client."""

    __tablename__ = "portal_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(16), default="link")
    contact_id: Mapped[int | None] = mapped_column(sa.ForeignKey("contact_persons.id"), index=True)
    token_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    email_digest: Mapped[str] = mapped_column(sa.String(64), index=True)
    address_digest: Mapped[str] = mapped_column(sa.String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    contact: Mapped[ContactPerson | None] = relationship()


class PortalSession(db.Model):
    """A contact person's signed-in browser: the cookie carries a random key, this row its SHA-256."""

    __tablename__ = "portal_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    contact_id: Mapped[int] = mapped_column(sa.ForeignKey("contact_persons.id"), index=True)
    method: Mapped[str] = mapped_column(sa.String(16))  # how the person proved who they are
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    user_agent: Mapped[str] = mapped_column(sa.String(300), default="")
    address: Mapped[str] = mapped_column(sa.String(64), default="")

    contact: Mapped[ContactPerson] = relationship(lazy="joined")
