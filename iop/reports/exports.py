"""The report in a file format: the bytes, their media type and a file name."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from flask import Response, current_app

from iop.clock import today
from iop.downloads import content_disposition
from iop.reports import services, tables
from iop.reports.documents import Arende, report_docx
from iop.reports.spreadsheets import report_csv, report_xlsx

MEDIA_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
FORMATS = tuple(MEDIA_TYPES)


@dataclass
class Export:
    content: bytes
    media_type: str
    filename: str

    def as_attachment(self) -> Response:
        """The file as a download; the media type as it is (Flask would add a second charset to text/csv)."""
        return Response(self.content, content_type=self.media_type,
                        headers={"Content-Disposition": content_disposition(self.filename)})


def export_report(*, year: int, file_format: str, entered: dict | None = None) -> Export:
    """The yearly report for `year` as json, csv, xlsx or docx (with what the coordinator `entered`
    for the ärende: case number, date, proposal, comment)."""
    report = services.build_report(year=year)
    municipality = current_app.config["MUNICIPALITY_NAME"]
    generated_on = today(current_app.config["TIMEZONE"])
    if file_format == "json":
        content = json.dumps(report, ensure_ascii=False, indent=2).encode()
    elif file_format == "csv":
        # With a BOM: Excel reads a CSV without one as the local code page, and å, ä, ö break.
        content = report_csv(tables.report_tables(report)).encode("utf-8-sig")
    elif file_format == "xlsx":
        # The lists in full: the Word report shows their first rows and says the rest are here.
        every = tables.report_tables(report) + tables.list_tables(services.build_lists(year=year))
        content = report_xlsx(every, title=f"Samverkan med civilsamhället {year}",
                              author=municipality, created=datetime(generated_on.year, generated_on.month,
                                                                    generated_on.day))
    else:
        content = report_docx(report, municipality=municipality, generated_on=generated_on,
                              lists=services.build_lists(year=year, limit=list_rows()),
                              arende=arende(**(entered or {})))
    return Export(content, MEDIA_TYPES[file_format], f"samverkansrapport-{year}.{file_format}")


def list_rows() -> int:
    return current_app.config["REPORT_LIST_ROWS"]


def arende(**entered) -> Arende:
    """The ärende with the settings' sender, decision and receivers, and what the coordinator entered."""
    config = current_app.config
    given = {key: value for key, value in entered.items() if value not in (None, "")}
    return Arende(sender=config["REPORT_SENDER"], decision=config["REPORT_DECISION"],
                  send_to=config["REPORT_SEND_TO"], list_rows=list_rows(), **given)
