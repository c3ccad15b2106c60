"""Calendar feeds: the key dates of active agreements as iCalendar, at a secret URL that can be revoked.

A calendar program (Outlook, Google, Apple) fetches the URL without logging in, so the
URL is the credential: only its SHA-256 is stored, as for API tokens, and a revoked
feed, or one whose owner is deactivated, answers 404.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from icalendar import Calendar, Event

from iop import daterange
from iop.agreements.models import Agreement, Status
from iop.auth.models import User
from iop.clock import utcnow
from iop.departments.models import Department
from iop.errors import Invalid, NotFound
from iop.extensions import db
from iop.reminders.emails import DECISIONS, LABELS, agreement_url
from iop.reminders.keydates import KeyDate, KeyDateKind
from iop.reminders.models import CalendarFeed, FeedScope
from iop.reminders.planning import agreement_key_dates

TOKEN_PREFIX = "cal_"
TOUCH_AFTER = timedelta(hours=1)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def feed_url(base_url: str, token: str) -> str:
    return f"{base_url}/calendar/{token}.ics"


def create_feed(*, owner: User, scope: str, department: str | None = None,
                name: str = "") -> tuple[CalendarFeed, str]:
    """A new feed of the owner's own agreements or of a department's; answers it and its secret token."""
    scope = FeedScope(scope)
    target = None
    if scope == FeedScope.DEPARTMENT:
        if department:
            target = db.session.scalar(sa.select(Department).filter_by(code=department.strip().upper()))
            if target is None:
                raise Invalid({"department": f"Förvaltningen {department} finns inte."})
        else:
            target = owner.department
            if target is None:
                raise Invalid({"department": "Ange förvaltning: du hör inte själv till någon."})
    elif department:
        raise Invalid({"department": "Ange förvaltning bara för en förvaltnings kalender."})
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    feed = CalendarFeed(owner=owner, scope=scope, department=target,
                        name=name or _default_name(scope, target), token_hash=hash_token(token),
                        prefix=token[:10])
    db.session.add(feed)
    db.session.flush()
    return feed, token


def revoke_feed(*, feed_id: int, caller: User, may_revoke_any: bool = False) -> CalendarFeed:
    """Make a feed's URL stop working; the owner's own feeds, or any with `may_revoke_any`."""
    feed = db.session.get(CalendarFeed, feed_id)
    if feed is None or (feed.owner_id != caller.id and not may_revoke_any):
        raise NotFound("Kalenderflödet finns inte.")
    if feed.revoked_at is None:
        feed.revoked_at = utcnow()
    return feed


def list_feeds(*, owner: User) -> sa.Select:
    """The owner's feeds, newest first, revoked ones included."""
    return sa.select(CalendarFeed).where(CalendarFeed.owner_id == owner.id).order_by(CalendarFeed.id.desc())


def feed_for_token(token: str) -> CalendarFeed | None:
    """The live feed a token opens, or None (unknown, revoked, or its owner deactivated)."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        return None
    feed = db.session.scalar(sa.select(CalendarFeed).where(
        CalendarFeed.token_hash == hash_token(token), CalendarFeed.revoked_at.is_(None)))
    if feed is None or not feed.owner.active:
        return None
    moment = utcnow()
    if feed.last_used_at is None or moment - feed.last_used_at > TOUCH_AFTER:
        feed.last_used_at = moment
    return feed


def feed_agreements(feed: CalendarFeed) -> list[Agreement]:
    """The active agreements whose dates a feed shows."""
    statement = sa.select(Agreement).where(Agreement.status == Status.ACTIVE).order_by(Agreement.id)
    if feed.scope == FeedScope.DEPARTMENT:
        statement = statement.where(Agreement.department_id == feed.department_id)
    else:
        statement = statement.where(Agreement.responsible_email == feed.owner.email)
    return list(db.session.scalars(statement))


def render_feed(feed: CalendarFeed, *, base_url: str, now: datetime, domain: str) -> bytes:
    """The feed as an iCalendar document: one all-day event per key date."""
    calendar = Calendar()
    calendar.add("prodid", "-//IOP samverkan med civilsamhället//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", feed.name)
    for agreement in feed_agreements(feed):
        for key in agreement_key_dates(agreement):
            calendar.add_component(_event(agreement, key, base_url=base_url, now=now, domain=domain))
    return calendar.to_ical()


def _event(agreement: Agreement, key: KeyDate, *, base_url: str, now: datetime, domain: str) -> Event:
    url = agreement_url(base_url, agreement.id)
    label = LABELS[key.kind]
    if key.kind in (KeyDateKind.FOLLOW_UP, KeyDateKind.MILESTONE):
        label = f"{label}: {', '.join(key.titles)}"
    organisations = ", ".join(p.organisation.name for p in agreement.parties)
    event = Event()
    event.add("uid", f"agreement-{agreement.id}-{key.kind.value}-{key.date.isoformat()}@{domain}")
    event.add("dtstamp", now)
    event.add("dtstart", key.date)
    event.add("dtend", daterange.shift(key.date, 1))
    event.add("summary", f"{label} – {agreement.title}")
    event.add("description", "\n".join(filter(None, [
        f"Överenskommelse: {agreement.title}",
        f"Diarienummer: {agreement.case_number}" if agreement.case_number else None,
        f"Organisation: {organisations}" if organisations else None,
        DECISIONS[key.kind], url])))
    event.add("url", url)
    event.add("transp", "TRANSPARENT")  # a deadline, not a meeting: it does not make anyone busy
    return event


def _default_name(scope: FeedScope, department: Department | None) -> str:
    if scope == FeedScope.DEPARTMENT:
        return f"IOP – {department.name}"
    return "IOP – mina överenskommelser"
