from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from iop.audit.recording import Audited
from iop.clock import utcnow
from iop.dbtypes import UTCDateTime
from iop.departments.models import Department
from iop.extensions import db
from iop.roles import Role


class User(Audited, db.Model):
    __tablename__ = "users"
    __audit_entity__ = "user"
    __audit_redact__ = frozenset({"password_hash"})
    __audit_exclude__ = Audited.__audit_exclude__ | {"last_login_at"}

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(320), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    role: Mapped[Role] = mapped_column(
        sa.Enum(Role, name="user_role", values_callable=lambda e: [m.value for m in e],
                native_enum=False, length=16)
    )
    department_id: Mapped[int | None] = mapped_column(sa.ForeignKey("departments.id"), index=True)
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(default=1)

    department: Mapped[Department | None] = relationship(lazy="joined")

    __mapper_args__ = {"version_id_col": version}

    # Flask-Login's protocol, spelled out rather than inherited from UserMixin.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return str(self.id)

    @property
    def department_code(self) -> str | None:
        return self.department.code if self.department else None


class ApiToken(Audited, db.Model):
    """A bearer token; only its SHA-256 is stored, so a database leak leaks no tokens."""

    __tablename__ = "api_tokens"
    __audit_entity__ = "api_token"
    __audit_exclude__ = Audited.__audit_exclude__ | {"last_used_at", "token_hash"}

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    prefix: Mapped[str] = mapped_column(sa.String(16))
    name: Mapped[str] = mapped_column(sa.String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Set when issued (API_TOKEN_MONTHS later) and moved on by a renewal; past it the token is refused.
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(lazy="joined")

    def expired(self, moment: datetime) -> bool:
        return self.expires_at <= moment


class WebSession(db.Model):
    """A signed-in browser: the cookie carries a random key, this row its SHA-256.

    A session is only as good as its row, so logout, a new password, deactivation and an
    admin's "log out everywhere" end it on the server, whatever copy of the cookie exists.
    Not audited itself (the login is); the address and browser are shown to their owner.
    """

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    user_agent: Mapped[str] = mapped_column(sa.String(300), default="")
    address: Mapped[str] = mapped_column(sa.String(64), default="")

    user: Mapped[User] = relationship(lazy="joined")


class LoginFailure(db.Model):
    """A failed web login, or (with `locked_until`) the lockout it caused.

    Rows, not process memory, so that every web worker and server sees the same count.
    Kept a day; not in the audit log (a lockout is, through record_event).
    """

    __tablename__ = "login_failures"
    __table_args__ = (sa.Index("ix_login_failures_scope_subject_at", "scope", "subject", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(sa.String(16))  # "account" (an e-mail) or "address" (an IP)
    subject: Mapped[str] = mapped_column(sa.String(64))  # keyed SHA-256 of the e-mail or address
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
