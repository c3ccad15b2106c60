"""Users, passwords and tokens: the rules, free of requests and sessions' lifetimes."""

from __future__ import annotations

import calendar
import hashlib
import secrets
from datetime import datetime, timedelta
from functools import cache

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from sqlalchemy import orm

from iop.audit.recording import record_event
from iop.auth.models import ApiToken, User, WebSession
from iop.clock import utcnow, wall_utcnow
from iop.departments.models import Department
from iop.errors import Conflict, Invalid, NotFound
from iop.extensions import db
from iop.roles import ROLE_LABELS, Role

TOKEN_PREFIX = "iop_"
_hasher = PasswordHasher()
# Verifying an unknown e-mail against a real hash keeps login time the same for
# known and unknown users, so timing does not reveal who has an account.
_DUMMY_HASH = _hasher.hash("not a password anyone has")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_user(*, email: str, role: str, department_code: str | None = None, name: str = "",
                password: str | None = None) -> User:
    """Register a user; an officer must belong to a department."""
    email = normalise_email(email)
    errors = {}
    if "@" not in email or len(email) > 320:
        errors["email"] = "Ange en giltig e-postadress."
    role, department = _placement(role=role, department_code=department_code, errors=errors)
    if errors:
        raise Invalid(errors)
    if db.session.scalar(sa.select(User.id).filter_by(email=email)) is not None:
        raise Conflict(f"Det finns redan en användare med e-postadressen {email}.",
                       {"email": ["Används redan av en annan användare."]})
    user = User(email=email, role=role, department=department, name=name.strip())
    if password is not None:
        set_password(user=user, password=password)
    db.session.add(user)
    db.session.flush()
    return user


def _placement(*, role: str, department_code: str | None,
               errors: dict) -> tuple[Role | None, Department | None]:
    """The role and department asked for; what is wrong goes into `errors` by field."""
    try:
        role = Role(role)
    except ValueError:
        errors["role"] = f"Okänd roll. Välj en av: {', '.join(r.value for r in Role)}."
        role = None
    department = None
    if department_code:
        department = db.session.scalar(sa.select(Department).filter_by(code=department_code))
        if department is None:
            errors["department"] = f"Förvaltningen {department_code} finns inte."
    elif role == Role.OFFICER:
        errors["department"] = "En handläggare måste höra till en förvaltning."
    return role, department


def update_user(*, user: User, role: str, department_code: str | None = None, name: str = "") -> User:
    """Change a user's name, role and department by the same rules as when it was created."""
    errors: dict = {}
    role, department = _placement(role=role, department_code=department_code, errors=errors)
    if errors:
        raise Invalid(errors)
    if role != Role.ADMIN:
        _keep_an_admin(user=user, field="role")
    user.role, user.department, user.name = role, department, name.strip()
    db.session.flush()
    return user


def set_user_active(*, user: User, active: bool) -> User:
    """Deactivate a user (no login, no tokens; the row and its history stay) or reactivate one."""
    if not active:
        _keep_an_admin(user=user)
        end_web_sessions(user=user)
    user.active = active
    db.session.flush()
    return user


def _keep_an_admin(*, user: User, field: str | None = None) -> None:
    """Refuse to take away the last active admin: nobody could manage users after that."""
    if user.role != Role.ADMIN or not user.active:
        return
    others = sa.select(User.id).where(User.role == Role.ADMIN, User.active.is_(True), User.id != user.id)
    if db.session.scalar(others.limit(1)) is None:
        message = "Det måste finnas minst en aktiv administratör; utse en annan först."
        raise Conflict(message, {field: [message]} if field else None)


def list_users() -> sa.Select:
    return sa.select(User).order_by(User.email)


def list_tokens(*, user: User) -> sa.Select:
    return sa.select(ApiToken).filter_by(user_id=user.id).order_by(ApiToken.id.desc())


def set_password(*, user: User, password: str) -> None:
    """Store an argon2 hash of a password that meets the minimum length."""
    if len(password) < 10:
        raise Invalid({"password": "Lösenordet måste ha minst 10 tecken."})
    user.password_hash = _hasher.hash(password)
    # Whoever knew the old password may hold a session: a new password ends them all.
    end_web_sessions(user=user)


def change_own_password(*, user: User, current_password: str, new_password: str,
                        repeated_password: str) -> User:
    """A user's own change: the current password first, the new one typed twice the same.

    Every web session of the user ends (set_password); the page opens a new one for the
    browser the change was made in, so only the other browsers are signed out.
    """
    errors: dict[str, str] = {}
    try:
        _hasher.verify(user.password_hash or _DUMMY_HASH, current_password)
    except (VerificationError, InvalidHashError):
        errors["current_password"] = "Det nuvarande lösenordet stämmer inte."
    if len(new_password) < 10:
        errors["new_password"] = "Lösenordet måste ha minst 10 tecken."
    elif new_password != repeated_password:
        errors["repeated_password"] = "Lösenorden är inte lika. Skriv samma nya lösenord två gånger."
    elif new_password == current_password:
        errors["new_password"] = "Välj ett annat lösenord än det nuvarande."
    if errors:
        raise Invalid(errors)
    set_password(user=user, password=new_password)
    db.session.flush()
    return user


def check_password(*, email: str, password: str) -> User | None:
    """The active user with this e-mail and password, or None."""
    user = db.session.scalar(sa.select(User).filter_by(email=normalise_email(email)))
    stored = user.password_hash if user is not None and user.password_hash else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.password_hash or not user.active:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return user


def get_user(*, email: str) -> User:
    user = db.session.scalar(sa.select(User).filter_by(email=normalise_email(email)))
    if user is None:
        raise NotFound(f"Användaren {email} finns inte.")
    return user


def get_user_by_id(*, user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound(f"Användaren {user_id} finns inte.")
    return user


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_months(moment: datetime, months: int) -> datetime:
    """The same day and time `months` later (the month's last day where the day does not exist)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def _token_months(months: int | None) -> int:
    return months if months is not None else current_app.config["API_TOKEN_MONTHS"]


def issue_token(*, user: User, name: str = "", months: int | None = None) -> str:
    """Create a token for a user, valid `months` (API_TOKEN_MONTHS), and return it; only its hash is kept."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(user=user, token_hash=hash_token(token), prefix=token[:12], name=name,
                   expires_at=add_months(utcnow(), _token_months(months)))
    db.session.add(row)
    db.session.flush()
    return token


def renew_token(*, token_id: int, months: int | None = None, owner: User | None = None) -> ApiToken:
    """Let a token that is not revoked work `months` from now (an expired one too: same secret)."""
    row = db.session.get(ApiToken, token_id)
    if row is None or (owner is not None and row.user_id != owner.id):
        raise NotFound("Token finns inte.")
    if row.revoked_at is not None:
        raise Conflict("En återkallad token kan inte förlängas; skapa en ny.")
    row.expires_at = add_months(utcnow(), _token_months(months))
    db.session.flush()
    return row


def revoke_token(*, token_id: int, owner: User | None = None) -> ApiToken:
    """Stop a token from working (only the owner's, when one is named); the row stays."""
    row = db.session.get(ApiToken, token_id)
    if row is None or (owner is not None and row.user_id != owner.id):
        raise NotFound("Token finns inte.")
    if row.revoked_at is None:
        row.revoked_at = utcnow()
    return row


@cache
def _token_statement() -> sa.Select:
    """Built once: every API request runs it, and building it cost as much as running it."""
    # The user's department comes along (access checks ask for it), its committee only if asked.
    return (sa.select(ApiToken).where(ApiToken.token_hash == sa.bindparam("token_hash"),
                                      ApiToken.revoked_at.is_(None))
            .options(orm.joinedload(ApiToken.user).joinedload(User.department).lazyload(Department.committee)))


def user_for_token(token: str, *, touch_after_seconds: int = 60) -> User | None:
    """The active user a bearer token belongs to, or None for an unknown, revoked or expired one.

    The last-used time is written at most every `touch_after_seconds`, so reading
    does not turn every API call into a write.
    """
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    row = db.session.scalar(_token_statement(), {"token_hash": hash_token(token)})
    moment = utcnow()
    if row is None or not row.user.active or row.expired(moment):
        return None
    last = row.last_used_at
    if last is None or moment - last > timedelta(seconds=touch_after_seconds):
        row.last_used_at = moment
    return row.user


def record_login(*, user: User) -> None:
    user.last_login_at = utcnow()
    record_event(db.session, action="login", entity="user", entity_id=user.id)


# Web sessions: the cookie holds a random key, the row its hash (a database leak is no login).
SESSION_TOUCH = timedelta(minutes=1)


def open_web_session(*, user: User, user_agent: str, address: str | None) -> str:
    """Start a signed-in session for `user`; returns the key the browser's cookie carries."""
    key = secrets.token_urlsafe(32)
    moment = wall_utcnow()
    db.session.add(WebSession(key_hash=hash_token(key), user=user, created_at=moment, last_seen_at=moment,
                              user_agent=(user_agent or "")[:300], address=(address or "")[:64]))
    db.session.flush()
    return key


@cache
def _web_session_statement() -> sa.Select:
    """Built once: every page runs it. As with a token, the user's committee only if asked."""
    return (sa.select(WebSession).where(WebSession.key_hash == sa.bindparam("key_hash"))
            .options(orm.joinedload(WebSession.user).joinedload(User.department).lazyload(Department.committee)))


def web_session_for(key: object) -> WebSession | None:
    """The session row a cookie's key belongs to, or None (ended, or never ours)."""
    if not isinstance(key, str) or not key or len(key) > 100:
        return None
    return db.session.scalar(_web_session_statement(), {"key_hash": hash_token(key)})


def web_session_ended(*, row: WebSession, idle: timedelta, longest: timedelta) -> str | None:
    """Why a session is over by the clock (in Swedish), deleting its row, or None while it holds.

    A session still good has its last-seen time moved on, at most once a minute.
    """
    moment = wall_utcnow()
    reason = None
    if moment - row.created_at > longest:
        reason = "Du har varit inloggad länge och har loggats ut. Logga in igen."
    elif moment - row.last_seen_at > idle:
        reason = "Du har loggats ut efter en stunds inaktivitet. Logga in igen."
    if reason is not None:
        db.session.delete(row)
    elif moment - row.last_seen_at >= SESSION_TOUCH:
        row.last_seen_at = moment
    return reason


def list_web_sessions(*, user: User) -> sa.Select:
    return sa.select(WebSession).filter_by(user_id=user.id).order_by(WebSession.last_seen_at.desc(),
                                                                      WebSession.id.desc())


def end_web_session(*, session_id: int, owner: User) -> WebSession:
    """End one of `owner`'s sessions (a browser left signed in elsewhere)."""
    row = db.session.get(WebSession, session_id)
    if row is None or row.user_id != owner.id:
        raise NotFound("Sessionen finns inte eller är redan avslutad.")
    db.session.delete(row)
    db.session.flush()
    return row


def end_web_sessions(*, user: User) -> int:
    """End every web session of `user` (logout everywhere); returns how many there were."""
    if user.id is None:
        return 0
    result = db.session.execute(sa.delete(WebSession).where(WebSession.user_id == user.id))
    return result.rowcount or 0


# Labels of the actors that are no person signed in (iop.audit.context, iop.commands, iop.scheduler).
_NOT_A_PERSON = {"system": "systemet", "anonymous": "okänd (inte inloggad)"}


def describe_actor(*, label: str, user_id: int | None) -> str:
    """Who did something, as a page shows it: "Anna Andersson, handläggare"; "systemet" for a job
    or a command on the server."""
    user = db.session.get(User, user_id) if user_id is not None else None
    if user is not None:
        return f"{user.name or user.email}, {ROLE_LABELS[Role(user.role)].lower()}"
    if label.startswith(("cli:", "job:")):
        return "systemet"
    return _NOT_A_PERSON.get(label, label)
