"""Registering and keeping organisations up to date."""

from __future__ import annotations

import sqlalchemy as sa

from iop.clock import utcnow
from iop.database import LIKE_ESCAPE, like_pattern
from iop.errors import Conflict, NotFound
from iop.extensions import db
from iop.organisations.models import ContactPerson, LegalForm, Organisation


def create_organisation(*, name: str, org_number: str, legal_form: str, contacts=(),
                        **details) -> Organisation:
    """Register an organisation; its organisation number must be new."""
    _refuse_taken_number(org_number)
    organisation = Organisation(name=name, org_number=org_number, legal_form=LegalForm(legal_form),
                                **details)
    organisation.contacts = [_new_contact(c) for c in contacts]
    db.session.add(organisation)
    db.session.flush()
    return organisation


def update_organisation(*, organisation: Organisation, contacts=None, **changes) -> Organisation:
    """Change the given fields; a given contact list replaces the old one."""
    if "org_number" in changes and changes["org_number"] != organisation.org_number:
        _refuse_taken_number(changes["org_number"])
    if "legal_form" in changes:
        changes["legal_form"] = LegalForm(changes["legal_form"])
    for key, value in changes.items():
        setattr(organisation, key, value)
    if contacts is not None:
        _replace_contacts(organisation, contacts)
    # Touching the row moves its version on, so a change to contacts alone changes the ETag too.
    organisation.updated_at = utcnow()
    db.session.flush()
    return organisation


def get_organisation(*, organisation_id: int) -> Organisation:
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFound(f"Organisationen {organisation_id} finns inte.")
    return organisation


def list_organisations(*, q: str | None = None, org_number: str | None = None,
                       legal_form: str | None = None, sort: str = "newest") -> sa.Select:
    """Organisations matching the filters, newest first unless sorted by name.

    `q` finds a part of the name, of the organisation number written with or without its
    dash (8024561238 finds 802456-1238), or of the organisation's or a contact's e-mail.
    """
    statement = sa.select(Organisation)
    if q:
        statement = statement.where(_matching(q))
    if org_number:
        statement = statement.where(Organisation.org_number == org_number)
    if legal_form:
        statement = statement.where(Organisation.legal_form == LegalForm(legal_form))
    order = Organisation.name if sort == "name" else Organisation.id.desc()
    return statement.order_by(order, Organisation.id)


def _matching(q: str):
    pattern = like_pattern(q.strip())
    found = [sa.func.lower(Organisation.name).like(pattern, escape=LIKE_ESCAPE),
             Organisation.org_number.like(pattern, escape=LIKE_ESCAPE),
             sa.func.lower(Organisation.email).like(pattern, escape=LIKE_ESCAPE),
             Organisation.id.in_(sa.select(ContactPerson.organisation_id).where(
                 ContactPerson.erased_at.is_(None),
                 sa.func.lower(ContactPerson.email).like(pattern, escape=LIKE_ESCAPE)))]
    digits = q.strip().replace(" ", "")
    if digits.isdigit() and len(digits) > 6:
        # The numbers are stored NNNNNN-NNNN: digits typed without the dash get it back.
        dashed = f"{digits[:6]}-{digits[6:]}"
        found.append(Organisation.org_number.like(like_pattern(dashed), escape=LIKE_ESCAPE))
    return sa.or_(*found)


def _replace_contacts(organisation: Organisation, contacts) -> None:
    existing = {c.id: c for c in organisation.current_contacts}
    # The tombstones of erased people stay whatever the list says: the audit log points at them.
    kept = [c for c in organisation.contacts if c.erased_at is not None]
    for data in contacts:
        data = dict(data)
        # An id names one of this organisation's contacts to keep; any other id is not the
        # caller's to choose (another organisation's person, or a row id yet to come).
        contact = existing.pop(data.pop("id", None), None)
        if contact is None:
            contact = _new_contact(data)
        else:
            for key, value in data.items():
                setattr(contact, key, value)
        kept.append(contact)
    organisation.contacts = kept


def _new_contact(data) -> ContactPerson:
    return ContactPerson(**{k: v for k, v in data.items() if k != "id"})


def _refuse_taken_number(org_number: str) -> None:
    taken = db.session.scalar(sa.select(Organisation.id).filter_by(org_number=org_number))
    if taken is not None:
        raise Conflict(f"Organisationsnumret {org_number} är redan registrerat.",
                       {"org_number": [f"Redan registrerat (organisation {taken})."]})

