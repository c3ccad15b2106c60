"""The report as CSV and as an XLSX workbook (a sheet per section, with totals).

CSV for Swedish Excel: `;` between columns, plain numbers with a decimal comma, no thousands
separators or units (the BOM that makes Excel read UTF-8 is added where the bytes are made).
XLSX: a title row and a frozen header row with an autofilter, real numbers with number
formats (kr, timmar), and columns wide enough for what they hold.

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
from decimal import Decimal

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


def decimal_comma(value) -> str:
    """A number as Swedish Excel reads it: `115000,5`, `0,75`, `-250` (no grouping, no unit)."""
    if isinstance(value, int):
        return str(value)
    text = format(Decimal(str(value)).normalize(), "f")
    return text.replace(".", ",")


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, (int, float, Decimal)):
        return decimal_comma(value)
    return neutralise(str(value))


def report_csv(tables: list[Table]) -> str:
    """Every table after the other: its title, header, rows, totals and a blank line (`;`-separated)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
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


KR_FORMAT = '#,##0 "kr"'
HOURS_FORMAT = '#,##0 "timmar"'
COUNT_FORMAT = "#,##0"
DECIMAL_FORMAT = "0.00"
TITLE_ROW, HEADER_ROW = 1, 2


def number_format(value, unit: str | None) -> str:
    """The format of a number in a column (or row) of `unit`: kr, timmar or a plain count."""
    if unit == "kr":
        return KR_FORMAT
    if unit in ("timmar", "tim"):  # a column's header says timmar, an overview row's unit tim
        return HOURS_FORMAT
    return COUNT_FORMAT if float(value).is_integer() else DECIMAL_FORMAT


def column_unit(header: str) -> str | None:
    """A column's unit as its header names it: "Belopp (kr)", "Ideella timmar"."""
    lowered = header.casefold()
    if "(kr)" in lowered:
        return "kr"
    if "timmar" in lowered:
        return "timmar"
    return None


def _sheet(sheet, table: Table) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    sheet.append([neutralise(table.title)])
    sheet.cell(TITLE_ROW, 1).font = Font(bold=True, size=13)
    sheet.append([neutralise(h) for h in table.headers])
    for cell in sheet[HEADER_ROW]:
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="DDE4EE")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in table.rows:
        sheet.append([neutralise(v) for v in row])
    last_data_row = sheet.max_row
    if table.totals:
        sheet.append([neutralise(v) for v in table.totals])
        for cell in sheet[sheet.max_row]:
            cell.font = bold
    _number_formats(sheet, table)
    if table.note:
        sheet.append([])
        sheet.append([neutralise(table.note)])
    _fit_widths(sheet, table)
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1).coordinate
    # The filter covers the header and the rows, not the totals (sorting would move the Summa row).
    last_column = get_column_letter(len(table.headers))
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last_column}{max(last_data_row, HEADER_ROW)}"


def _number_formats(sheet, table: Table) -> None:
    units = [column_unit(h) for h in table.headers]
    unit_column = table.headers.index("Enhet") if "Enhet" in table.headers else None
    for line in sheet.iter_rows(min_row=HEADER_ROW + 1):
        row_unit = line[unit_column].value if unit_column is not None and len(line) > unit_column else None
        for index, cell in enumerate(line[:len(table.headers)]):
            number = isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool)
            if table.numeric[index] and number:
                cell.number_format = number_format(cell.value, units[index] or row_unit)


def _fit_widths(sheet, table: Table) -> None:
    from openpyxl.utils import get_column_letter

    lines = [table.headers, *table.rows, table.totals or []]
    for index in range(len(table.headers)):
        unit = column_unit(table.headers[index])
        longest = max(len(_shown(line[index], unit)) for line in lines if index < len(line))
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(max(longest + 3, 8), MAX_WIDTH)


def _shown(value, unit: str | None = None) -> str:
    """About what a cell shows, to size its column."""
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
        return f"{text} {unit}" if unit else text
    return str(value)
