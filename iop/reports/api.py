import marshmallow as ma
from flask.views import MethodView

from iop.reports import services
from iop.reports.exports import MEDIA_TYPES, export_report
from iop.rest import Blueprint

blp = Blueprint("api_reports", __name__, url_prefix="/api/v1/reports",
                description="Årsrapporten till kommunstyrelsen")


class AssessmentCounts(ma.Schema):
    met = ma.fields.Integer()
    partly_met = ma.fields.Integer()
    not_met = ma.fields.Integer()


class FollowUpReportCounts(ma.Schema):
    due = ma.fields.Integer(metadata={"description": "follow-up dates in the year"})
    received = ma.fields.Integer(metadata={"description": "of those, with a report"})
    missing = ma.fields.Integer(metadata={"description": "of those, past without a report"})
    by_assessment = ma.fields.Nested(AssessmentCounts, metadata={"description": "the received by assessment"})


class ReportOut(ma.Schema):
    """API.md's yearly report; every section is documented in the README."""

    year = ma.fields.Integer()
    preliminary = ma.fields.Boolean(metadata={"description": "true while the year is not over"})
    agreements = ma.fields.Dict(metadata={"description": "active, started, ended, renewed, by_kind, "
                                          "by_committee, by_department, over_time, municipality_sek, ..."})
    resources = ma.fields.Dict(metadata={"description": "SEK and hours by party and type"})
    grants = ma.fields.Dict(metadata={"description": "total_sek, grants, by_committee, "
                                      "organisations_with_several_committees"})
    initiatives = ma.fields.Dict(metadata={"description": "received, by_status, by_outcome, "
                                           "cross_department, median_days_to_first_handling"})
    follow_up_reports = ma.fields.Nested(FollowUpReportCounts, metadata={
        "description": "the follow-up dates of signed agreements in the year and their reports"})
    funding_overlaps = ma.fields.List(ma.fields.Dict(), metadata={
        "description": "every organisation with money from more than one source in the year: "
                       "org_number, name, amount_sek, sources (type agreement or grant, id, committee, "
                       "title, amount_sek)"})
    possible_double_funding = ma.fields.List(ma.fields.Dict(), metadata={
        "description": "pairs of an organisation's sources with similar purposes: similarity, shared_words, "
                       "sources"})
    similarity_threshold = ma.fields.Float()


@blp.route("/<int:year>")
class Report(MethodView):
    @blp.response(200, ReportOut)
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY", description="A year outside 1990–2100")
    def get(self, year: int):
        """The yearly report as JSON (every role: it goes to the board)."""
        return services.build_report(year=year)


_BINARY = {"schema": {"type": "string", "format": "binary"}}
FILE_RESPONSES = {200: {"description": "The report as a file",
                        "content": {MEDIA_TYPES[f].split(";")[0]: _BINARY for f in ("csv", "xlsx", "docx")}}}


@blp.route("/<int:year>.<any(csv, xlsx, docx):file_format>")
class ReportFile(MethodView):
    @blp.doc(responses=FILE_RESPONSES)
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY", description="A year outside 1990–2100")
    def get(self, year: int, file_format: str):
        """The yearly report as CSV, XLSX (a sheet per section) or Word (with charts)."""
        export = export_report(year=year, file_format=file_format)
        return export.as_attachment()
