import marshmallow as ma
from flask.views import MethodView

from iop.auth.api import api_user
from iop.downloads import download
from iop.extensions import db
from iop.reports import produced, services
from iop.reports.exports import MEDIA_TYPES, export_report
from iop.reports.schemas import ProduceIn
from iop.rest import PAGINATION_DOC, Blueprint, PageArgs, paginate, requires
from iop.schemas import QueryInteger

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
    previous_year = ma.fields.Dict(metadata={
        "description": "the year before's figures for comparison: year, active, started, ended, "
                       "municipality_sek, volunteer_hours, grants, grants_sek, initiatives"})
    goals = ma.fields.List(ma.fields.Dict(), metadata={
        "description": "per municipal goal: id, number, name, agreements and municipality_sek in the year"})
    untagged_agreements = ma.fields.Integer(metadata={
        "description": "agreements of the year tagged with no goal"})
    gender_equality = ma.fields.Dict(metadata={
        "description": "agreements, agreements_stating, initiatives, initiatives_stating and statements "
                       "(type, title, text): how they concern girls and boys, women and men"})


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


class ProducedOut(ma.Schema):
    id = ma.fields.Integer()
    year = ma.fields.Integer()
    case_number = ma.fields.String()
    date = ma.fields.Date(attribute="decision_date")
    proposal = ma.fields.String()
    comment = ma.fields.String()
    preliminary = ma.fields.Boolean()
    sha256 = ma.fields.String(metadata={"description": "SHA-256 of the kept Word file's bytes"})
    media_type = ma.fields.String()
    filename = ma.fields.String()
    size = ma.fields.Integer()
    produced_by = ma.fields.Function(lambda r: r.produced_by.email if r.produced_by else None)
    created_at = ma.fields.DateTime()


class ProducedFilter(PageArgs):
    year = QueryInteger(validate=ma.validate.Range(min=services.MIN_YEAR, max=services.MAX_YEAR))


@blp.route("/<int:year>/produce")
class Produce(MethodView):
    @requires("report.produce")
    @blp.arguments(ProduceIn)
    @blp.response(201, ProducedOut)
    def post(self, data, year: int):
        """Produce the year's report as an ärende to the board (Word) and keep it, bytes and SHA-256."""
        kept = produced.produce_report(year=year, by=api_user(), case_number=data["case_number"],
                                       decision_date=data["date"], proposal=data["proposal"],
                                       comment=data["comment"])
        db.session.commit()
        return kept


@blp.route("/produced")
class ProducedList(MethodView):
    @blp.arguments(ProducedFilter, location="query")
    @blp.response(200, ProducedOut(many=True), headers=PAGINATION_DOC["headers"])
    def get(self, args):
        """Every kept report, newest first (what went to the board)."""
        year = args.pop("year", None)
        return paginate(db.session, produced.list_produced(year=year), **args)


@blp.route("/produced/<int:produced_id>")
class ProducedOne(MethodView):
    @blp.response(200, ProducedOut)
    def get(self, produced_id: int):
        """One kept report: what was entered and the SHA-256 of its bytes."""
        return produced.get_produced(report_id=produced_id)


@blp.route("/produced/<int:produced_id>/document")
class ProducedDocument(MethodView):
    @blp.doc(responses={200: {"description": "The kept Word file, exactly as produced",
                              "content": {MEDIA_TYPES["docx"]: _BINARY}}})
    def get(self, produced_id: int):
        """The kept Word file as it was produced, with its SHA-256 as the ETag."""
        kept = produced.get_produced(report_id=produced_id)
        return download(kept.content, kept.media_type, kept.filename, headers={"ETag": f'"{kept.sha256}"'})
