"""The follow-up reports on the agreement's and the organisation's pages, and the form that
records one (shown on the agreement's page)."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, request, url_for
from flask_login import current_user

from iop import clock
from iop.agreements import services as agreements
from iop.agreements.models import SIGNED_STATUSES, Agreement
from iop.errors import Invalid
from iop.followups import files as report_files
from iop.followups import services
from iop.followups.models import Assessment
from iop.followups.schemas import FollowUpReportIn
from iop.web.access import permission_required
from iop.web.forms import FormState, posted, submit

bp = Blueprint("followups", __name__, url_prefix="/overenskommelser")

FIELDS = ("follow_up_date", "received_on", "summary", "assessment", "comment")
FILE = "report_file"  # the agreement page has another form with a field named file
LABELS = {"follow_up_date": "Uppföljning", "received_on": "Rapporten kom in",
          "summary": "Vad rapporten säger", "assessment": "Bedömning", "comment": "Kommentar",
          FILE: "Rapporten som fil"}
MISSING = {"follow_up_date": "Välj vilken uppföljning rapporten gäller.",
           "received_on": "Skriv vilket datum rapporten kom in.",
           "assessment": "Välj om målen är uppfyllda, delvis uppfyllda eller inte uppfyllda."}
ASSESSMENT_LABELS = {Assessment.MET: "Uppfyllt", Assessment.PARTLY_MET: "Delvis uppfyllt",
                     Assessment.NOT_MET: "Inte uppfyllt"}
# Shown on a report: also one handed in through the portal and not yet assessed.
REPORT_LABELS = {**ASSESSMENT_LABELS, Assessment.PENDING: "Inte bedömd än (inlämnad via e-tjänsten)"}
FORM_ID = "aterrapport-"


def new_report_form(values=None) -> FormState:
    return FormState(values, labels=LABELS, missing=MISSING, id_prefix=FORM_ID)


def agreement_page_context(agreement: Agreement, report_form: FormState | None = None, **_) -> dict:
    """The follow-up dates with their reports, and the form to record one, for the agreement's
    page (registered by the wiring: agreements sit below this package)."""
    today = clock.today(current_app.config["TIMEZONE"])
    states = services.follow_up_states(agreement=agreement, today=today)
    may_record = agreement.status in SIGNED_STATUSES and services.may_record(current_user, agreement)
    return {"follow_up_states": states, "report_form": report_form or new_report_form(),
            "may_record": may_record,
            "open_follow_ups": [(s.date.isoformat(), f"{s.date.isoformat()} – {', '.join(s.titles)}")
                                for s in states if s.report is None],
            "assessment_labels": REPORT_LABELS, "assessment_choices": ASSESSMENT_LABELS,
            "report_accept": report_files.ACCEPT,
            "max_report_mb": current_app.config["MAX_FOLLOW_UP_FILE_BYTES"] // (1024 * 1024)}


def organisation_page_context(organisation_id: int) -> dict:
    """The organisation's follow-up reports, for its page (registered by the wiring)."""
    return {"follow_up_reports": services.reports_of_organisation(organisation_id=organisation_id),
            "assessment_labels": REPORT_LABELS}


@bp.route("/<int:agreement_id>/aterrapporter", methods=["POST"])
@permission_required("agreement.write")
def record(agreement_id: int):
    from iop.agreements.views import render_show  # the page this form is on

    agreement = agreements.get_agreement(agreement_id=agreement_id)
    form = new_report_form(posted())
    # A file input left empty posts a part with neither name nor bytes: no file.
    uploads = [(content, f.filename) for f in request.files.getlist(FILE)
               if (content := f.read()) or f.filename]

    def save(data):
        try:
            return services.record_report(agreement=agreement, actor=current_user, uploads=uploads,
                                          today=clock.today(current_app.config["TIMEZONE"]), **data)
        except Invalid as error:  # the service names the file `file`, the page `report_file`
            if error.errors and "file" in error.errors:
                error.errors[FILE] = error.errors.pop("file")
            raise

    outcome = submit(form, save, schema=FollowUpReportIn(), data=lambda: form.input(FIELDS))
    if not outcome.ok:
        return render_show(agreement, report_form=form, status=outcome.status)
    saved = outcome.result.follow_up_date.isoformat()
    flash(f"Återrapporten för uppföljningen {saved} är sparad.", "success")
    return redirect(url_for("agreements.show", agreement_id=agreement.id, _anchor="uppfoljning"))
