"""Agreement pages: the list, the agreement with its documents, revisions, archive and history.

The drafting steps are in `draft_views`, signing, ending and renewing in `signing_views`;
all of them are routes of the one `agreements` blueprint, listed in `_ROUTES` below.
Every page reads and writes through the services the API uses.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, Response, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup
from werkzeug.exceptions import RequestEntityTooLarge

from iop.agreements import (
    archive,
    display,
    draft_views,
    goals,
    kept_pages,
    services,
    signing_views,
    steps,
    template_versions,
)
from iop.agreements.access import ensure_may_write, may_write
from iop.agreements.documents import DOCX, document_for, redline_between
from iop.agreements.legality import legality_warnings
from iop.agreements.lifecycle import STATUS_LABELS
from iop.agreements.models import SIGNED_STATUSES, Agreement, Status
from iop.agreements.schemas import AgreementFilter, AgreementGoalsIn, DocumentArgs, RedlineArgs
from iop.agreements.transitions import missing_for_submit
from iop.audit import services as audit
from iop.departments.models import Department
from iop.departments.services import list_departments
from iop.downloads import download
from iop.errors import Invalid, NotFound, respond
from iop.extensions import db
from iop.organisations.services import list_organisations
from iop.web.access import permission_required
from iop.web.exports import FORMATS, list_download
from iop.web.forms import FormState, Versioned, integer, load_form, posted, submit
from iop.web.listing import load_filters, page_args, page_of, sorting_of

bp = Blueprint("agreements", __name__, url_prefix="/overenskommelser")

FILTERS = ("q", "status", "kind", "department", "organisation_id", "ends_before")
FILTER_LABELS = {"q": "Titel eller diarienummer", "status": "Status", "kind": "Slag",
                 "department": "Förvaltning", "organisation_id": "Organisation", "ends_before": "Slutar före"}
HISTORY_SIZE = 25
SORT_COLUMNS = {
    "newest": Agreement.id, "title": Agreement.title, "status": Agreement.status,
    "department": sa.select(Department.code).where(Department.id == Agreement.department_id)
    .scalar_subquery(),
    "start_date": Agreement.start_date, "case_number": Agreement.case_number,
}
EXPORT_HEADERS = ["Titel", "Status", "Slag", "Organisationer", "Förvaltning", "Startdatum", "Slutdatum",
                  "Diarienummer", "Ansvarig handläggare"]
ARCHIVE_LABELS = {"approved": "Godkänt dokument", "active": "Undertecknat dokument",
                  "active_pdfa": "Undertecknat dokument, PDF/A", "signed_scan": "Inskannad underskrift",
                  "follow_up_report": "Återrapport"}
SCAN_LABELS = {"file": "Inskannad underskrift"}
GOAL_FIELDS = ("goal_ids", "gender_equality")
GOAL_LABELS = {"goal_ids": "Kommunala mål", "gender_equality": "Jämställdhet"}


display.install(bp)


def index():
    filters, filter_form = load_filters(AgreementFilter(), request.args, FILTERS, labels=FILTER_LABELS)
    statement = services.list_agreements(**filters)
    args = filter_form.input(FILTERS)
    if request.args.get("mina") == "1":
        # Mine: the agreements I am the responsible officer of.
        statement = statement.where(Agreement.responsible_email == current_user.email)
        args["mina"] = filter_form.values["mina"] = "1"
    sorting = sorting_of(request.args, SORT_COLUMNS, "newest", default_descending=True)
    statement = sorting.apply(statement, Agreement.id)
    file_format = request.args.get("format")
    if file_format is not None:
        if file_format not in FORMATS:
            raise NotFound("Det formatet finns inte. Välj xlsx eller csv.")
        return list_download(file_format, name="overenskommelser", title="Överenskommelser",
                             headers=EXPORT_HEADERS, rows=map(_export_row, db.session.scalars(statement)))
    pager = page_of(statement, **page_args(request.args))

    def url(**more):
        return url_for(".index", **args, **more)

    headers = [sorting.header("Titel", "title", url), sorting.header("Status", "status", url), "Organisation",
               sorting.header("Förvaltning", "department", url), sorting.header("Period", "start_date", url),
               sorting.header("Diarienummer", "case_number", url)]
    return render_template("agreements/index.html", pager=pager, filters=filter_form, headers=headers,
                           args=args, list_args={**args, **sorting.args}, choices=_filter_choices())


def _export_row(agreement: Agreement) -> list:
    return [agreement.title, STATUS_LABELS[agreement.status], display.KIND_LABELS[agreement.kind],
            ", ".join(p.organisation.name for p in agreement.parties), agreement.department.code,
            agreement.start_date, agreement.end_date, agreement.case_number, agreement.responsible_email]


def _filter_choices() -> dict:
    departments = db.session.scalars(list_departments()).all()
    organisations = db.session.scalars(list_organisations(sort="name")).all()
    return {"status": [(s.value, label) for s, label in STATUS_LABELS.items()],
            "kind": [(k.value, label) for k, label in display.KIND_LABELS.items()],
            "department": [(d.code, f"{d.name} ({d.code})") for d in departments],
            "organisation_id": [(str(o.id), o.name) for o in organisations]}


def show(agreement_id: int):
    def render() -> kept_pages.Rendered:
        agreement, kept_version = services.read_agreement(agreement_id=agreement_id)
        return _render_main(agreement, kept_version=kept_version)

    title, main = kept_pages.page(agreement_id, current_user.id, render)
    return render_template("agreements/show.html", title=title, main=main, failed=False)


def render_show(agreement: Agreement, *, scan_form: FormState | None = None,
                report_form: FormState | None = None, goals_form: FormState | None = None,
                goals_differences=None, status: int = 200):
    """The agreement's page with a refused save of one of its forms, with its errors (and, after
    a stale save of the goals, what the other save changed)."""
    rendered = _render_main(agreement, scan_form=scan_form, report_form=report_form, goals_form=goals_form,
                            goals_differences=goals_differences)
    failed = any(form is not None and form.failed for form in (scan_form, report_form, goals_form))
    return render_template("agreements/show.html", title=rendered.title, main=Markup(rendered.main),
                           failed=failed), status


def _render_main(agreement: Agreement, *, scan_form: FormState | None = None,
                 report_form: FormState | None = None, goals_form: FormState | None = None,
                 goals_differences=None, kept_version=False) -> kept_pages.Rendered:
    """The page's main part (`kept_version`: its template version as `services.read_agreement`
    loaded it with the agreement, None when it has none; False: look it up)."""
    all_goals = goals.list_goals()
    goals_form = goals_form or _goals_form(_goal_values(agreement))
    history = page_of(audit.list_events(entity="agreement", entity_id=agreement.id), page=1,
                      per_page=HISTORY_SIZE)
    main = render_template(
        "agreements/_page.html", agreement=agreement, warnings=legality_warnings(agreement),
        texts=[(steps.LABELS[name], getattr(agreement, name))
               for name in steps.content_texts(agreement.kind)],
        revisions=services.list_revisions(agreement=agreement),
        template_version=template_versions.template_version_of(agreement) if kept_version is False
        else template_versions.describe_template_version(agreement.template_key, kept_version),
        documents=db.session.scalars(archive.list_documents(agreement=agreement)).all(),
        archive_labels=ARCHIVE_LABELS, history=history,
        successors=services.list_successors(agreement=agreement),
        missing=missing_for_submit(agreement) if agreement.status == Status.DRAFT else [],
        may_write=may_write(current_user, agreement.department), signed=agreement.status in SIGNED_STATUSES,
        scan_form=scan_form or FormState(labels=SCAN_LABELS), event_summary=_event_summary,
        agreement_goals=goals.goals_of(agreement), all_goals=all_goals, goals_form=goals_form,
        goal_choices=[(str(goal.id), _goal_label(goal)) for goal in all_goals],
        chosen_goals=goals_form.value("goal_ids").split(), goals_differences=goals_differences,
        max_scan_mb=_scan_limit() // (1024 * 1024), **_sections(agreement, report_form=report_form))
    return kept_pages.Rendered(title=agreement.title, main=main)


def _sections(agreement: Agreement, **forms) -> dict:
    """What features above agreements add to its page (the follow-up reports): each registers
    a function of the agreement (and its form, when one was refused) in the wiring."""
    context = {}
    for section in current_app.extensions.get("agreement_page_sections", ()):
        context.update(section(agreement, **forms))
    return context


def document(agreement_id: int):
    """The Word document of the current revision, or of `?revision=N`."""
    agreement = services.get_agreement(agreement_id=agreement_id, parts=False)
    args = load_form(DocumentArgs(), {k: v for k, v in request.args.items() if k == "revision"})
    found = document_for(agreement, args["revision"])
    return _download(found.content, DOCX, found.filename, found.sha256)


def redline(agreement_id: int):
    """Revision `to` with the changes since revision `from` as tracked changes in Word."""
    agreement = services.get_agreement(agreement_id=agreement_id)
    args = load_form(RedlineArgs(), {k: v for k, v in request.args.items() if k in ("from", "to")})
    found = redline_between(agreement, args["from_"], args["to"])
    return _download(found.content, DOCX, found.filename, found.sha256)


def archived(agreement_id: int, document_id: int):
    """One kept document, exactly as stored."""
    agreement = services.get_agreement(agreement_id=agreement_id)
    row = archive.get_document(agreement=agreement, document_id=document_id)
    return _download(row.content, row.media_type, archive.download_name(row, agreement), row.sha256)


def _download(content: bytes, media_type: str, filename: str, sha256: str) -> Response:
    return download(content, media_type, filename, headers={
        "ETag": f'"{sha256}"', "X-Document-SHA256": sha256, "Cache-Control": "private, no-cache"})


def move_template(agreement_id: int):
    """The officer's choice to draft on with the template's current version."""
    agreement = services.get_agreement(agreement_id=agreement_id)
    moved = services.move_to_current_template(agreement=agreement, author=current_user)
    db.session.commit()
    flash(f"Utkastet använder nu mallens aktuella version (revision {agreement.revision})." if moved
          else "Utkastet använder redan mallens aktuella version.", "success")
    return redirect(url_for(".show", agreement_id=agreement.id, _anchor="dokument"))


def upload_scan(agreement_id: int):
    agreement = services.get_agreement(agreement_id=agreement_id)
    form = FormState(labels=SCAN_LABELS)
    upload = request.files.get("file")

    def save():
        if upload is None or not upload.filename:
            raise Invalid({"file": ["Välj filen med den inskannade underskriften."]})
        return archive.upload_signed_scan(agreement=agreement, actor=current_user, content=upload.read(),
                                          filename=upload.filename)

    outcome = submit(form, save)
    if not outcome.ok:
        return render_show(agreement, scan_form=form, status=outcome.status)
    flash(f"Den inskannade underskriften {outcome.result.filename} är sparad i arkivet.", "success")
    return redirect(url_for(".show", agreement_id=agreement.id, _anchor="arkiv"))


def _goals_form(values=None) -> FormState:
    return FormState(values, labels=GOAL_LABELS, id_prefix="mal-")


def _goal_label(goal) -> str:
    return f"{goal.number}. {goal.name}" if goal.number is not None else goal.name


def _goal_values(agreement: Agreement) -> dict[str, str]:
    return {"goal_ids": " ".join(str(goal_id) for goal_id in goals.goal_ids(agreement)),
            "gender_equality": agreement.gender_equality or "", "version": str(agreement.version)}


def _goals_versioned(agreement: Agreement) -> Versioned:
    """A stale save of the goals: the goals compared by name, in the municipality's order."""
    def shown(name: str, value: str) -> str:
        if name != "goal_ids":
            return value
        chosen = set(value.split())
        return ", ".join(_goal_label(goal) for goal in goals.list_goals() if str(goal.id) in chosen)

    return Versioned(current=lambda: agreement.version, stored=lambda: _goal_values(agreement),
                     fields=GOAL_FIELDS, shown=shown)


def save_goals(agreement_id: int):
    """The goals the agreement serves and its statement on gender equality, from its page."""
    agreement = services.get_agreement(agreement_id=agreement_id)
    ensure_may_write(current_user, agreement.department)  # before the version: another department's is 403
    form = _goals_form(posted(only=("gender_equality", "version"), lists=("goal_ids",)))

    def data() -> dict:
        return {"goal_ids": [integer(value) for value in form.value("goal_ids").split()],
                "gender_equality": form.value("gender_equality").strip() or None}

    outcome = submit(form, lambda loaded: goals.set_agreement_goals(agreement=agreement, by=current_user,
                                                                     **loaded),
                     schema=AgreementGoalsIn(), data=data, versioned=_goals_versioned(agreement))
    if not outcome.ok:
        return render_show(agreement, goals_form=form, goals_differences=outcome.differences,
                           status=outcome.status)
    flash("De kommunala målen och beskrivningen av jämställdhet är sparade.", "success")
    return redirect(url_for(".show", agreement_id=agreement.id, _anchor="mal"))


def _scan_limit() -> int:
    """What an upload may weigh: the smaller of the scan limit and the request limit."""
    config = current_app.config
    return min(config["MAX_SCAN_BYTES"], config.get("MAX_CONTENT_LENGTH") or config["MAX_SCAN_BYTES"])


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(error):
    # The request is refused before any view reads it; on the upload form the refusal
    # belongs beside the file field, like the service's own size check.
    message = f"Filen är för stor: högst {_scan_limit() // (1024 * 1024)} MB."
    if request.endpoint == "agreements.upload_scan" and request.view_args:
        agreement = db.session.get(Agreement, request.view_args["agreement_id"])
        if agreement is not None and current_user.is_authenticated:
            form = FormState(labels=SCAN_LABELS)
            form.fail(Invalid({"file": [message]}))
            return render_show(agreement, scan_form=form, status=413)
    return respond(413, message)


EVENT_LABELS = {
    "create": "Utkastet skapades", "update": "Utkastet ändrades",
    "submit": "Skickades för juridisk granskning",
    "approve": "Godkändes av kommunjurist", "request_changes": "Skickades tillbaka med begärda ändringar",
    "activate": "Undertecknades och började gälla", "terminate": "Sades upp", "withdraw": "Återkallades",
    "expire": "Löpte ut", "document_approved": "Det godkända dokumentet arkiverades",
    "document_active": "Det undertecknade dokumentet arkiverades",
    "document_active_pdfa": "En PDF/A-kopia arkiverades",
    "document_signed_scan": "En inskannad underskrift laddades upp",
    "document_follow_up_report": "En fil till en återrapport arkiverades",
    "archive_pdf_failed": "PDF/A-kopian kunde inte skapas",
    "goals": "Kommunala mål eller jämställdhet ändrades",
}
CHILD_LABELS = {"party": "Part", "resource": "Resurs", "milestone": "Milstolpe", "follow_up": "Uppföljning",
                "signatory": "Undertecknare", "follow_up_report": "Återrapport"}
CHILD_VERBS = {"create": "lades till", "update": "ändrades", "delete": "togs bort"}


def _event_summary(event) -> tuple[str, str]:
    """(what happened, which fields) for one audit event of an agreement, in words."""
    child, _, verb = event.action.rpartition("_")
    if child in CHILD_LABELS and verb in CHILD_VERBS:
        return f"{CHILD_LABELS[child]} {CHILD_VERBS[verb]}", ""
    what = EVENT_LABELS.get(event.action, event.action)
    if event.action == "goals":
        changed = {"goals": "Kommunala mål", "gender_equality": "Jämställdhet"}
        return what, ", ".join(changed[key] for key in event.changes if key in changed)
    fields = [steps.LABELS.get(key, key) for key in event.changes
              if key in steps.LABELS or key in ("status", "approved_revision", "signed_on")]
    fields = [{"status": "Status", "approved_revision": "Godkänd revision",
               "signed_on": "Undertecknad"}.get(f, f) for f in fields]
    return what, ", ".join(dict.fromkeys(fields)) if event.action in ("update", "create") else ""


def awaiting_review(user) -> list[Agreement]:
    """For the start page: agreements waiting for a lawyer, the one waiting longest first."""
    return db.session.scalars(services.list_awaiting_review().limit(10)).all()


def my_drafts(user) -> list[Agreement]:
    """For the start page: the drafts of the officer's department, latest changed first."""
    if user.department is None:
        return []
    return db.session.scalars(services.list_drafts(department=user.department).limit(10)).all()


_READ, _WRITE = "read", "agreement.write"
_ROUTES = (
    # (rule, endpoint, view, methods, permission)
    ("", "index", index, ("GET",), _READ),
    ("/ny", "new", draft_views.new, ("GET", "POST"), _WRITE),
    ("/<int:agreement_id>", "show", show, ("GET",), _READ),
    ("/<int:agreement_id>/utkast/kontroll", "check", draft_views.check, ("GET", "POST"), _WRITE),
    ("/<int:agreement_id>/utkast/<step_key>", "step", draft_views.step, ("GET", "POST"), _WRITE),
    ("/<int:agreement_id>/dokument", "document", document, ("GET",), _READ),
    ("/<int:agreement_id>/andringar", "redline", redline, ("GET",), _READ),
    ("/<int:agreement_id>/arkiv", "upload_scan", upload_scan, ("POST",), _WRITE),
    ("/<int:agreement_id>/mallversion", "move_template", move_template, ("POST",), _WRITE),
    ("/<int:agreement_id>/mal", "save_goals", save_goals, ("POST",), _WRITE),
    ("/<int:agreement_id>/arkiv/<int:document_id>", "archived", archived, ("GET",), _READ),
    ("/<int:agreement_id>/undertecknande", "activate", signing_views.activate, ("GET", "POST"), _WRITE),
    ("/<int:agreement_id>/uppsagning", "terminate", signing_views.terminate, ("GET", "POST"), _WRITE),
    ("/<int:agreement_id>/aterkallelse", "withdraw", signing_views.withdraw, ("GET", "POST"), _WRITE),
    ("/<int:agreement_id>/fornyelse", "renew", signing_views.renew, ("GET", "POST"), _WRITE),
)
for _rule, _endpoint, _view, _methods, _permission in _ROUTES:
    bp.add_url_rule(_rule, _endpoint, permission_required(_permission)(_view), methods=list(_methods))
