"""Web login limits: an account tried from one address, an account, or an address that fails
too often is locked a while.

- LOGIN_MAX_FAILURES failures for one e-mail from one address (an IPv6 /64) within
  LOGIN_LOCK_MINUTES lock that e-mail *from that address*: for LOGIN_LOCK_MINUTES the first
  time, twice as long each further time that day (at most a day). A stranger guessing a
  colleague's password locks only themselves out, for ever longer.
- LOGIN_ACCOUNT_MAX_FAILURES failures for one e-mail from any addresses (guessing spread
  over many machines) lock the account everywhere, but only for LOGIN_LOCK_MINUTES: never
  growing, so nobody can keep a colleague out for long.
- LOGIN_ADDRESS_MAX_FAILURES failures from one address, whatever e-mails, lock the address,
  growing like the first.
While locked, no password is even checked. The count is kept for any e-mail typed, known
or not, so a lock says nothing about whether an account exists.

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

ACCOUNT_AT, ACCOUNT, ADDRESS = "account_address", "account", "address"
_KEEP = timedelta(days=1)
_LONGEST = timedelta(days=1)


@dataclass(frozen=True)
class Limits:
    failures: dict[str, int]
    lock: timedelta

    @classmethod
    def from_config(cls) -> Limits:
        config = current_app.config
        return cls({ACCOUNT_AT: config["LOGIN_MAX_FAILURES"], ACCOUNT: config["LOGIN_ACCOUNT_MAX_FAILURES"],
                    ADDRESS: config["LOGIN_ADDRESS_MAX_FAILURES"]},
                   timedelta(minutes=config["LOGIN_LOCK_MINUTES"]))

    def lock_for(self, scope: str, earlier_locks: int) -> timedelta:
        """How long this lock lasts: doubling with each earlier one that day, but not for a whole
        account (anyone can fail someone else's login)."""
        if scope == ACCOUNT:
            return self.lock
        return min(self.lock * 2 ** min(earlier_locks, 10), _LONGEST)


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


def _plain(email: str, address: str | None) -> dict[str, str]:
    return {ACCOUNT_AT: f"{_normalised(email)} {address_key(address)}", ACCOUNT: _normalised(email),
            ADDRESS: address_key(address)}


def _subjects(email: str, address: str | None) -> list[tuple[str, str]]:
    return [(scope, _digest(scope, value)) for scope, value in _plain(email, address).items()]


def login_locked_until(*, email: str, address: str | None) -> datetime | None:
    """Until when a login for this e-mail from this address is refused, or None."""
    now = utcnow()
    conditions = [sa.and_(LoginFailure.scope == scope, LoginFailure.subject == subject)
                  for scope, subject in _subjects(email, address)]
    return db.session.scalar(
        sa.select(sa.func.max(LoginFailure.locked_until))
        .where(sa.or_(*conditions), LoginFailure.locked_until > now))


def record_login_failure(*, email: str, address: str | None) -> datetime | None:
    """Count a failed login; lock what reached its limit (see the module's text).

    Returns the end of a lock this failure started, or None.
    """
    limits = Limits.from_config()
    now = utcnow()
    lock_ends = []
    for scope, subject in _subjects(email, address):
        db.session.execute(sa.delete(LoginFailure).where(
            LoginFailure.scope == scope, LoginFailure.subject == subject, LoginFailure.at < now - _KEEP))
        db.session.add(LoginFailure(scope=scope, subject=subject, at=now))
        db.session.flush()
        if _failures_since_last_lock(scope, subject, now - limits.lock) >= limits.failures[scope]:
            until = now + limits.lock_for(scope, _locks_so_far(scope, subject))
            db.session.add(LoginFailure(scope=scope, subject=subject, at=now, locked_until=until))
            _audit_lock(scope, _normalised(email), address_key(address), until)
            lock_ends.append(until)
    return max(lock_ends, default=None)


def clear_login_failures(*, email: str, address: str | None = None) -> None:
    """A successful login starts the account's counts afresh (its locks stay, to grow if repeated)."""
    subjects = [subject for scope, subject in _subjects(email, address) if scope != ADDRESS]
    db.session.execute(sa.delete(LoginFailure).where(
        LoginFailure.scope.in_((ACCOUNT, ACCOUNT_AT)), LoginFailure.subject.in_(subjects),
        LoginFailure.locked_until.is_(None)))


def _locks_so_far(scope: str, subject: str) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(LoginFailure)
        .where(LoginFailure.scope == scope, LoginFailure.subject == subject,
               LoginFailure.locked_until.is_not(None))) or 0


def _failures_since_last_lock(scope: str, subject: str, window_start: datetime) -> int:
    last_lock = db.session.scalar(
        sa.select(sa.func.max(LoginFailure.locked_until))
        .where(LoginFailure.scope == scope, LoginFailure.subject == subject))
    since = max(window_start, last_lock) if last_lock else window_start
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(LoginFailure)
        .where(LoginFailure.scope == scope, LoginFailure.subject == subject,
               LoginFailure.locked_until.is_(None), LoginFailure.at > since)) or 0


def _audit_lock(scope: str, email: str, address: str, until: datetime) -> None:
    """Log the lock: an account's user id and e-mail when the account exists (never what was
    typed for one that does not), and the address when the lock is on one."""
    changes: dict = {"locked_until": [None, until], "scope": [None, scope]}
    user_id = None
    if scope in (ACCOUNT, ACCOUNT_AT):
        user_id = db.session.scalar(sa.select(User.id).filter_by(email=email))
        if user_id is not None:
            changes["account"] = [None, email]
    if scope in (ADDRESS, ACCOUNT_AT):
        changes["address"] = [None, address]
    record_event(db.session, action="login_locked", entity="address" if scope == ADDRESS else "user",
                 entity_id=user_id, changes=changes)
