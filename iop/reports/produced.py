"""Producing the yearly report as an ärende and keeping it: the Word file's exact bytes, their
SHA-256, and the case number, date, proposal and comment the coordinator entered."""

from __future__ import annotations

import hashlib
from datetime import date

import sqlalchemy as sa

from iop.auth.models import User
from iop.errors import NotFound
from iop.extensions import db
from iop.reports import services
from iop.reports.documents import DEFAULT_PROPOSAL
from iop.reports.exports import MEDIA_TYPES, export_report
from iop.reports.models import ProducedReport
from iop.roles import authorize


def produce_report(*, year: int, by: User, case_number: str, decision_date: date, proposal: str | None = None,
                   comment: str | None = None) -> ProducedReport:
    """Render the year's Word report with what the coordinator entered and keep it as it is."""
    authorize(by, "report.produce")
    services.check_year(year=year)
    proposal = (proposal or "").strip() or DEFAULT_PROPOSAL
    comment = (comment or "").strip()
    export = export_report(year=year, file_format="docx", entered={
        "case_number": case_number.strip(), "date": decision_date, "proposal": proposal, "comment": comment})
    kept = ProducedReport(
        year=year, case_number=case_number.strip(), decision_date=decision_date, proposal=proposal,
        comment=comment, preliminary=services.is_preliminary(year=year),
        sha256=hashlib.sha256(export.content).hexdigest(), media_type=MEDIA_TYPES["docx"],
        filename=f"arende-{year}-{_safe(case_number)}.docx", size=len(export.content), content=export.content,
        produced_by=by)
    db.session.add(kept)
    db.session.flush()
    return kept


def _safe(text: str) -> str:
    safe = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in text.strip()).strip("-")
    return safe or "utan-nummer"


def list_produced(*, year: int | None = None) -> sa.Select:
    statement = sa.select(ProducedReport).order_by(ProducedReport.created_at.desc(), ProducedReport.id.desc())
    if year is not None:
        statement = statement.where(ProducedReport.year == year)
    return statement


def get_produced(*, report_id: int) -> ProducedReport:
    kept = db.session.get(ProducedReport, report_id)
    if kept is None:
        raise NotFound(f"Den framtagna rapporten {report_id} finns inte.")
    return kept
