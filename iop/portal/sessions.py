"""Portal sessions: a contact person's signed-in browser, kept on the server like the staff's.

The cookie (Flask's signed session) carries a random key under its own name, PORTAL_KEY; the
row holds its SHA-256. Staff pages read only Flask-Login's user, the portal reads only this
key, so neither kind of session opens the other's pages. Shorter timeouts than the staff's:
IOP_PORTAL_IDLE_MINUTES without a request, IOP_PORTAL_MAX_HOURS after signing in.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import current_app, request, session

from iop.audit.context import Actor, set_actor
from iop.audit.recording import record_event
from iop.clock import utcnow
from iop.extensions import db
from iop.organisations.models import ContactPerson
from iop.portal.models import PortalSession
from iop.portal.signin import METHODS

PORTAL_KEY = "iop_portal"


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def actor_for(contact: ContactPerson) -> Actor:
    """How a contact person appears in the audit log: by name, address and organisation."""
    return Actor(f"kontaktperson {contact.name} <{contact.email}> ({contact.organisation.name})")


def start(contact: ContactPerson, *, method: str) -> None:
    """Sign `contact` in, whichever method proved who they are: a fresh cookie, a new row."""
    if method not in METHODS:
        raise ValueError(f"unknown sign-in method {method!r}")
    session.clear()  # no fixation, and no staff session rides along with a portal one
    key = secrets.token_urlsafe(32)
    db.session.add(PortalSession(key_hash=_hash(key), contact_id=contact.id, method=method,
                                 user_agent=(request.headers.get("User-Agent", "") or "")[:300],
                                 address=(request.remote_addr or "")[:64]))
    session[PORTAL_KEY] = key
    set_actor(actor_for(contact))
    record_event(db.session, action="portal_sign_in", entity="organisation",
                 entity_id=contact.organisation_id, changes={"method": [None, method]})


def current() -> PortalSession | None:
    """This browser's live portal session (and the actor set to its contact person), or None."""
    key = session.get(PORTAL_KEY)
    if not isinstance(key, str) or not key:
        return None
    row = db.session.query(PortalSession).filter_by(key_hash=_hash(key)).one_or_none()
    if row is None:
        return None
    config, now = current_app.config, utcnow()
    idle = timedelta(minutes=config["PORTAL_IDLE_MINUTES"])
    longest = timedelta(hours=config["PORTAL_MAX_HOURS"])
    if row.last_seen_at + idle <= now or row.created_at + longest <= now \
            or row.contact.erased_at is not None \
            or row.user_agent != (request.headers.get("User-Agent", "") or "")[:300] \
            or row.address != (request.remote_addr or "")[:64]:
        db.session.delete(row)
        db.session.commit()
        session.pop(PORTAL_KEY, None)
        return None
    row.last_seen_at = now
    db.session.commit()
    set_actor(actor_for(row.contact))
    return row


def end() -> None:
    key = session.pop(PORTAL_KEY, None)
    if isinstance(key, str):
        row = db.session.query(PortalSession).filter_by(key_hash=_hash(key)).one_or_none()
        if row is not None:
            db.session.delete(row)
