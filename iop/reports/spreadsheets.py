"""The report as CSV and as an XLSX workbook (a sheet per section, with totals).

Formula injection: a text cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage
return) would be run as a formula by Excel or LibreOffice. Such text, which may come from
an imported file or a name someone typed, is written with a leading apostrophe (`'=...`),
so it is shown as text. Numbers are written as numbers and never prefixed, negative ones included.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime

from iop.reports.archives import stable_zip
from iop.reports.tables import Table
from iop.xmltext import xml_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_WIDTH = 60


def neutralise(value):
    """Text that a spreadsheet would run as a formula, made plain text, without the control
    characters a worksheet (XML) cannot hold; everything else as is."""
    value = xml_text(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, (int, float)):
        return str(value)
    return neutralise(str(value))


def report_csv(tables: list[Table]) -> str:
    """Every table after the other: its title, header, rows, totals and a blank line (RFC 4180, UTF-8)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for table in tables:
        writer.writerow([_csv_value(table.title)])
        writer.writerow([_csv_value(h) for h in table.headers])
        for row in table.rows:
            writer.writerow([_csv_value(v) for v in row])
        if table.totals:
            writer.writerow([_csv_value(v) for v in table.totals])
        writer.writerow([])
    return out.getvalue()


def report_xlsx(tables: list[Table], *, title: str, author: str, created: datetime) -> bytes:
    """A workbook with a sheet per table: bold header, totals, widths that fit, numbers as numbers."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        _sheet(workbook.create_sheet(table.sheet[:31]), table)
    workbook.properties.title = xml_text(title)
    workbook.properties.creator = workbook.properties.lastModifiedBy = xml_text(author)
    workbook.properties.created = workbook.properties.modified = created.replace(tzinfo=None)
    out = io.BytesIO()
    # Not workbook.save(): it stamps the current time as "modified", and the bytes would vary.
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return stable_zip(out.getvalue())


def _sheet(sheet, table: Table) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    bold = Font(bold=True)
    sheet.append([neutralise(h) for h in table.headers])
    for cell in sheet[1]:
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="DDE4EE")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in table.rows:
        sheet.append([neutralise(v) for v in row])
    if table.totals:
        sheet.append([neutralise(v) for v in table.totals])
        for cell in sheet[sheet.max_row]:
            cell.font = bold
    if table.note:
        sheet.append([])
        sheet.append([neutralise(table.note)])
    for column, numeric in enumerate(table.numeric, start=1):
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            if numeric and isinstance(cell.value, (int, float)):
                cell.number_format = "#,##0" if float(cell.value).is_integer() else "#,##0.00"
    _fit_widths(sheet, table)
    sheet.freeze_panes = "A2"


def _fit_widths(sheet, table: Table) -> None:
    from openpyxl.utils import get_column_letter

    lines = [table.headers, *table.rows, table.totals or []]
    for index in range(len(table.headers)):
        longest = max(len(_shown(line[index])) for line in lines if index < len(line))
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(max(longest + 2, 8), MAX_WIDTH)


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return str(value)
