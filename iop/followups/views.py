"""The page form that records a follow-up report, shown on the agreement's page."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, request, url_for
from flask_login import current_user

from iop import clock
from iop.agreements import services as agreements
from iop.errors import Conflict, Invalid
from iop.extensions import db
from iop.followups import services
from iop.followups.models import Assessment
from iop.followups.schemas import FollowUpReportIn
from iop.web.access import permission_required
from iop.web.forms import FormState, load_form

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
FORM_ID = "aterrapport-"


def report_form(values=None) -> FormState:
    return FormState(values, labels=LABELS, missing=MISSING, id_prefix=FORM_ID)


@bp.route("/<int:agreement_id>/aterrapporter", methods=["POST"])
@permission_required("agreement.write")
def record(agreement_id: int):
    from iop.agreements.views import render_show  # the page this form is on

    agreement = agreements.get_agreement(agreement_id=agreement_id)
    form = report_form({k: v for k, v in request.form.items() if k != "csrf_token"})
    # A file input left empty posts a part with neither name nor bytes: no file.
    uploads = [(content, f.filename) for f in request.files.getlist(FILE)
               if (content := f.read()) or f.filename]
    try:
        data = load_form(FollowUpReportIn(), form.input(FIELDS))
        report = services.record_report(agreement=agreement, actor=current_user, uploads=uploads,
                                        today=clock.today(current_app.config["TIMEZONE"]), **data)
        db.session.commit()
    except (Invalid, Conflict) as error:
        db.session.rollback()
        if error.errors and "file" in error.errors:
            error.errors[FILE] = error.errors.pop("file")
        form.fail(error)
        return render_show(agreement, report_form=form, status=error.status)
    flash(f"Återrapporten för uppföljningen {report.follow_up_date.isoformat()} är sparad.", "success")
    return redirect(url_for("agreements.show", agreement_id=agreement.id, _anchor="uppfoljning"))
