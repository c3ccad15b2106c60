"""The yearly report as a Word document in Swedish, ready for the executive board.

Built with python-docx on A4 with Swedish set as the language, real heading styles, tables
from `iop.reports.tables` (the same rows as CSV and XLSX) and charts embedded as pictures.
Pure: the same report, municipality and date give the same bytes.
"""

from __future__ import annotations

import io
from datetime import date, datetime

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from iop import swedish
from iop.reports import diagrams, tables
from iop.reports.archives import stable_zip
from iop.xmltext import xml_text

TABLE_STYLE = "Light List Accent 1"
TEXT_WIDTH_MM = 160  # A4 less 25 mm margins
CELL_PADDING_MM, CHAR_MM = 4.0, 1.85  # 9 pt text, bold headers
# Word columns of the department table: the full table has twelve, too many for A4 portrait.
DEPARTMENT_COLUMNS = (1, 3, 6, 7, 8, 9, 11)
COUNTING_RULES = [
    "En överenskommelse räknas för ett år när den är undertecknad (gällande, upphörd eller uppsagd) "
    "och dess avtalsperiod överlappar året. En uppsagd överenskommelse räknas till och med den dag "
    "uppsägningen fick verkan.",
    "Pengar och timmar räknas efter dagar: en resurs angiven per år räknas med beloppet gånger "
    "periodens dagar under året delat med årets dagar; en resurs angiven för hela perioden med "
    "beloppet gånger periodens dagar under året delat med periodens dagar enligt överenskommelsen. "
    "Beloppen avrundas till hela kronor. Ett år som inte är slut redovisas preliminärt.",
    "Kommunens insatser är allt kommunen bidrar med i kronor: pengar och värderade lokaler, "
    "personaltid och annat. Organisationernas insatser i natura är allt utom pengar, värderat i kronor.",
    "Startade är överenskommelser vars period börjar under året; avslutade de vars period slutar under "
    "året. Förnyade är årets överenskommelser vars efterföljare har undertecknats.",
    "Föreningsbidragen är inlästa från nämndernas bidragssystem; ett bidrag identifieras av år, "
    "nämnd, organisationsnummer och ändamål.",
    tables.DOUBLE_FUNDING_RULE,
]


def report_docx(report: dict, *, municipality: str, generated_on: date) -> bytes:
    """The Word report for `report` (as build_report gives it)."""
    document = Document()
    year = report["year"]
    municipality = xml_text(municipality)
    _set_up(document, title=f"Samverkan med civilsamhället {year}", municipality=municipality,
            generated_on=generated_on)
    _title_page(document, year, municipality, generated_on)
    by_sheet = {table.sheet: table for table in tables.report_tables(report)}
    _summary(document, report, by_sheet["Översikt"])
    _agreements(document, report, by_sheet)
    _grants(document, report, by_sheet)
    _initiatives(document, by_sheet["Initiativ"])
    document.add_heading("Om underlaget", level=1)
    for rule in COUNTING_RULES:
        document.add_paragraph(rule, style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    return stable_zip(out.getvalue())


def _set_up(document, *, title: str, municipality: str, generated_on: date) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin, section.bottom_margin = Mm(25), Mm(20)
    _swedish(document)
    document.styles["Normal"].font.size = Pt(11)
    header = section.header.paragraphs[0]
    header.text = f"{municipality} – {title}"
    header.style = document.styles["Header"]
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Sida ")
    _field(footer, "PAGE")
    footer.add_run(" av ")
    _field(footer, "NUMPAGES")
    section.different_first_page_header_footer = True
    stamp = datetime(generated_on.year, generated_on.month, generated_on.day)
    properties = document.core_properties
    properties.title, properties.author, properties.last_modified_by = title, municipality, municipality
    properties.language, properties.subject = "sv-SE", "Årsrapport till kommunstyrelsen"
    properties.created = properties.modified = properties.last_printed = stamp
    properties.revision = 1


def _swedish(document) -> None:
    """Swedish as the language of every style (spelling, hyphenation), via the document defaults."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = run_properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_properties.append(language)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        language.set(qn(attribute), "sv-SE")


def _field(paragraph, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _title_page(document, year: int, municipality: str, generated_on: date) -> None:
    document.add_paragraph(municipality.upper()).runs[0].bold = True
    for _ in range(6):
        document.add_paragraph()
    document.add_paragraph(f"Samverkan med civilsamhället {year}", style="Title")
    document.add_paragraph("Årsrapport till kommunstyrelsen", style="Subtitle")
    document.add_paragraph(
        "Överenskommelser om idéburet offentligt partnerskap (IOP) och årliga överenskommelser, "
        "föreningsbidrag från nämnderna och initiativ från idéburna organisationer under året.")
    document.add_paragraph(f"Underlaget togs fram {swedish.date_long(generated_on)}.")
    document.add_page_break()


def summary_text(report: dict) -> str:
    """The year in a few sentences: the report's opening, in Word and on the web page."""
    a, r, g = report["agreements"], report["resources"], report["grants"]
    return (
        f"Under {report['year']} gällde {_agreements_count(a['active'])} med idéburna "
        f"organisationer, varav {swedish.number(a['by_kind']['iop'])} IOP och "
        f"{swedish.count(a['by_kind']['annual'], 'årlig överenskommelse', 'årliga överenskommelser')}. "
        f"Under året startade {swedish.number(a['started'])} och avslutades {swedish.number(a['ended'])}, "
        f"och {swedish.number(a['renewed'])} förnyades. Kommunen bidrog med "
        f"{swedish.kronor(r['municipality_sek'])} och organisationerna med "
        f"{swedish.number(r['volunteer_hours'])} ideella timmar. Nämnderna "
        f"beviljade {swedish.number(g['grants'])} föreningsbidrag om sammanlagt "
        f"{swedish.kronor(g['total_sek'])}.")


def _agreements_count(value) -> str:
    return swedish.count(value, "överenskommelse", "överenskommelser")


def _summary(document, report: dict, overview: tables.Table) -> None:
    document.add_heading("Sammanfattning", level=1)
    document.add_paragraph(xml_text(summary_text(report)))
    _table(document, overview)


def _agreements(document, report: dict, by_sheet: dict) -> None:
    document.add_heading("Överenskommelser", level=1)
    document.add_heading("Per nämnd", level=2)
    _table(document, by_sheet["Överenskommelser per nämnd"])
    document.add_heading("Per förvaltning", level=2)
    _table(document, by_sheet["Per förvaltning"], columns=DEPARTMENT_COLUMNS)
    document.add_heading("Resurser", level=2)
    _table(document, by_sheet["Resurser"])
    document.add_heading("Utveckling över tid", level=2)
    _picture(document, diagrams.AGREEMENTS_OVER_TIME.draw(report), diagrams.AGREEMENTS_OVER_TIME.caption)
    _table(document, by_sheet["Över tid"])


def _grants(document, report: dict, by_sheet: dict) -> None:
    document.add_heading("Föreningsbidrag", level=1)
    _table(document, by_sheet["Bidrag per nämnd"])
    _picture(document, diagrams.MONEY_PER_COMMITTEE.draw(report), diagrams.MONEY_PER_COMMITTEE.caption)
    document.add_heading("Organisationer med bidrag från flera nämnder", level=2)
    several = by_sheet["Flera nämnder"]
    if several.rows:
        _table(document, several)
    else:
        document.add_paragraph("Ingen organisation fick bidrag från mer än en nämnd under året.")
    document.add_heading("Möjlig dubbelfinansiering", level=2)
    document.add_paragraph(tables.DOUBLE_FUNDING_RULE)
    pairs = report["possible_double_funding"]
    if not pairs:
        document.add_paragraph("Inga likartade ändamål hittades.")
        return
    rows = [[p["name"], *(f"{g['committee']}: {g['title']} ({swedish.kronor(g['amount_sek'])})"
                          for g in p["sources"]), p["similarity"]] for p in pairs]
    _table(document, tables.Table("", "", ["Organisation", "Källa 1", "Källa 2", "Likhet"],
                                  [False, False, False, True], rows))


def _initiatives(document, table: tables.Table) -> None:
    document.add_heading("Initiativ från civilsamhället", level=1)
    _table(document, table)


def _picture(document, png: bytes, caption: str) -> None:
    document.add_picture(io.BytesIO(png), width=Cm(15.5))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(caption, style="Caption")


def _table(document, table: tables.Table, columns=None) -> None:
    columns = list(columns if columns is not None else range(len(table.headers)))
    lines = [*table.rows, *([table.totals] if table.totals else [])]
    texts = [[table.headers[i] for i in columns]]
    for row_number, line in enumerate(lines, start=1):
        total = table.totals is not None and row_number == len(lines)
        texts.append([tables.cell_text(line[i], numeric=table.numeric[i], total=total,
                                       kronor=table.kronor[i]) for i in columns])
    if table.totals and not texts[-1][0]:
        texts[-1][0] = "Summa"  # the column that said so is not shown
    grid = document.add_table(rows=len(texts), cols=len(columns))
    grid.style = document.styles[TABLE_STYLE]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    _repeat_header(grid.rows[0])
    widths = _widths(texts)
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width  # the grid, which LibreOffice follows; Word follows the cells
    for row_number, row in enumerate(texts):
        bold = row_number == 0 or (table.totals is not None and row_number == len(texts) - 1)
        for position, text in enumerate(row):
            cell = grid.cell(row_number, position)
            cell.width = widths[position]
            _cell(cell, text, bold=bold, right=table.numeric[columns[position]])
    document.add_paragraph()


def _widths(texts: list[list[str]]) -> list:
    """Column widths that fit the text: a header's longest word always, long text wrapped first."""
    def mm(chars: int, bold: bool = False) -> float:
        return CELL_PADDING_MM + CHAR_MM * chars * (1.15 if bold else 1)

    minimum = [mm(max((len(w) for w in header.split()), default=1), bold=True) for header in texts[0]]
    wanted = [max(low, mm(max((len(row[i]) for row in texts[1:]), default=0)))
              for i, low in enumerate(minimum)]
    excess = sum(wanted) - TEXT_WIDTH_MM
    slack = sum(w - low for w, low in zip(wanted, minimum, strict=True))
    if excess > 0 and slack > 0:
        share = min(1.0, excess / slack)
        wanted = [w - (w - low) * share for w, low in zip(wanted, minimum, strict=True)]
    scale = TEXT_WIDTH_MM / sum(wanted)
    return [Mm(width * scale) for width in wanted]


def _cell(cell, text: str, *, bold: bool, right: bool) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(xml_text(text))  # a name stored before control characters were refused
    run.bold = bold
    run.font.size = Pt(9)
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
