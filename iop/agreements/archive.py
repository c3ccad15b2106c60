"""The archival record of a signed agreement: the approved and signed documents with their
SHA-256, a PDF/A copy where LibreOffice is installed, and uploaded scans of the signed paper."""

from __future__ import annotations

import logging

import sqlalchemy as sa
from flask import current_app

from iop.agreements.access import ensure_may_write
from iop.agreements.documents import filename, store_document
from iop.agreements.models import SIGNED_STATUSES, Agreement, StoredDocument
from iop.audit.recording import record_event
from iop.auth.models import User
from iop.documents.pdf import PdfConversionError, convert_to_pdf, libreoffice_available
from iop.downloads import EXTENSIONS
from iop.errors import Conflict, Invalid, NotFound
from iop.extensions import db

log = logging.getLogger(__name__)

PDF = "application/pdf"
# What a scan of signed paper may be, recognised by its first bytes rather than its name.
SCAN_SIGNATURES = {
    b"%PDF-": PDF,
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"II*\x00": "image/tiff",
    b"MM\x00*": "image/tiff",
}


def list_documents(*, agreement: Agreement) -> sa.Select:
    """Every kept document of the agreement, oldest first (without their bytes)."""
    return (sa.select(StoredDocument).filter_by(agreement_id=agreement.id)
            .options(sa.orm.defer(StoredDocument.content)).order_by(StoredDocument.id))


def get_document(*, agreement: Agreement, document_id: int) -> StoredDocument:
    row = db.session.get(StoredDocument, document_id)
    if row is None or row.agreement_id != agreement.id:
        raise NotFound(f"Dokumentet {document_id} finns inte i överenskommelsens arkiv.")
    return row


def download_name(row: StoredDocument, agreement: Agreement) -> str:
    """The name a kept document downloads under, made by the service: a scan's uploaded name is
    only data (shown escaped on the page), never a header; its extension is the detected type's."""
    if row.purpose != "signed_scan":
        return row.filename  # generated here, from the case number
    label = filename(agreement, row.revision).removesuffix(".docx")
    return f"{label}-underskriven{EXTENSIONS.get(row.media_type, '')}"


def scan_media_type(content: bytes) -> str | None:
    """PDF, PNG, JPEG or TIFF by the file's own signature, else None."""
    for signature, media_type in SCAN_SIGNATURES.items():
        if content.startswith(signature):
            return media_type
    return None


def upload_signed_scan(*, agreement: Agreement, actor: User, content: bytes,
                       filename: str | None) -> StoredDocument:
    """Keep a scan of the signed paper beside the generated documents; refuse anything else."""
    ensure_may_write(actor, agreement.department)
    if agreement.status not in SIGNED_STATUSES:
        raise Conflict("En inskannad underskrift kan bara laddas upp för en undertecknad överenskommelse.")
    limit = current_app.config["MAX_SCAN_BYTES"]
    if not content:
        raise Invalid({"file": ["Filen är tom."]})
    if len(content) > limit:
        raise Invalid({"file": [f"Filen är för stor: högst {limit // (1024 * 1024)} MB."]})
    media_type = scan_media_type(content)
    if media_type is None:
        raise Invalid({"file": ["Filen måste vara en PDF eller en bild (PNG, JPEG, TIFF)."]})
    name = (filename or "underskrift").replace("/", "_").replace("\\", "_")[:200]
    return store_document(agreement, agreement.approved_revision or agreement.revision, "signed_scan",
                          content, media_type=media_type, name=name, uploaded_by_id=actor.id)


def archive_pdf(*, agreement: Agreement, signed_docx: bytes) -> StoredDocument | None:
    """A PDF/A copy of the signed document, where LibreOffice is installed and archiving is on."""
    if not current_app.config["ARCHIVE_PDFA"] or not libreoffice_available():
        return None
    try:
        pdf = convert_to_pdf(signed_docx, pdfa=True)
    except PdfConversionError as error:
        # The signed .docx is already kept; a missing PDF copy must not undo a signing.
        log.error("PDF/A copy of agreement %s failed: %s", agreement.id, error)
        record_event(db.session, action="archive_pdf_failed", entity="agreement", entity_id=agreement.id,
                     changes={"error": [None, str(error)[:500]]})
        return None
    name = f"{agreement.kind.value.upper()}-{agreement.id}-rev{agreement.revision}.pdf"
    return store_document(agreement, agreement.revision, "active_pdfa", pdf, media_type=PDF, name=name)
