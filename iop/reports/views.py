"""The yearly report's pages: the report for a year, its two charts as images, and its files.

Everything comes from `build_report` and `export_report`, as in the API: the page shows the
same tables as the CSV, XLSX and Word files (`iop.reports.tables`), and the charts are the
Word report's (`iop.reports.diagrams`), served as PNG files because the Content-Security-Policy
allows images from this site only.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for
from flask_login import current_user

from iop import downloads, swedish
from iop.clock import today
from iop.errors import Invalid, NotFound
from iop.extensions import db
from iop.reports import diagrams, produced, services, tables
from iop.reports.documents import (
    COUNTING_RULES,
    DEFAULT_PROPOSAL,
    WORD_LIST_COLUMNS,
    analysis,
    comparison_table,
    economic_text,
    gender_equality_texts,
    goals_texts,
    summary_text,
)
from iop.reports.exports import FORMATS, arende, export_report, list_rows
from iop.reports.schemas import ProduceIn
from iop.web.access import permission_required
from iop.web.forms import FormState, submit

bp = Blueprint("reports", __name__, url_prefix="/arsrapport")

# Every role reads the report, as in the API: it goes to the board and is a public record.
READ = "read"
LABELS = {"year": "År"}
PRODUCE_LABELS = {"case_number": "Diarienummer", "date": "Datum", "proposal": "Förslag till beslut",
                  "comment": "Kommentar"}
PRODUCE_FIELDS = tuple(PRODUCE_LABELS)
FORMAT_LABELS = {"docx": "Word", "xlsx": "Excel", "csv": "CSV", "json": "JSON"}
EMPTY_TABLES = {
    "Flera nämnder": "Ingen organisation fick bidrag från mer än en nämnd under året.",
    "Möjlig dubbelfinansiering": "Inga likartade ändamål hittades.",
}


@bp.context_processor
def _formats() -> dict:
    return {"cell_text": tables.cell_text}


def default_year() -> int:
    """The last full year: the one the board gets its report for."""
    return min(max(today(current_app.config["TIMEZONE"]).year - 1, services.MIN_YEAR), services.MAX_YEAR)


@bp.get("")
@permission_required(READ)
def index():
    """The year asked for in the form (`?year=`), or the last full year."""
    typed = request.args.get("year")
    if typed is None:
        return redirect(url_for(".show", year=default_year()))
    form = FormState({"year": typed}, labels=LABELS)
    try:
        year = _parse_year(typed)
        services.check_year(year=year)
    except Invalid as error:
        form.fail(error)
        return render_template("reports/choose.html", form=form), 422
    return redirect(url_for(".show", year=year))


def _parse_year(typed: str) -> int:
    text = typed.strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 4):
        raise Invalid({"year": "Ange året med fyra siffror, till exempel 2026."})
    return int(text)


@bp.get("/<int:year>")
@permission_required(READ)
def show(year: int):
    try:
        report = services.build_report(year=year)
    except Invalid as error:
        # An address with a year the report is not made for: no such page, and a field to fix it in.
        form = FormState({"year": str(year)}, labels=LABELS)
        form.fail(error)
        return render_template("reports/choose.html", form=form), 404
    return _render_show(report, year)


def _render_show(report: dict, year: int, produce_form: FormState | None = None, status: int = 200):
    """The report's page: the same ärende as the Word file, its lists capped the same way."""
    by_sheet = {table.sheet: table for table in tables.report_tables(report)}
    lists = tables.list_tables(services.build_lists(year=year, limit=list_rows()))
    produce_form = produce_form or FormState(
        {"date": swedish.date_iso(today(current_app.config["TIMEZONE"])), "proposal": DEFAULT_PROPOSAL},
        labels=PRODUCE_LABELS)
    kept = db.session.scalars(produced.list_produced(year=year).limit(20)).all()
    return render_template(
        "reports/show.html", report=report, year=year, tables=by_sheet, summary=summary_text(report),
        charts={chart.name: (chart, chart.describe(report)) for chart in diagrams.CHARTS.values()},
        form=FormState({"year": str(year)}, labels=LABELS), empty=EMPTY_TABLES,
        formats=[(f, FORMAT_LABELS[f]) for f in ("docx", "xlsx", "csv", "json")],
        double_funding_rule=tables.DOUBLE_FUNDING_RULE, overview_value=overview_value,
        arende=arende(), analysis=analysis(report), comparison=comparison_table(report),
        economic=economic_text(report), goals_texts=goals_texts(report),
        gender_texts=gender_equality_texts(report), lists=lists, list_columns=WORD_LIST_COLUMNS,
        produce_form=produce_form, kept=kept,
        counting_rules=COUNTING_RULES), status


@bp.post("/<int:year>/arende")
@permission_required("report.produce")
def produce(year: int):
    """Produce the ärende with what the coordinator entered and keep it; then back to the page."""
    report = _report(year)
    form = FormState.from_request(labels=PRODUCE_LABELS)
    outcome = submit(form, lambda data: produced.produce_report(
        year=year, by=current_user._get_current_object(), case_number=data["case_number"],
        decision_date=data["date"], proposal=data["proposal"], comment=data["comment"]),
        schema=ProduceIn(), data=lambda: form.input(PRODUCE_FIELDS))
    if not outcome.ok:
        return _render_show(report, year, produce_form=form, status=outcome.status)
    return redirect(url_for(".show", year=year, framtagen=outcome.result.id, _anchor="framtagna"))


@bp.get("/framtagna/<int:report_id>.docx")
@permission_required(READ)
def produced_document(report_id: int):
    """A kept ärende exactly as it was produced (what went to the board)."""
    kept = produced.get_produced(report_id=report_id)
    return downloads.download(kept.content, kept.media_type, kept.filename,
                              headers={"ETag": f'"{kept.sha256}"'})


def overview_value(value, unit: str) -> str:
    """`375 001 kr`, `1 600 tim`, `6`: the overview's figure with its unit."""
    if unit == "kr":
        return swedish.kronor(value)
    if unit == "tim":
        return swedish.hours(value)
    if value is None:
        return swedish.MISSING
    return swedish.number(value) if unit in ("st", "par") else f"{swedish.number(value)} {unit}"


@bp.get("/<int:year>/diagram/<name>.png")
@permission_required(READ)
def chart(year: int, name: str):
    chart = diagrams.CHARTS.get(name)
    if chart is None:
        raise NotFound("Diagrammet finns inte.")
    png = chart.draw(_report(year))
    # Drawing needs the whole report: let the browser keep the picture a while instead of
    # asking again on every visit to the page (it is no secret to the user who just saw it).
    return Response(png, mimetype="image/png", headers={"Cache-Control": "private, max-age=300"})


@bp.get("/<int:year>.<file_format>")
@permission_required(READ)
def download(year: int, file_format: str):
    """The report as a file, exactly as the API and the command line give it."""
    if file_format not in FORMATS:
        raise NotFound("Rapporten finns som docx, xlsx, csv och json.")
    _report_year(year)
    export = export_report(year=year, file_format=file_format)
    return export.as_attachment()


def _report(year: int) -> dict:
    _report_year(year)
    return services.build_report(year=year)


def _report_year(year: int) -> None:
    """A file or image of a year the report is not made for does not exist (404)."""
    try:
        services.check_year(year=year)
    except Invalid as error:
        raise NotFound(" ".join(error.errors["year"])) from error
