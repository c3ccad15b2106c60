"""A list on a page as a file: CSV for Swedish Excel or an XLSX workbook, of what the list shows.

CSV in the Swedish dialect: UTF-8 with a BOM (so Excel reads å, ä, ö), `;` between columns
and numbers with a decimal comma. Text that a spreadsheet would run as a formula (`=`, `+`,
`-`, `@` first) is written with a leading apostrophe, as the yearly report does.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from flask import Response

from iop.downloads import download
from iop.xmltext import xml_text

FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
MAX_ROWS = 20_000
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text(value) -> str:
    value = xml_text(str(value))
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (float, Decimal)):
        return format(Decimal(str(value)).normalize(), "f").replace(".", ",")
    if isinstance(value, date):
        return value.isoformat()
    return _text(value)


def list_csv(headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([_text(h) for h in headers])
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def list_xlsx(title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([_text(h) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(h) for h in headers]
    for row in rows:
        values = []
        for index, value in enumerate(row):
            if isinstance(value, Decimal):
                value = float(value)
            elif isinstance(value, datetime):
                value = value.replace(tzinfo=None)
            elif isinstance(value, str):
                value = _text(value)
            values.append(value)
            widths[index] = max(widths[index], len(str(value or "")))
        sheet.append(values)
    for cell, width in zip(sheet[1], widths, strict=False):
        sheet.column_dimensions[cell.column_letter].width = min(width + 2, 60)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def list_download(file_format: str, *, name: str, title: str, headers: Sequence[str],
                  rows: Iterable[Sequence]) -> Response:
    """The rows as `name.csv` or `name.xlsx`; `file_format` is one of FORMATS (the view checks)."""
    if file_format == "csv":
        return download(list_csv(headers, rows), FORMATS["csv"], f"{name}.csv")
    return download(list_xlsx(title, headers, rows), FORMATS["xlsx"], f"{name}.xlsx")
