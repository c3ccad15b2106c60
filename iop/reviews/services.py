"""Legal review: a decision is bound to one revision and the SHA-256 of the document read."""

from __future__ import annotations

import sqlalchemy as sa

from iop.agreements import lifecycle
from iop.agreements.access import may_write
from iop.agreements.documents import document_for, store_document
from iop.agreements.legality import legality_warnings
from iop.agreements.models import Agreement
from iop.auth.models import User
from iop.clock import utcnow
from iop.errors import Conflict, Forbidden, Invalid, NotFound
from iop.extensions import db
from iop.reviews.models import Decision, Review, ReviewComment, ReviewReply
from iop.reviews.sections import SECTIONS
from iop.roles import Role


def review_agreement(*, agreement: Agreement, reviewer: User, decision: str, revision: int,
                     document_sha256: str, comment: str | None = None,
                     assessment: str | None = None) -> Review:
    """Approve or send back the revision under review; 409 unless it is the current one, as read.

    The legality warnings of the moment are kept with the decision, beside the lawyer's
    assessment of them, so the record shows what was weighed.
    """
    if reviewer.role != Role.LEGAL:
        raise Forbidden("Bara kommunjurister granskar överenskommelser.")
    decision = Decision(decision)
    lifecycle.check_step(agreement, decision.value)
    if revision != agreement.revision:
        raise Conflict(f"Revision {revision} granskas inte; aktuell revision är {agreement.revision}.",
                       {"revision": [f"Aktuell revision är {agreement.revision}."]})
    document = document_for(agreement, revision)
    if document_sha256.lower() != document.sha256:
        raise Conflict("Dokumentet har ändrats sedan du läste det: kontrollsumman stämmer inte med "
                       "aktuell revision. Hämta dokumentet igen.",
                       {"document_sha256": ["Stämmer inte med aktuellt dokument."]})
    warnings = [w.as_dict() for w in legality_warnings(agreement)]
    review = Review(agreement_id=agreement.id, revision=revision, decision=decision, comment=comment,
                    document_sha256=document.sha256, reviewer=reviewer, warnings=warnings,
                    assessment=assessment)
    db.session.add(review)
    if decision == Decision.APPROVE:
        store_document(agreement, revision, "approved", document.content)
    lifecycle.decide(agreement, decision=decision.value, revision=revision, document_sha256=document.sha256,
                     actor=reviewer, comment=comment)
    return review


def list_reviews(*, agreement: Agreement) -> sa.Select:
    return sa.select(Review).filter_by(agreement_id=agreement.id).order_by(Review.id.desc())


def comment_on(*, agreement: Agreement, author: User, section: str, body: str,
               revision: int | None = None) -> ReviewComment:
    """Anchor a remark to a section of a revision (the current one unless named)."""
    if not may_comment(user=author, agreement=agreement):
        raise Forbidden("Bara kommunjurister och förvaltningens handläggare kommenterar överenskommelsen.")
    errors = {}
    if section not in SECTIONS:
        errors["section"] = [f"Välj en av: {', '.join(SECTIONS)}."]
    revision = agreement.revision if revision is None else revision
    if not 1 <= revision <= agreement.revision:
        errors["revision"] = [f"Överenskommelsen har revision 1–{agreement.revision}."]
    if errors:
        raise Invalid(errors)
    comment = ReviewComment(agreement_id=agreement.id, revision=revision, section=section, body=body,
                            author=author)
    db.session.add(comment)
    db.session.flush()
    return comment


def may_comment(*, user: User, agreement: Agreement) -> bool:
    """Lawyers, and those who write the agreement's department, comment and resolve comments."""
    return user.role == Role.LEGAL or may_write(user, agreement.department)


def get_comment(*, agreement: Agreement, comment_id: int) -> ReviewComment:
    """One comment of the agreement, or NotFound (404)."""
    comment = db.session.get(ReviewComment, comment_id) if 0 < comment_id <= 2**31 - 1 else None
    if comment is None or comment.agreement_id != agreement.id:
        raise NotFound(f"Kommentaren {comment_id} finns inte på överenskommelse {agreement.id}.")
    return comment


def reply_to_comment(*, agreement: Agreement, comment_id: int, author: User, body: str) -> ReviewReply:
    """Answer a comment in its thread (the officer, or the lawyer back); resolved or not, nothing
    typed is refused for that."""
    comment = get_comment(agreement=agreement, comment_id=comment_id)
    if not may_comment(user=author, agreement=agreement):
        raise Forbidden("Bara kommunjurister och förvaltningens handläggare svarar på kommentarer.")
    if not body.strip():
        raise Invalid({"body": ["Skriv ett svar."]})
    reply = ReviewReply(comment_id=comment.id, body=body, author=author)
    db.session.add(reply)
    db.session.flush()
    db.session.refresh(comment, ["replies"])
    return reply


def resolve_comment(*, agreement: Agreement, comment_id: int, actor: User) -> ReviewComment:
    """Mark a remark as dealt with; the comment and who resolved it stay on record."""
    comment = get_comment(agreement=agreement, comment_id=comment_id)
    if not may_comment(user=actor, agreement=agreement):
        raise Forbidden("Bara kommunjurister och förvaltningens handläggare kan markera kommentarer lösta.")
    if comment.resolved_at is None:
        comment.resolved_at, comment.resolved_by = utcnow(), actor
        db.session.flush()
    return comment


def list_comments(*, agreement: Agreement, revision: int | None = None,
                  unresolved: bool | None = None) -> sa.Select:
    """Comments on the agreement, oldest first, by revision and whether they are resolved."""
    statement = sa.select(ReviewComment).filter_by(agreement_id=agreement.id)
    if revision is not None:
        statement = statement.filter_by(revision=revision)
    if unresolved is not None:
        condition = ReviewComment.resolved_at.is_(None)
        statement = statement.where(condition if unresolved else sa.not_(condition))
    return statement.order_by(ReviewComment.id)


def last_reviewed_revision(*, agreement: Agreement, reviewer: User) -> int | None:
    """The revision this lawyer last decided on: where the redline for their next look starts."""
    return db.session.scalar(sa.select(Review.revision).filter_by(agreement_id=agreement.id,
                                                                  reviewer_id=reviewer.id)
                             .order_by(Review.id.desc()).limit(1))
