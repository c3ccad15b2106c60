"""Legal review: a decision is bound to one revision and the SHA-256 of the document read."""

from __future__ import annotations

import sqlalchemy as sa

from iop.agreements.documents import document_for, store_document
from iop.agreements.lifecycle import check_step, move
from iop.agreements.models import Agreement
from iop.auth.models import User
from iop.auth.roles import Role
from iop.errors import Conflict, Forbidden
from iop.extensions import db
from iop.reviews.models import Decision, Review


def review_agreement(*, agreement: Agreement, reviewer: User, decision: str, revision: int,
                     document_sha256: str, comment: str | None = None) -> Review:
    """Approve or send back the revision under review; 409 unless it is the current one, as read."""
    if reviewer.role != Role.LEGAL:
        raise Forbidden("Bara kommunjurister granskar överenskommelser.")
    decision = Decision(decision)
    step = "approve" if decision == Decision.APPROVE else "request_changes"
    check_step(agreement, step)
    if revision != agreement.revision:
        raise Conflict(f"Revision {revision} granskas inte; aktuell revision är {agreement.revision}.",
                       {"revision": [f"Aktuell revision är {agreement.revision}."]})
    document = document_for(agreement, revision)
    if document_sha256.lower() != document.sha256:
        raise Conflict("Dokumentet har ändrats sedan du läste det: kontrollsumman stämmer inte med "
                       "aktuell revision. Hämta dokumentet igen.",
                       {"document_sha256": ["Stämmer inte med aktuellt dokument."]})
    review = Review(agreement_id=agreement.id, revision=revision, decision=decision, comment=comment,
                    document_sha256=document.sha256, reviewer=reviewer)
    db.session.add(review)
    if decision == Decision.APPROVE:
        store_document(agreement, revision, "approved", document.content)
        agreement.approved_revision = revision
        agreement.approved_sha256 = document.sha256
    move(agreement, step)
    return review


def list_reviews(*, agreement: Agreement) -> sa.Select:
    return sa.select(Review).filter_by(agreement_id=agreement.id).order_by(Review.id.desc())
