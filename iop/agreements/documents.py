"""The Word document of an agreement revision: rendered from the revision's content, and the
approved and signed bytes kept so that what was approved is exactly what is served later."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import sqlalchemy as sa

from iop.agreements import template_versions
from iop.agreements.models import SIGNED_STATUSES, Agreement, AgreementRevision, Status, StoredDocument
from iop.agreements.services import get_revision
from iop.audit.recording import record_event
from iop.documents.limits import ensure_usable
from iop.documents.redline import redline
from iop.documents.rendering import render_agreement
from iop.extensions import db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Document:
    content: bytes
    filename: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def render_revision(revision: AgreementRevision, *, draft: bool = False, signed: bool = False,
                    signed_on=None, signatories=(), archive_copy: bool = False) -> bytes:
    """Render a revision's stored content with the template version it was drafted with; `draft` marks
    it as a draft (only while the agreement is one: from submission on it is the signature version)."""
    template = template_versions.template_for(revision)  # the version it was drafted with
    ensure_usable(template)  # its test rendering ran within limits once, in a child process
    return render_agreement(revision.content, template=template, signed=signed, draft=draft,
                            signed_on=signed_on.isoformat() if signed_on else None,
                            signatories=[dict(s) for s in signatories], archive_copy=archive_copy)


def signed_rendering(agreement: Agreement, *, archive_copy: bool = False) -> bytes:
    """The approved revision with the signatories who signed and the signing date filled in;
    `archive_copy`: the copy for the PDF/A archive, which says it renders the signed agreement."""
    revision = get_revision(agreement=agreement, number=agreement.approved_revision)
    signatories = [{"party": s.party.value, "name": s.name, "title": s.title,
                    "organisation_id": s.organisation_id} for s in agreement.signatories]
    return render_revision(revision, signed=True, signed_on=agreement.signed_on, signatories=signatories,
                           archive_copy=archive_copy)


def document_for(agreement: Agreement, number: int | None = None) -> Document:
    """The document of a revision as the parties see it: the signed copy once signed, the approved
    copy once approved, otherwise a fresh rendering: marked as a draft while the agreement is one,
    from submission on the signature version the lawyer approves byte for byte."""
    revision = get_revision(agreement=agreement, number=number)
    stored = None
    if revision.number == agreement.approved_revision:
        purpose = "active" if agreement.status in SIGNED_STATUSES else "approved"
        stored = stored_document(agreement, revision.number, purpose)
    content = stored.content if stored is not None else render_revision(revision, draft=is_draft(agreement))
    return Document(content, filename(agreement, revision.number))


def is_draft(agreement: Agreement) -> bool:
    return agreement.status == Status.DRAFT


def store_document(agreement: Agreement, number: int, purpose: str, content: bytes, *,
                   media_type: str = DOCX, name: str | None = None,
                   uploaded_by_id: int | None = None) -> StoredDocument:
    """Keep these exact bytes for the record; the audit log gets their SHA-256."""
    row = StoredDocument(agreement_id=agreement.id, revision=number, purpose=purpose,
                         sha256=hashlib.sha256(content).hexdigest(), media_type=media_type,
                         filename=name or filename(agreement, number), size=len(content), content=content,
                         uploaded_by_id=uploaded_by_id)
    db.session.add(row)
    db.session.flush()
    record_event(db.session, action=f"document_{purpose}", entity="agreement", entity_id=agreement.id,
                 changes={"document": [None, {"id": row.id, "revision": number, "purpose": purpose,
                                              "sha256": row.sha256, "size": row.size}]})
    return row


def stored_document(agreement: Agreement, number: int, purpose: str) -> StoredDocument | None:
    return db.session.scalar(sa.select(StoredDocument).filter_by(agreement_id=agreement.id, revision=number,
                                                                 purpose=purpose).order_by(StoredDocument.id))


def filename(agreement: Agreement, number: int) -> str:
    label = agreement.case_number or f"overenskommelse-{agreement.id}"
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", label).strip("-")
    return f"{agreement.kind.value.upper()}-{safe}-rev{number}.docx"


def redline_between(agreement: Agreement, old_number: int, new_number: int) -> Document:
    """Revision `new_number` with its differences from `old_number` as Word tracked changes,
    attributed to whoever saved the newer revision, when they saved it."""
    old, new = (get_revision(agreement=agreement, number=n) for n in (old_number, new_number))
    author = new.created_by.name or new.created_by.email if new.created_by else "IOP"
    draft = is_draft(agreement)
    content = redline(render_revision(old, draft=draft), render_revision(new, draft=draft), author=author,
                      date=new.created_at)
    label = filename(agreement, new_number).removesuffix(".docx")
    return Document(content, f"{label}-andringar-fran-rev{old_number}.docx")
