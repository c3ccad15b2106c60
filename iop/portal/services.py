"""What a signed-in contact person sees and does: always within their own organisation.

Every look-up takes the organisation from the portal session, never from the request, so an
id that belongs to another organisation is simply not found (404).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import sqlalchemy as sa

from iop.agreements.archive import download_name
from iop.agreements.models import SIGNED_STATUSES, Agreement, AgreementParty, StoredDocument
from iop.errors import Invalid, NotFound
from iop.extensions import db
from iop.followups import services as followups
from iop.followups.models import Assessment, FollowUpReport
from iop.initiatives import services as initiatives
from iop.initiatives.models import Initiative
from iop.organisations import de_minimis
from iop.organisations import services as organisations
from iop.organisations.models import ContactPerson, Organisation
from iop.organisations.schemas import DeclaredAidIn, OrganisationIn
from iop.outbox.services import enqueue_message

# The signed documents an organisation may download: the signed agreement and its archive copies.
DOWNLOADABLE = ("active", "active_pdfa", "signed_scan")
DOCUMENT_LABELS = {"active": "Undertecknad överenskommelse (Word)",
                   "active_pdfa": "Undertecknad överenskommelse (PDF)",
                   "signed_scan": "Inskannad underskriven överenskommelse"}


def agreements_of(organisation_id: int) -> list[Agreement]:
    """The organisation's signed agreements, active and earlier, the newest first."""
    parties = sa.select(AgreementParty.agreement_id).where(AgreementParty.organisation_id == organisation_id)
    return list(db.session.scalars(sa.select(Agreement).where(
        Agreement.id.in_(parties), Agreement.status.in_(SIGNED_STATUSES)).order_by(Agreement.id.desc())))


def agreement_of(organisation_id: int, agreement_id: int) -> Agreement:
    """One of the organisation's signed agreements; another's is not found."""
    for agreement in agreements_of(organisation_id):
        if agreement.id == agreement_id:
            return agreement
    raise NotFound(f"Överenskommelsen {agreement_id} finns inte bland er förenings överenskommelser.")


def documents_of(agreement: Agreement) -> list[StoredDocument]:
    return list(db.session.scalars(
        sa.select(StoredDocument).where(StoredDocument.agreement_id == agreement.id,
                                        StoredDocument.purpose.in_(DOWNLOADABLE))
        .options(sa.orm.defer(StoredDocument.content)).order_by(StoredDocument.id)))


def document_of(agreement: Agreement, document_id: int) -> tuple[StoredDocument, str]:
    """A signed document of the agreement with its bytes, and its download name."""
    row = db.session.get(StoredDocument, document_id)
    if row is None or row.agreement_id != agreement.id or row.purpose not in DOWNLOADABLE:
        raise NotFound(f"Dokumentet {document_id} finns inte.")
    return row, download_name(row, agreement)


def follow_ups_of(agreement: Agreement, today: date) -> list[followups.FollowUpState]:
    return followups.follow_up_states(agreement=agreement, today=today)


def milestones_ahead(agreement: Agreement, today: date) -> list:
    return [m for m in sorted(agreement.milestones, key=lambda m: m.date) if m.date >= today]


def hand_in_report(*, contact: ContactPerson, agreement_id: int, follow_up_date: str, summary: str,
                   uploads: Iterable[tuple[bytes, str | None]], today: date) -> FollowUpReport:
    """The organisation hands in its report for a follow-up date: it settles the follow-up and
    waits for the officer's assessment."""
    agreement = agreement_of(contact.organisation_id, agreement_id)
    try:
        wanted = date.fromisoformat(follow_up_date)
    except ValueError:
        raise Invalid({"follow_up_date": ["Välj vilken uppföljning rapporten gäller."]}) from None
    return followups.record_report(agreement=agreement, actor=contact, follow_up_date=wanted,
                                   received_on=today, assessment=Assessment.PENDING, today=today,
                                   summary=summary, uploads=uploads)


def initiatives_of(organisation_id: int) -> list[Initiative]:
    return list(db.session.scalars(sa.select(Initiative).where(Initiative.organisation_id == organisation_id)
                                   .order_by(Initiative.id.desc())))


def bring_initiative(*, name: str, email: str, organisation_name: str, description: str,
                     departments: list[str], contact: ContactPerson | None) -> Initiative:
    """An initiative brought through the portal: it enters the same flow (queue, response time)
    as one an officer registers; signed in, it is linked to the contact person's organisation."""
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = ["Skriv ditt namn."]
    if "@" not in email or len(email) > 320 or any(c.isspace() for c in email.strip()):
        errors["email"] = ["Skriv en e-postadress, till exempel namn@forening.se."]
    if len(description.strip()) < 10:
        errors["description"] = ["Beskriv initiativet med några meningar."]
    if len(name) > 200 or len(organisation_name) > 300:
        errors.setdefault("name", []).append("Namnet är för långt.")
    if len(description) > 10000:
        errors["description"] = ["Beskrivningen får vara högst 10 000 tecken."]
    if errors:
        raise Invalid(errors)
    first_line = description.strip().splitlines()[0]
    title = first_line if len(first_line) <= 120 else first_line[:117].rstrip() + "…"
    if organisation_name.strip() and contact is None:
        description = f"{description.strip()}\n\nFörening: {organisation_name.strip()}"
    initiative = initiatives.register_initiative(
        by=None, title=title, description=description.strip(), departments=departments,
        organisation_id=contact.organisation_id if contact else None,
        contact_name=name.strip(), contact_email=email.strip())
    enqueue_message(
        key=f"portal-initiative-receipt:{initiative.id}", recipients=[email.strip()],
        subject=f"Vi har tagit emot ditt initiativ ({reference(initiative)})",
        body_text=(f"Hej {name.strip()}!\n\n"
                   f"Tack för ditt initiativ. Vi har tagit emot det {initiative.received_on.isoformat()}.\n"
                   f"Ditt referensnummer är {reference(initiative)}. Ange det om du kontaktar oss.\n\n"
                   f"Du har lämnat in:\n{initiative.description}\n\n"
                   f"Kommunen hör av sig senast {initiative.respond_by.isoformat()}."),
        entity="initiative", entity_id=initiative.id)
    return initiative


def reference(initiative: Initiative) -> str:
    """The reference the sender is given, and that officers find the initiative by."""
    return f"INI-{initiative.id}"


DETAILS_SCHEMA = OrganisationIn(only=("email", "phone", "address", "contacts"))
AID_SCHEMA = DeclaredAidIn(only=("granted_on", "amount", "granting_body"))


def update_details(*, contact: ContactPerson, **changes) -> Organisation:
    """The organisation's contact details and contact persons, changed by one of its contact
    persons; the change is in the organisation's history with that person as the actor."""
    if not any(c.get("id") == contact.id for c in changes.get("contacts", [])):
        raise Invalid({"contacts": ["Du kan inte ta bort dig själv. Be en annan kontaktperson göra det."]})
    return organisations.update_organisation(organisation=contact.organisation, **changes)


def declared_aid(organisation: Organisation) -> list:
    return list(db.session.scalars(de_minimis.list_declared_aid(organisation=organisation)))


def declared_aid_of(organisation: Organisation, aid_id: int):
    return de_minimis.get_declared_aid(organisation=organisation, aid_id=aid_id)


def declare_aid(*, contact: ContactPerson, upload: tuple[bytes, str | None], **data):
    """One item of other de minimis aid, declared by the organisation itself (with its file)."""
    content, filename = upload
    aid = de_minimis.record_declared_aid(organisation=contact.organisation, actor=None, **data)
    if content or filename:
        de_minimis.attach_declaration_file(aid=aid, content=content, filename=filename)
    return aid
