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
from iop.agreements.checks import missing_clause_data
from iop.agreements.documents import document_for
from iop.agreements.legality import legality_warnings
from iop.agreements.models import Agreement, Status
from iop.extensions import db
from iop.organisations import de_minimis
from iop.reviews import services
from iop.reviews.schemas import CommentFilter, CommentIn, ReplyIn, ReviewIn
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


# One form on the page carries the decision, the new comment and every reply: whichever button
# is pressed, what was typed in the other fields comes along and is shown again, never lost.
COMMENT_FIELDS = ("section", "body")
REPLY_PREFIX = "reply-"


def _drafts() -> dict:
    """The whole posted page: decision, new comment and replies, as typed."""
    return posted()


def _replies(values: dict) -> dict[int, str]:
    """The typed answers per comment id (`reply-<id>`)."""
    found = {}
    for name, value in values.items():
        ident = name.removeprefix(REPLY_PREFIX)
        if name.startswith(REPLY_PREFIX) and ident.isdigit():
            found[int(ident)] = value
    return found


def _after(agreement: Agreement, values: dict, *, used: tuple[str, ...] = (), done_reply: int | None = None,
           to: str | None = None):
    """After a good save: to the page (or `to`), unless other fields were typed in; then the
    page again with them, so that nothing typed is lost."""
    kept = {name: value for name, value in values.items()
            if name not in used and name not in HIDDEN and name != f"{REPLY_PREFIX}{done_reply}"}
    if not any(value.strip() for value in kept.values()):
        return redirect(to or url_for(".show", agreement_id=agreement.id, _anchor="kommentarer"))
    return _render(agreement, decision_form=_decision_form({k: kept.get(k, "") for k in DECISION_FIELDS}),
                   comment_form=_comment_form({k: kept.get(k, "") for k in COMMENT_FIELDS}),
                   replies=_replies(kept))


@bp.post("/<int:agreement_id>/granskning")
@permission_required("review.write")
def decide(agreement_id: int):
    agreement = agreements.get_agreement(agreement_id=agreement_id)
    values = _drafts()
    form = _decision_form({name: values.get(name, "") for name in DECISION_FIELDS})

    def render(status: int, differences=None):
        # The hidden fields name the document this page offered: a clash there is about the page, not a field.
        stale = {name: form.errors.pop(name) for name in HIDDEN if name in form.errors}
        if stale and not form.problem:
            form.problem = " ".join(message for messages in stale.values() for message in messages)
        return _render(agreement, decision_form=form,
                       comment_form=_comment_form(_pick(values, COMMENT_FIELDS)), replies=_replies(values),
                       status=status, read_sha256=form.value("document_sha256"))

    def done(review):
        if review.decision.value == "approve":
            flash(f"Revision {review.revision} är godkänd. Handläggaren kan nu registrera undertecknandet.",
                  "success")
        else:
            flash(f"Revision {review.revision} är skickad tillbaka till handläggaren med dina synpunkter.",
                  "success")
        return _after(agreement, values, used=DECISION_FIELDS,
                      to=url_for("agreements.show", agreement_id=agreement.id))

    return form_page(render, form=form, schema=ReviewIn(), done=done,
                     data=lambda: {**form.input(("decision", "comment", "assessment", "document_sha256")),
                                   "revision": integer(form.value("revision"))},
                     save=lambda data: services.review_agreement(agreement=agreement, reviewer=current_user,
                                                                 **data))


def _pick(values: dict, names) -> dict:
    return {name: values.get(name, "") for name in names}


def _kept_decision(values: dict) -> FormState:
    return _decision_form(_pick(values, DECISION_FIELDS))


@bp.post("/<int:agreement_id>/granskning/kommentarer")
@permission_required("comment.write")
def comment(agreement_id: int):
    agreement = agreements.get_agreement(agreement_id=agreement_id)
    values = _drafts()
    form = _comment_form(_pick(values, COMMENT_FIELDS))

    def done(_):
        flash(f"Kommentaren är sparad till revision {agreement.revision}.", "success")
        return _after(agreement, values, used=COMMENT_FIELDS)

    def render(status: int, differences=None):
        return _render(agreement, decision_form=_kept_decision(values), comment_form=form,
                       replies=_replies(values), status=status)

    return form_page(render, form=form, schema=CommentIn(), done=done,
                     data=lambda: form.input(COMMENT_FIELDS),
                     save=lambda data: services.comment_on(agreement=agreement, author=current_user, **data))


@bp.post("/<int:agreement_id>/granskning/kommentarer/<int:comment_id>/svar")
@permission_required("comment.write")
def reply(agreement_id: int, comment_id: int):
    """Answer a comment in its thread."""
    agreement = agreements.get_agreement(agreement_id=agreement_id)
    values = _drafts()
    name = f"{REPLY_PREFIX}{comment_id}"
    form = _reply_form(comment_id, values.get(name, ""))

    def done(_):
        flash("Svaret är sparat.", "success")
        return _after(agreement, values, done_reply=comment_id)

    def render(status: int, differences=None):
        return _render(agreement, decision_form=_kept_decision(values),
                       comment_form=_comment_form(_pick(values, COMMENT_FIELDS)), replies=_replies(values),
                       reply_form=form, status=status)

    return form_page(render, form=form, schema=ReplyIn(), done=done, data=lambda: form.input(("body",)),
                     save=lambda data: services.reply_to_comment(agreement=agreement, comment_id=comment_id,
                                                                 author=current_user, **data))


@bp.post("/<int:agreement_id>/granskning/kommentarer/<int:comment_id>/lost")
@permission_required("comment.write")
def resolve(agreement_id: int, comment_id: int):
    """Mark a comment resolved; an answer typed in its thread is saved with it."""
    agreement = agreements.get_agreement(agreement_id=agreement_id)
    values = _drafts()
    typed = values.get(f"{REPLY_PREFIX}{comment_id}", "")
    form = _reply_form(comment_id, typed)

    def save():
        if typed.strip():
            services.reply_to_comment(agreement=agreement, comment_id=comment_id, author=current_user,
                                      body=typed)
        return services.resolve_comment(agreement=agreement, comment_id=comment_id, actor=current_user)

    def done(_):
        flash("Svaret är sparat och kommentaren är markerad som löst." if typed.strip()
              else "Kommentaren är markerad som löst.", "success")
        return _after(agreement, values, done_reply=comment_id)

    def render(status: int, differences=None):
        return _render(agreement, decision_form=_kept_decision(values),
                       comment_form=_comment_form(_pick(values, COMMENT_FIELDS)), replies=_replies(values),
                       reply_form=form, status=status)

    return form_page(render, form=form, done=done, save=save)


def _reply_form(comment_id: int, text: str) -> FormState:
    form = FormState({"body": text}, labels={"body": "Ditt svar"}, id_prefix=f"{REPLY_PREFIX}{comment_id}-",
                     missing={"body": "Skriv ett svar."})
    form.comment_id = comment_id
    return form


def _render(agreement: Agreement, *, decision_form: FormState | None = None,
            comment_form: FormState | None = None, replies: dict[int, str] | None = None,
            reply_form: FormState | None = None, status: int = 200, read_sha256: str | None = None):
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
    # The redline's starting point; the threads of the revisions it covers are shown beside it.
    since = last if last else (agreement.revision - 1 if agreement.revision > 1 else None)
    earlier = [] if not since or since >= agreement.revision else [
        c for c in db.session.scalars(services.list_comments(agreement=agreement))
        if since <= c.revision < agreement.revision]
    return render_template(
        "reviews/show.html", agreement=agreement, document=document, warnings=legality_warnings(agreement),
        missing_data=missing_clause_data(agreement),
        declarations=de_minimis.declarations_of([p.organisation for p in agreement.parties]),
        reviewing=agreement.status == Status.IN_REVIEW, decision_form=decision_form, decisions=DECISIONS,
        comment_form=comment_form or _comment_form(), sections=list(SECTIONS.items()),
        section_labels=SECTIONS,
        comments=comments, filter_form=filter_form,
        revision_choices=[(str(n), f"Revision {n}") for n in range(agreement.revision, 0, -1)],
        last_reviewed=last, read_sha256=read_sha256, earlier_threads=earlier,
        replies=replies or {}, reply_form=reply_form, reply_prefix=REPLY_PREFIX,
        may_comment=services.may_comment(user=current_user, agreement=agreement),
        reviews=db.session.scalars(services.list_reviews(agreement=agreement)).all(),
        decision_labels=DECISION_LABELS), status
