"""How a contact person proves who they are: the sign-in methods behind one small interface.

A method only finds the ContactPerson; `sessions.start` opens the portal session the same way
for every method, so the portal's pages never know which method was used (see iop/portal/README.md).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from iop.auth.throttling import address_key
from iop.clock import utcnow
from iop.errors import DomainError
from iop.extensions import db
from iop.organisations.models import ContactPerson
from iop.outbox.services import enqueue_message
from iop.portal.models import PortalLink

LINK_MINUTES = 30
PER_ADDRESS_PER_HOUR = 5  # links asked for one e-mail address
PER_CLIENT_PER_HOUR = 20  # links asked from one client address, whatever e-mail


class TooManyRequests(DomainError):
    status = 429


@dataclass(frozen=True)
class SignInMethod:
    """A way to sign in: `key` is stored on the session, `label` is shown on the sign-in page."""
    key: str
    label: str


EMAIL_LINK = SignInMethod("email_link", "Länk via e-post")
METHODS = {EMAIL_LINK.key: EMAIL_LINK}


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _digest(scope: str, value: str) -> str:
    key = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(key, f"portal-{scope}:{value}".encode(), hashlib.sha256).hexdigest()


def contact_by_email(email: str) -> ContactPerson | None:
    """The contact person with this address (not erased), or None; the first if several."""
    wanted = email.strip().lower()
    if not wanted:
        return None
    return db.session.scalars(sa.select(ContactPerson).where(
        sa.func.lower(ContactPerson.email) == wanted, ContactPerson.erased_at.is_(None))
        .order_by(ContactPerson.id)).first()


def request_link(*, email: str, client: str | None, base_url: str) -> None:
    """Mail a one-time sign-in link when `email` is a contact person's; the same answer otherwise.

    Every request counts towards the limits, a known address or not, so the limit tells nothing."""
    email_digest = _digest("email", email.strip().lower())
    address_digest = _digest("client", address_key(client))
    hour_ago = utcnow() - timedelta(hours=1)
    recent = sa.select(sa.func.count()).select_from(PortalLink).where(
        PortalLink.created_at > hour_ago, PortalLink.kind == "link")
    by_email = db.session.scalar(recent.where(PortalLink.email_digest == email_digest))
    by_client = db.session.scalar(recent.where(PortalLink.address_digest == address_digest))
    if by_email >= PER_ADDRESS_PER_HOUR or by_client >= PER_CLIENT_PER_HOUR:
        raise TooManyRequests("Du har bett om många länkar på kort tid. Vänta en timme och försök igen.")
    contact = contact_by_email(email)
    link = PortalLink(email_digest=email_digest, address_digest=address_digest, created_at=utcnow())
    db.session.add(link)
    if contact is None:
        db.session.flush()
        return
    token = secrets.token_urlsafe(32)
    link.contact = contact
    link.token_hash = _hash(token)
    link.expires_at = link.created_at + timedelta(minutes=LINK_MINUTES)
    db.session.flush()
    url = f"{base_url}/portal/logga-in/{token}"
    enqueue_message(
        key=f"portal-link:{link.id}", recipients=[contact.email],
        subject="Din länk för att logga in i kommunens e-tjänst för föreningar",
        body_text=(f"Hej {contact.name}!\n\n"
                   f"Du har bett om en länk för att logga in i e-tjänsten för {contact.organisation.name}.\n"
                   f"Öppna länken och tryck på knappen Logga in:\n\n{url}\n\n"
                   f"Länken fungerar en gång och i {LINK_MINUTES} minuter.\n"
                   "Har du inte bett om länken? Då kan du strunta i det här mejlet."),
        entity="organisation", entity_id=contact.organisation_id)


def count_request(*, kind: str, client: str | None, limit: int) -> bool:
    """Count a public request from `client`; False (and nothing counted) past `limit` an hour."""
    address_digest = _digest("client", address_key(client))
    hour_ago = utcnow() - timedelta(hours=1)
    so_far = db.session.scalar(sa.select(sa.func.count()).select_from(PortalLink).where(
        PortalLink.kind == kind, PortalLink.address_digest == address_digest,
        PortalLink.created_at > hour_ago))
    if so_far >= limit:
        return False
    db.session.add(PortalLink(kind=kind, email_digest="", address_digest=address_digest, created_at=utcnow()))
    db.session.flush()
    return True


def valid_link(token: str) -> PortalLink | None:
    """The unused, unexpired link of this token, or None."""
    if not token or len(token) > 100:
        return None
    link = db.session.scalar(sa.select(PortalLink).where(PortalLink.token_hash == _hash(token)))
    if link is None or link.used_at is not None or link.expires_at is None or link.expires_at <= utcnow() \
            or link.contact is None or link.contact.erased_at is not None:
        return None
    return link


def use_link(token: str) -> ContactPerson | None:
    """Use up the link (once) and answer whose it is, or None when it no longer works."""
    link = valid_link(token)
    if link is None:
        return None
    # A conditional update: two clicks at once cannot both use the link.
    used = db.session.execute(sa.update(PortalLink)
                              .where(PortalLink.id == link.id, PortalLink.used_at.is_(None))
                              .values(used_at=utcnow()).execution_options(synchronize_session=False))
    if used.rowcount != 1:
        return None
    return link.contact
