import marshmallow as ma
from flask import Response, current_app, request
from flask.views import MethodView

from iop import clock
from iop.agreements import services as agreements
from iop.auth.api import api_user
from iop.errors import Invalid
from iop.extensions import db
from iop.followups import services
from iop.followups.schemas import FollowUpReportIn, FollowUpReportOut
from iop.rest import PAGINATION_DOC, Blueprint, PageArgs, paginate, requires

blp = Blueprint("api_follow_up_reports", __name__, url_prefix="/api/v1/agreements",
                description="Återrapportering: organisationernas rapporter till uppföljningsdatumen")

_FILE = {"type": "string", "format": "binary"}
REPORT_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": FollowUpReportIn},
        "multipart/form-data": {"schema": {"type": "object", "required": [
            "follow_up_date", "received_on", "assessment"], "properties": {
            "follow_up_date": {"type": "string", "format": "date"},
            "received_on": {"type": "string", "format": "date"},
            "summary": {"type": "string"}, "assessment": {"type": "string", "enum": [
                "met", "partly_met", "not_met"]},
            "comment": {"type": "string"},
            "file": {"oneOf": [_FILE, {"type": "array", "items": _FILE}],
                     "description": "PDF, Word (.docx), PNG or JPEG; several parts may be sent"}}}},
    },
}


def _input() -> tuple[dict, list[tuple[bytes, str | None]]]:
    """The report's fields and files, from JSON or from a multipart form."""
    if request.mimetype == "multipart/form-data":
        data = {k: v for k, v in request.form.items() if v != ""}
        # A file input left empty posts a part with neither name nor bytes: no file.
        uploads = [(content, f.filename) for f in request.files.getlist("file")
                   if (content := f.read()) or f.filename]
    else:
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            raise Invalid({"_schema": ["Skicka återrapporten som JSON-objekt eller multipart-formulär."]})
        uploads = []
    try:
        return FollowUpReportIn().load(data), uploads
    except ma.ValidationError as error:
        raise Invalid(error.messages) from error


@blp.route("/<int:agreement_id>/follow-up-reports")
class FollowUpReports(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, FollowUpReportOut(many=True), headers=PAGINATION_DOC["headers"])
    def get(self, page, agreement_id: int):
        """The agreement's follow-up reports, in follow-up date order."""
        agreement = agreements.get_agreement(agreement_id=agreement_id)
        return paginate(db.session, services.list_reports(agreement=agreement), **page)

    @requires("agreement.write")
    @blp.doc(requestBody=REPORT_BODY)
    @blp.response(201, FollowUpReportOut)
    def post(self, agreement_id: int):
        """Record the organisation's report for one of the follow-up dates (JSON, or multipart with files)."""
        agreement = agreements.get_agreement(agreement_id=agreement_id)
        data, uploads = _input()
        report = services.record_report(agreement=agreement, actor=api_user(), uploads=uploads,
                                        today=clock.today(current_app.config["TIMEZONE"]), **data)
        db.session.commit()
        return report


@blp.route("/<int:agreement_id>/follow-up-reports/<int:report_id>/files/<int:file_id>")
class FollowUpReportFile(MethodView):
    @blp.response(200, content_type="application/octet-stream", description="The file as kept")
    def get(self, agreement_id: int, report_id: int, file_id: int):
        """Download one file of a report, exactly as kept (its SHA-256 is the ETag)."""
        agreement = agreements.get_agreement(agreement_id=agreement_id)
        report, document = services.get_report_file(agreement=agreement, report_id=report_id, file_id=file_id)
        disposition, media_type = services.download(report=report, document=document)
        return Response(document.content, mimetype=media_type, headers={
            "Content-Disposition": disposition, "ETag": f'"{document.sha256}"',
            "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-cache"})
