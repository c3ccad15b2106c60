"""Web login limits: an account, or a client address, that fails too often is locked a while.

LOGIN_MAX_FAILURES failures for one e-mail within LOGIN_LOCK_MINUTES lock that account for
LOGIN_LOCK_MINUTES; LOGIN_ADDRESS_MAX_FAILURES failures from one address (an IPv6 /64)
lock the address. While locked, no password is even checked. The count is kept for any
e-mail typed, known or not, so a lock says nothing about whether an account exists.

What was typed is stored only as a keyed hash: people type passwords into the e-mail
field, and a table of failed logins must not become a list of them.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from iop.audit.recording import record_event
from iop.auth.models import LoginFailure, User
from iop.clock import utcnow
from iop.extensions import db

ACCOUNT, ADDRESS = "account", "address"
_KEEP = timedelta(days=1)


@dataclass(frozen=True)
class Limits:
    account_failures: int
    address_failures: int
    lock: timedelta

    @classmethod
    def from_config(cls) -> Limits:
        config = current_app.config
        return cls(config["LOGIN_MAX_FAILURES"], config["LOGIN_ADDRESS_MAX_FAILURES"],
                   timedelta(minutes=config["LOGIN_LOCK_MINUTES"]))


def address_key(address: str | None) -> str:
    """The subject an address is counted under: the address itself, or its IPv6 /64."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return (address or "okänd")[:320]
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        # One client usually holds a whole /64: counting single IPv6 addresses would let it rotate.
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _normalised(email: str) -> str:
    return email.strip().lower()


def _digest(scope: str, value: str) -> str:
    key = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(key, f"{scope}:{value}".encode(), hashlib.sha256).hexdigest()


def _subjects(email: str, address: str | None) -> list[tuple[str, str]]:
    return [(ACCOUNT, _digest(ACCOUNT, _normalised(email))),
            (ADDRESS, _digest(ADDRESS, address_key(address)))]


def login_locked_until(*, email: str, address: str | None) -> datetime | None:
    """Until when a login for this e-mail from this address is refused, or None."""
    now = utcnow()
    conditions = [sa.and_(LoginFailure.scope == scope, LoginFailure.subject == subject)
                  for scope, subject in _subjects(email, address)]
    return db.session.scalar(
        sa.select(sa.func.max(LoginFailure.locked_until))
        .where(sa.or_(*conditions), LoginFailure.locked_until > now))


def record_login_failure(*, email: str, address: str | None) -> datetime | None:
    """Count a failed login; lock the account or address that reached its limit.

    Returns the end of a lock this failure started, or None.
    """
    limits = Limits.from_config()
    now = utcnow()
    lock_ends = []
    plain = {ACCOUNT: _normalised(email), ADDRESS: address_key(address)}
    for (scope, subject), limit in zip(_subjects(email, address),
                                       (limits.account_failures, limits.address_failures),
                                       strict=True):
        db.session.execute(sa.delete(LoginFailure).where(
            LoginFailure.scope == scope, LoginFailure.subject == subject, LoginFailure.at < now - _KEEP))
        db.session.add(LoginFailure(scope=scope, subject=subject, at=now))
        db.session.flush()
        if _failures_since_last_lock(scope, subject, now - limits.lock) >= limit:
            until = now + limits.lock
            db.session.add(LoginFailure(scope=scope, subject=subject, at=now, locked_until=until))
            _audit_lock(scope, plain[scope], until)
            lock_ends.append(until)
    return max(lock_ends, default=None)


def clear_login_failures(*, email: str) -> None:
    """A successful login starts the account's count afresh."""
    db.session.execute(sa.delete(LoginFailure).where(
        LoginFailure.scope == ACCOUNT, LoginFailure.subject == _digest(ACCOUNT, _normalised(email)),
        LoginFailure.locked_until.is_(None)))


def _failures_since_last_lock(scope: str, subject: str, window_start: datetime) -> int:
    last_lock = db.session.scalar(
        sa.select(sa.func.max(LoginFailure.locked_until))
        .where(LoginFailure.scope == scope, LoginFailure.subject == subject))
    since = max(window_start, last_lock) if last_lock else window_start
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(LoginFailure)
        .where(LoginFailure.scope == scope, LoginFailure.subject == subject,
               LoginFailure.locked_until.is_(None), LoginFailure.at > since)) or 0


def _audit_lock(scope: str, typed: str, until: datetime) -> None:
    """Log the lock: an account's user id and e-mail when the account exists (never what was
    typed for one that does not), or the locked address."""
    changes: dict = {"locked_until": [None, until]}
    user_id = None
    if scope == ACCOUNT:
        user_id = db.session.scalar(sa.select(User.id).filter_by(email=typed))
        if user_id is not None:
            changes["account"] = [None, typed]
    else:
        changes["address"] = [None, typed]
    record_event(db.session, action="login_locked", entity="user" if scope == ACCOUNT else "address",
                 entity_id=user_id, changes=changes)
