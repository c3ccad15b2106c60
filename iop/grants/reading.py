"""Reading an uploaded grants file into rows: CSV (as Swedish Excel writes it) or XLSX.

Files are read as data and never evaluated: XLSX through openpyxl with `data_only`
(a formula cell gives the value it last showed, or nothing), CSV as text. Row numbers
are the ones the user sees in Excel: the header is row 1.
"""

from __future__ import annotations

import codecs
import csv
import io
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from iop.errors import DomainError, Invalid

COLUMNS = ("year", "committee", "org_number", "organisation", "purpose", "amount_sek")

# Headers as Swedish grant systems and spreadsheets name the columns.
ALIASES = {
    "year": "year", "år": "year", "ar": "year", "bidragsår": "year",
    "committee": "committee", "nämnd": "committee", "namnd": "committee",
    "org_number": "org_number", "organisationsnummer": "org_number", "orgnr": "org_number",
    "org_nr": "org_number", "org.nr": "org_number",
    "organisation": "organisation", "organization": "organisation", "förening": "organisation",
    "organisationens_namn": "organisation",
    "purpose": "purpose", "ändamål": "purpose", "syfte": "purpose",
    "amount_sek": "amount_sek", "amount": "amount_sek", "belopp": "amount_sek",
    "belopp_sek": "amount_sek", "belopp_kr": "amount_sek", "belopp_(kr)": "amount_sek",
}

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls
# An .xlsx is a zip: a small file may unpack to gigabytes. Refuse before openpyxl sees it.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
# A grants file has six columns; a row thousands of cells wide only burns CPU. Cells past
# MAX_COLUMNS are not read, and a sheet with more than MAX_CELLS cells in all is refused.
MAX_COLUMNS = 50
MAX_CELLS = 2_000_000


class TooLarge(DomainError):
    status = 413


class UnsupportedFile(DomainError):
    status = 415


@dataclass
class Sheet:
    """The rows of a file under its header: (row number, {column: raw value})."""

    file_format: str
    rows: list[tuple[int, dict[str, object]]]


def read_sheet(data: bytes, *, filename: str | None = None, content_type: str | None = None,
               max_bytes: int, max_rows: int) -> Sheet:
    """The data rows of an uploaded CSV or XLSX file, or a file-level error."""
    if len(data) > max_bytes:
        raise TooLarge(f"Filen är för stor: högst {max_bytes // (1024 * 1024)} MB kan läsas in åt gången.")
    if not data.strip():
        raise Invalid({"file": "Filen är tom."})
    file_format = detect_format(data, filename=filename, content_type=content_type)
    records = _xlsx_records(data) if file_format == "xlsx" else _csv_records(data)
    return Sheet(file_format, _rows_under_header(records, max_rows=max_rows))


def printable_filename(filename: str | None) -> str | None:
    """An uploaded file's name as something that can be stored and shown: no control characters."""
    if not filename:
        return None
    return "".join(char for char in filename if char.isprintable())[:255] or None


def detect_format(data: bytes, *, filename: str | None, content_type: str | None) -> str:
    """`xlsx` or `csv`, by the bytes first, then the content type and the file name."""
    name = (filename or "").lower()
    media = (content_type or "").split(";")[0].strip().lower()
    if data.startswith(_OLE2_MAGIC) or name.endswith(".xls"):
        raise UnsupportedFile("Filer i det gamla Excel-formatet (.xls) kan inte läsas. "
                              "Spara filen som .xlsx eller CSV och försök igen.")
    if data.startswith(_ZIP_MAGIC) or media == XLSX_MEDIA_TYPE or name.endswith(".xlsx"):
        return "xlsx"
    return "csv"


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")  # Excel's "Unicode text"
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Swedish Windows saves "CSV (semikolonavgränsad)" in Windows-1252.
        return data.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    counts = {sep: first_line.count(sep) for sep in (";", ",", "\t")}
    return max(counts, key=lambda sep: (counts[sep], sep == ";"))


def _csv_records(data: bytes) -> Iterator[list[object]]:
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=False)
    try:
        yield from reader
    except csv.Error as error:
        raise Invalid({"file": f"Rad {reader.line_num} kunde inte läsas som CSV ({error})."}) from error


def _xlsx_records(data: bytes) -> Iterator[list[object]]:
    from openpyxl import load_workbook
    from openpyxl.xml import DEFUSEDXML

    # openpyxl parses through defusedxml when it is installed (a requirement): no entity bombs.
    assert DEFUSEDXML, "defusedxml must be installed to read uploaded workbooks"
    cells = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise TooLarge("Filen packas upp till mer än vad som kan läsas in.")
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it ignores; the data is what counts.
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            sheet = workbook.worksheets[0]
            sheet.reset_dimensions()  # trust the cells, not the size the file claims
            for number, row in enumerate(sheet.iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True),
                                         start=1):
                cells += len(row)
                if cells > MAX_CELLS:
                    raise TooLarge(f"Filen har för många celler (rad {number}). Dela upp den i flera filer.")
                yield list(row)
            workbook.close()
    except (TooLarge, Invalid):
        raise
    except Exception as error:  # openpyxl and lxml raise many kinds on a broken workbook
        raise Invalid({"file": "Filen kunde inte läsas som en Excel-fil (.xlsx)."}) from error


def _is_blank(cells) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def _header_key(cell) -> str:
    text = str(cell or "").replace("\ufeff", "").strip().lower()
    return "_".join(text.split())


def _rows_under_header(records, *, max_rows: int) -> list[tuple[int, dict[str, object]]]:
    positions: dict[str, int] | None = None
    rows = []
    for number, cells in enumerate(records, start=1):
        if _is_blank(cells):
            continue
        if positions is None:
            positions = _header_positions(cells)
            continue
        if len(rows) >= max_rows:
            raise TooLarge(f"Filen har fler än {max_rows} rader. Dela upp den i flera filer.")
        rows.append((number, {column: cells[index] if index < len(cells) else None
                              for column, index in positions.items()}))
    if positions is None:
        raise Invalid({"file": "Filen är tom."})
    return rows


def _header_positions(cells) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, cell in enumerate(cells):
        column = ALIASES.get(_header_key(cell))
        if column is None:
            continue
        if column in positions:
            raise Invalid({"file": f"Kolumnen {column} finns två gånger i rubrikraden."})
        positions[column] = index
    missing = [column for column in COLUMNS if column not in positions]
    if missing:
        raise Invalid({"file": "Rubrikraden saknar kolumnerna " + ", ".join(missing) + ". "
                               "Första raden ska vara: " + ", ".join(COLUMNS) + "."})
    return positions
