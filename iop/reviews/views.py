"""The review page: the document with its SHA-256, the legality warnings, the lawyer's decision
and assessment, and comments anchored to sections, per revision.

The decision form posts the revision and the SHA-256 of the document the page offered
(hidden fields); `review_agreement` refuses it with a 409 when the document has changed
since, and the page says so in words.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from iop.agreements import services as agreements
from iop.agreements.documents import document_for
from iop.agreements.legality import legality_warnings
from iop.agreements.models import Agreement, Status
from iop.extensions import db
from iop.organisations import de_minimis
from iop.reviews import services
from iop.reviews.schemas import CommentFilter, CommentIn, ReviewIn
from iop.reviews.sections import SECTIONS
from iop.roles import Role
from iop.web.access import permission_required
from iop.web.forms import FormState, form_page, integer, posted
from iop.web.listing import load_filters

bp = Blueprint("reviews", __name__, url_prefix="/overenskommelser")

DECISIONS = [("approve", "Godkänn revisionen"), ("request_changes", "Begär ändringar (tillbaka till utkast)")]
DECISION_LABELS = {"approve": "Godkänd", "request_changes": "Ändringar begärda"}
DECISION_FIELDS = ("decision", "comment", "assessment", "revision", "document_sha256")
DECISION_LABELS_FORM = {"decision": "Beslut", "comment": "Kommentar till handläggaren",
                        "assessment": "Din bedömning av varningarna"}
COMMENT_LABELS = {"section": "Avsnitt", "body": "Kommentar"}
HIDDEN = ("revision", "document_sha256")


@bp.app_template_global()
def reviews_of(agreement: Agreement) -> list:
    """The decisions on an agreement, latest first: the agreement page shows them."""
    return db.session.scalars(services.list_reviews(agreement=agreement)).all()


def _decision_form(values=None) -> FormState:
    return FormState(values, labels=DECISION_LABELS_FORM,
                     missing={"decision": "Välj om du godkänner eller begär ändringar."})


def _comment_form(values=None) -> FormState:
    return FormState(values, labels=COMMENT_LABELS, id_prefix="kommentar-",
                     missing={"section": "Välj avsnittet kommentaren gäller.", "body": "Skriv kommentaren."})


@bp.get("/<int:agreement_id>/granskning")
@permission_required("read")
def show(agreement_id: int):
    return _render(agreements.get_agreement(agreement_id=agreement_id))


@bp.post("/<int:agreement_id>/granskning")
@permission_required("review.write")
def decide(agreement_id: int):
    agreement = agreements.get_agreement(agreement_id=agreement_id)
    form = _decision_form(posted(only=DECISION_FIELDS))

    def render(status: int, differences=None):
        # The hidden fields name the document this page offered: a clash there is about the page, not a field.
        stale = {name: form.errors.pop(name) for name in HIDDEN if name in form.errors}
        if stale and not form.problem:
            form.problem = " ".join(message for messages in stale.values() for message in messages)
        return _render(agreement, decision_form=form, status=status,
                       read_sha256=form.value("document_sha256"))

    def done(review) -> str:
        if review.decision.value == "approve":
            flash(f"Revision {review.revision} är godkänd. Handläggaren kan nu registrera undertecknandet.",
                  "success")
        else:
            flash(f"Revision {review.revision} är skickad tillbaka till handläggaren med dina synpunkter.",
                  "success")
        return url_for("agreements.show", agreement_id=agreement.id)

    return form_page(render, form=form, schema=ReviewIn(), done=done,
                     data=lambda: {**form.input(("decision", "comment", "assessment", "document_sha256")),
                                   "revision": integer(form.value("revision"))},
                     save=lambda data: services.review_agreement(agreement=agreement, reviewer=current_user,
                                                                 **data))


@bp.post("/<int:agreement_id>/granskning/kommentarer")
@permission_required("comment.write")
def comment(agreement_id: int):
    agreement = agreements.get_agreement(agreement_id=agreement_id)
    form = _comment_form(posted(only=("section", "body")))

    def done(_) -> str:
        flash(f"Kommentaren är sparad till revision {agreement.revision}.", "success")
        return url_for(".show", agreement_id=agreement.id, _anchor="kommentarer")

    def render(status: int, differences=None):
        return _render(agreement, comment_form=form, status=status)

    return form_page(render, form=form, schema=CommentIn(), done=done,
                     data=lambda: form.input(("section", "body")),
                     save=lambda data: services.comment_on(agreement=agreement, author=current_user, **data))


@bp.post("/<int:agreement_id>/granskning/kommentarer/<int:comment_id>/lost")
@permission_required("comment.write")
def resolve(agreement_id: int, comment_id: int):
    agreement = agreements.get_agreement(agreement_id=agreement_id)
    services.resolve_comment(agreement=agreement, comment_id=comment_id, actor=current_user)
    db.session.commit()
    flash("Kommentaren är markerad som löst.", "success")
    return redirect(url_for(".show", agreement_id=agreement.id, _anchor="kommentarer"))


def _render(agreement: Agreement, *, decision_form: FormState | None = None,
            comment_form: FormState | None = None, status: int = 200, read_sha256: str | None = None):
    document = document_for(agreement)
    decision_form = decision_form or _decision_form()
    # The hidden fields always name the document this page offers now.
    decision_form.values.update(revision=str(agreement.revision), document_sha256=document.sha256)
    filters, filter_form = load_filters(CommentFilter(), request.args, ("revision",),
                                        labels={"revision": "Visa kommentarer till"})
    comments = db.session.scalars(
        services.list_comments(agreement=agreement, revision=filters["revision"])).all()
    last = services.last_reviewed_revision(agreement=agreement, reviewer=current_user) \
        if current_user.role == Role.LEGAL else None
    return render_template(
        "reviews/show.html", agreement=agreement, document=document, warnings=legality_warnings(agreement),
        declarations=de_minimis.declarations_of([p.organisation for p in agreement.parties]),
        reviewing=agreement.status == Status.IN_REVIEW, decision_form=decision_form, decisions=DECISIONS,
        comment_form=comment_form or _comment_form(), sections=list(SECTIONS.items()),
        section_labels=SECTIONS,
        comments=comments, filter_form=filter_form,
        revision_choices=[(str(n), f"Revision {n}") for n in range(agreement.revision, 0, -1)],
        last_reviewed=last, read_sha256=read_sha256,
        may_comment=services.may_comment(user=current_user, agreement=agreement),
        reviews=db.session.scalars(services.list_reviews(agreement=agreement)).all(),
        decision_labels=DECISION_LABELS), status
