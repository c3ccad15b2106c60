"""The yearly report as a Word document in Swedish, ready for the executive board.

Built with python-docx on A4 with Swedish set as the language, real heading styles, tables
from `iop.reports.tables` (the same rows as CSV and XLSX) and charts embedded as pictures.
Pure: the same report, municipality and date give the same bytes.
"""

from __future__ import annotations

import dataclasses
import io
import re
from dataclasses import dataclass
from datetime import date, datetime

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from iop import swedish
from iop.reports import diagrams, tables
from iop.reports.archives import stable_zip
from iop.xmltext import xml_safe, xml_text

TABLE_STYLE = "Light List Accent 1"
TEXT_WIDTH_MM = 160  # A4 less 25 mm margins
# A table of this many lines or fewer (its header included) is kept on one page, as Word does when
# every row's paragraphs keep with the next: a short table split over two pages reads as two.
KEEP_TOGETHER_ROWS = 15
CELL_PADDING_MM, CHAR_MM = 4.0, 1.85  # 9 pt text, bold headers
# Word columns of the department table: the full table has twelve, too many for A4 portrait.
DEPARTMENT_COLUMNS = (1, 3, 6, 7, 8, 9, 11)
# The Word lists leave out what the XLSX keeps for sorting and matching (organisation numbers,
# counts, the date of first handling: its working days are shown).
WORD_LIST_COLUMNS = {"Organisationer": (0, 3, 5, 6), "Inkomna initiativ": (0, 1, 2, 4, 5, 6),
                     "Nätverkets ärenden": (0, 1, 2, 4, 5, 6)}
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


DEFAULT_PROPOSAL = "Kommunstyrelsen lägger rapporten till handlingarna."


@dataclass
class Arende:
    """What makes the report an ärende: entered by the coordinator, or the settings' defaults."""

    sender: str = "Kommunledningsförvaltningen"
    decision: str = ""
    send_to: str = ""
    case_number: str | None = None
    date: date | None = None
    proposal: str = DEFAULT_PROPOSAL
    comment: str = ""
    list_rows: int = 200


def report_docx(report: dict, *, municipality: str, generated_on: date, lists: dict | None = None,
                arende: Arende | None = None) -> bytes:
    """The Word report for `report` (as build_report gives it), as an ärende to the board, with
    the first rows of `lists` (as build_lists gives them) in its appendix."""
    arende = arende or Arende()
    # Names stored before control characters were refused must not break the file for everyone.
    report, lists, municipality = xml_safe(report), xml_safe(lists), xml_text(municipality)
    arende = dataclasses.replace(arende, **{field.name: xml_text(getattr(arende, field.name))
                                           for field in dataclasses.fields(arende)})
    document = Document()
    year = report["year"]
    title = f"Samverkan med civilsamhället {year}"
    _set_up(document, title=title, municipality=municipality, generated_on=generated_on)
    by_sheet = {table.sheet: table for table in tables.report_tables(report)}
    _head(document, report, municipality, arende, generated_on)
    _heading(document, "Förslag till beslut")
    for number, line in enumerate(_lines(arende.proposal or DEFAULT_PROPOSAL), start=1):
        document.add_paragraph(f"{number}. {line}")
    _heading(document, "Sammanfattning")
    document.add_paragraph(summary_text(report))
    _heading(document, "Bakgrund")
    if arende.decision:
        document.add_paragraph(arende.decision)
    document.add_paragraph(
        f"Rapporten sammanställer kommunens överenskommelser med idéburna organisationer, nämndernas "
        f"föreningsbidrag och de initiativ som kommit in från civilsamhället under {year}, och visar "
        f"vilka organisationer som fått pengar från mer än en källa.")
    _heading(document, "Ärendet")
    for paragraph in analysis(report):
        document.add_paragraph(paragraph)
    _table(document, comparison_table(report))
    _details(document, report, by_sheet)
    if arende.comment.strip():
        _heading(document, "Kommentar")
        for line in _lines(arende.comment):
            document.add_paragraph(line)
    _heading(document, "Ekonomiska konsekvenser")
    document.add_paragraph(economic_text(report))
    _heading(document, "Kommunala mål")
    _goals(document, report)
    _heading(document, "Jämställdhet")
    _gender_equality(document, report)
    _heading(document, "Samråd")
    document.add_paragraph(
        f"Rapporten har tagits fram av {arende.sender} utifrån förvaltningarnas underlag, de "
        f"föreningsbidrag nämnderna rapporterat och nätverkets arbete med initiativ från civilsamhället.")
    _heading(document, "Beslutet skickas till")
    for receiver in _lines(arende.send_to.replace(";", "\n")) or ["Förvaltningscheferna"]:
        document.add_paragraph(receiver[:1].upper() + receiver[1:])
    document.add_paragraph()
    document.add_paragraph(arende.sender).runs[0].bold = True
    _appendix_lists(document, report, by_sheet, lists, arende.list_rows)
    document.add_page_break()
    _heading(document, "Bilaga 2. Om underlaget")
    for rule in COUNTING_RULES:
        document.add_paragraph(rule, style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    return stable_zip(out.getvalue())


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _heading(document, text: str, level: int = 1) -> None:
    document.add_heading(text, level=level)


def _head(document, report: dict, municipality: str, arende: Arende, generated_on: date) -> None:
    """The ärende's head: sender, date and case number, then the title; preliminär while the year runs."""
    grid = document.add_table(rows=3, cols=2)
    grid.autofit = False
    left = [municipality, arende.sender, "Tjänsteskrivelse"]
    right = [f"Datum: {swedish.date_iso(arende.date or generated_on)}",
             f"Diarienummer: {arende.case_number or swedish.MISSING}", ""]
    for row_number, (first, second) in enumerate(zip(left, right, strict=True)):
        for position, text in enumerate((first, second)):
            cell = grid.cell(row_number, position)
            cell.width = Mm(95 if position == 0 else 65)
            _cell(cell, text, bold=row_number == 0 and position == 0, right=position == 1, size=10)
    for column, width in zip(grid.columns, (Mm(95), Mm(65)), strict=True):
        column.width = width
    document.add_paragraph()
    document.add_paragraph(f"Samverkan med civilsamhället {report['year']} – årlig rapport till "
                           f"kommunstyrelsen", style="Title")
    if report["preliminary"]:
        marker = document.add_paragraph()
        run = marker.add_run(f"Preliminär: året {report['year']} är inte slut, och siffrorna kan ändras.")
        run.bold = True
        run.font.color.rgb = RGBColor(0xA0, 0x1E, 0x1E)


def analysis(report: dict) -> list[str]:
    """What changed since the year before, in sentences (the ärende's analysis)."""
    a, r, p, i = report["agreements"], report["resources"], report["previous_year"], report["initiatives"]
    year, before = report["year"], report["previous_year"]["year"]
    return [
        f"Under {year} gällde {_agreements_count(a['active'])}, {_change(a['active'], p['active'])} "
        f"under {before}. {_started_ended(a)}",
        f"Kommunens insatser i överenskommelserna var {swedish.kronor(r['municipality_sek'])} "
        f"({swedish.kronor(p['municipality_sek'])} under {before}), och organisationerna bidrog med "
        f"{_hours(r['volunteer_hours'])} ({_hours(p['volunteer_hours'])} under {before}). Nämnderna "
        f"beviljade {_grants_count(report['grants']['grants'])} om "
        f"{swedish.kronor(report['grants']['total_sek'])} "
        f"({swedish.kronor(p['grants_sek'])} under {before}).",
        f"Det kom in {_initiatives_count(i['received'])} från civilsamhället "
        f"({swedish.number(p['initiatives'])} under {before}). {_overlaps_sentence(report)}",
    ]


def _change(now, before) -> str:
    difference = (now or 0) - (before or 0)
    if difference == 0:
        return "lika många som"
    if difference > 0:
        return f"{swedish.number(difference)} fler än"
    return f"{swedish.number(-difference)} färre än"


def _started_ended(a: dict) -> str:
    return (f"Under året startade {swedish.number(a['started'])}, {swedish.number(a['ended'])} "
            f"avslutades och {swedish.number(a['renewed'])} förnyades.")


def _hours(value) -> str:
    return swedish.count(value, "ideell timme", "ideella timmar")


def _grants_count(value) -> str:
    return swedish.count(value, "föreningsbidrag", "föreningsbidrag")


def _initiatives_count(value) -> str:
    return swedish.count(value, "initiativ", "initiativ")


def _overlaps_sentence(report: dict) -> str:
    overlaps, pairs = len(report["funding_overlaps"]), len(report["possible_double_funding"])
    if not overlaps:
        return "Ingen organisation fick pengar från mer än en källa under året."
    organisations = swedish.count(overlaps, "organisation", "organisationer")
    pair_text = swedish.count(pairs, "par", "par")
    return (f"{organisations} fick pengar från mer än en källa, och {pair_text} av källor har likartade "
            f"ändamål och bör granskas (Bilaga 1).")


def comparison_table(report: dict) -> tables.Table:
    """This year's figures beside the year before's: one unit per row, never summed."""
    a, r, g, p = report["agreements"], report["resources"], report["grants"], report["previous_year"]
    rows = [
        ["Gällande överenskommelser", p["active"], a["active"]],
        ["Startade överenskommelser", p["started"], a["started"]],
        ["Avslutade överenskommelser", p["ended"], a["ended"]],
        ["Kommunens insatser (kr)", p["municipality_sek"], r["municipality_sek"]],
        ["Ideella timmar", p["volunteer_hours"], r["volunteer_hours"]],
        ["Föreningsbidrag (kr)", p["grants_sek"], g["total_sek"]],
        ["Inkomna initiativ", p["initiatives"], report["initiatives"]["received"]],
    ]
    return tables.Table("Jämförelse", "Jämfört med året före",
                        ["Uppgift", str(p["year"]), str(report["year"])], [False, True, True], rows)


def economic_text(report: dict) -> str:
    r, g = report["resources"], report["grants"]
    total = (r["municipality_sek"] or 0) + (g["total_sek"] or 0)
    return (f"Rapporten i sig medför inga kostnader. Under {report['year']} bidrog kommunen med "
            f"{swedish.kronor(r['municipality_sek'])} genom överenskommelser och "
            f"{swedish.kronor(g['total_sek'])} i föreningsbidrag, sammanlagt {swedish.kronor(total)}, inom "
            f"nämndernas budgetramar." + (
                f" Organisationernas egna insatser i natura värderas till "
                f"{swedish.kronor(r['organisation_in_kind_sek'])}." if r["organisation_in_kind_sek"] else ""))


NO_GOALS = ("Kommunen har inte lagt in några kommunala mål i tjänsten, så överenskommelserna är inte "
            "kopplade till mål.")


def goals_texts(report: dict) -> tuple[str, str | None]:
    """What is said before the table of goals, and after it (the agreements tagged with none), if anything."""
    if not report["goals"]:
        return NO_GOALS, None
    before = ("Överenskommelserna under året och kommunens insatser i dem, per kommunalt mål som "
              "handläggarna har kopplat dem till. En överenskommelse som tjänar flera mål räknas under vart "
              "och ett av dem, så raderna kan inte läggas ihop.")
    untagged = report["untagged_agreements"]
    after = (swedish.count(untagged, "överenskommelse under året är inte kopplad",
                           "överenskommelser under året är inte kopplade") + " till något mål."
             if untagged else None)
    return before, after


def gender_equality_texts(report: dict) -> list[str]:
    """How many agreements and initiatives of the year describe how they concern girls and boys,
    women and men, and (when the statements below are only the first ones) which are shown."""
    g = report["gender_equality"]
    parts = []
    if g["agreements"]:
        parts.append(f"{swedish.number(g['agreements_stating'])} av {_agreements_count(g['agreements'])} "
                     f"under året")
    if g["initiatives"]:
        parts.append(f"{swedish.number(g['initiatives_stating'])} av {_initiatives_count(g['initiatives'])} "
                     f"som kom in under året")
    if not parts:
        return ["Inga överenskommelser gällde och inga initiativ kom in under året."]
    texts = [" och ".join(parts) + " beskriver hur verksamheten berör flickor och pojkar, kvinnor och män."]
    shown = {kind: sum(1 for s in g["statements"] if s["type"] == kind)
             for kind in ("agreement", "initiative")}
    if g["agreements_stating"] > shown["agreement"] or g["initiatives_stating"] > shown["initiative"]:
        texts.append(f"Nedan visas de första {swedish.number(max(shown.values()))} beskrivningarna av varje "
                     f"slag, i bokstavsordning efter titel; alla finns på överenskommelsernas och "
                     f"initiativens sidor i tjänsten.")
    return texts


def _goals(document, report: dict) -> None:
    before, after = goals_texts(report)
    intro = document.add_paragraph(before)
    if not report["goals"]:
        return
    intro.paragraph_format.keep_with_next = True  # the sentence that explains the table stays with it
    rows = [[f"{g['number']}. {g['name']}" if g["number"] is not None else g["name"], g["agreements"],
             g["municipality_sek"]] for g in report["goals"]]
    headers = ["Mål", "Överenskommelser", "Kommunens insatser (kr)"]
    _table(document, tables.Table("Mål", "Kommunala mål", headers, [False, True, True], rows))
    if after:
        document.add_paragraph(after)


def _gender_equality(document, report: dict) -> None:
    for text in gender_equality_texts(report):
        document.add_paragraph(text)
    for statement in report["gender_equality"]["statements"]:
        kind = "Överenskommelse" if statement["type"] == "agreement" else "Initiativ"
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(f"{kind}: {statement['title']}. ").bold = True
        paragraph.add_run(statement["text"])


def _details(document, report: dict, by_sheet: dict) -> None:
    """The year's figures behind the analysis: per committee, resources, over time, grants, initiatives."""
    _heading(document, "Överenskommelser per nämnd", level=2)
    _table(document, by_sheet["Överenskommelser per nämnd"])
    resources = by_sheet["Resurser"]
    _heading(document, "Resurser", level=2)
    if resources.rows:
        _table(document, resources)
    else:
        document.add_paragraph("Inga resurser är angivna i årets överenskommelser.")
    _picture(document, diagrams.AGREEMENTS_OVER_TIME.draw(report), diagrams.AGREEMENTS_OVER_TIME.caption)
    _heading(document, "Föreningsbidrag", level=2)
    _table(document, by_sheet["Bidrag per nämnd"])
    _picture(document, diagrams.MONEY_PER_COMMITTEE.draw(report), diagrams.MONEY_PER_COMMITTEE.caption)
    _heading(document, "Initiativ från civilsamhället", level=2)
    initiatives = by_sheet["Initiativ"]
    initiatives.rows = [row for row in initiatives.rows if row[1]]  # what exists, not rows of zeros
    _table(document, initiatives)


def _appendix_lists(document, report: dict, by_sheet: dict, lists: dict | None, rows: int) -> None:
    document.add_page_break()
    _heading(document, "Bilaga 1. Förteckningar")
    document.add_paragraph(
        f"Varje förteckning visar högst {swedish.count(rows, 'rad', 'rader')} i den här rapporten; "
        f"Excel-filen har alla.")
    if lists is not None:
        for table in tables.list_tables(lists):
            _heading(document, table.title, level=2)
            if not table.rows:
                document.add_paragraph("Inga under året.")
                continue
            if table.note:
                document.add_paragraph(table.note)
            if table.sheet in ("Inkomna initiativ", "Nätverkets ärenden"):
                document.add_paragraph("Dagar är arbetsdagar från det att initiativet kom in till den första "
                                       "hanteringen.")
            _table(document, table, columns=WORD_LIST_COLUMNS.get(table.sheet))
    _heading(document, "Organisationer med pengar från flera källor", level=2)
    document.add_paragraph(tables.FUNDING_OVERLAPS_NOTE)
    overlaps = report["funding_overlaps"]
    if not overlaps:
        document.add_paragraph("Ingen organisation fick pengar från mer än en källa under året.")
    for organisation in overlaps[:rows]:
        _heading(document, f"{organisation['name']} ({organisation['org_number']}), "
                           f"{swedish.kronor(organisation['amount_sek'])}", level=3)
        headers = ["Källa", "Nämnd", "Överenskommelse eller ändamål", "Belopp (kr)"]
        _table(document, tables.Table("", "", headers, [False, False, False, True],
                                      [[tables.SOURCE_LABELS[s["type"]], s["committee"], s["title"],
                                        s["amount_sek"]] for s in organisation["sources"]]))
    if len(overlaps) > rows:
        document.add_paragraph(tables.LIST_NOTE.format(shown=swedish.number(rows),
                                                       total=swedish.number(len(overlaps))))
    _heading(document, "Möjlig dubbelfinansiering", level=2)
    document.add_paragraph("Par av en organisations källor med likartade ändamål, att granska; regeln står i "
                           "Bilaga 2.")
    pairs = report["possible_double_funding"]
    if not pairs:
        document.add_paragraph("Inga likartade ändamål hittades.")
        return
    table_rows = [[p["name"], *(f"{s['committee']}: {s['title']} ({swedish.kronor(s['amount_sek'])})"
                                for s in p["sources"]), swedish.percent(p["similarity"], 0)]
                  for p in pairs[:rows]]
    _table(document, tables.Table("", "", ["Organisation", "Källa 1", "Källa 2", "Likhet"],
                                  [False, False, False, False], table_rows))


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


def _picture(document, png: bytes, caption: str) -> None:
    document.add_picture(io.BytesIO(png), width=Cm(15.5))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(caption, style="Caption")


def _table(document, table: tables.Table, columns=None) -> None:
    """A table whose columns are at least as wide as their longest word (no word is broken: the
    font steps down from 9 to 7 pt when needed); numeric columns of only zeros are left out."""
    columns = list(columns if columns is not None else range(len(table.headers)))
    columns = [i for i in columns if not (table.numeric[i] and table.rows and i > 0
                                          and all(not row[i] for row in table.rows))] or columns
    lines = [*table.rows, *([table.totals] if table.totals else [])]
    texts = [[table.headers[i] for i in columns]]
    for row_number, line in enumerate(lines, start=1):
        total = table.totals is not None and row_number == len(lines)
        texts.append([tables.cell_text(line[i], numeric=table.numeric[i], total=total,
                                       kronor=table.kronor[i]) for i in columns])
    if table.totals and not texts[-1][0]:
        texts[-1][0] = "Summa"  # the column that said so is not shown
    size, widths = _widths(texts)
    grid = document.add_table(rows=len(texts), cols=len(columns))
    grid.style = document.styles[TABLE_STYLE]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    _repeat_header(grid.rows[0])
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width  # the grid, which LibreOffice follows; Word follows the cells
    together = len(texts) <= KEEP_TOGETHER_ROWS
    for row_number, row in enumerate(texts):
        bold = row_number == 0 or (table.totals is not None and row_number == len(texts) - 1)
        for position, text in enumerate(row):
            cell = grid.cell(row_number, position)
            cell.width = widths[position]
            _cell(cell, text, bold=bold, right=table.numeric[columns[position]], size=size,
                  keep_with_next=together and row_number < len(texts) - 1)
    document.add_paragraph()


_BREAKS = re.compile(r"[ \n]+")  # where a line may break: not at a no-break space (inside a number)


def _longest_word(text: str) -> int:
    return max((len(word) for word in _BREAKS.split(text)), default=0)


def _widths(texts: list[list[str]]) -> tuple[int, list]:
    """The font size (9, 8 or 7 pt) and column widths that fit the text: every column at least its
    longest word (headers in bold), long text wrapped first."""
    for size in (9, 8, 7):
        char = CHAR_MM * size / 9

        def mm(chars: int, bold: bool = False, char: float = char) -> float:
            return CELL_PADDING_MM + char * chars * (1.15 if bold else 1)

        minimum = [max([mm(_longest_word(texts[0][i]), bold=True)]
                       + [mm(_longest_word(row[i]), bold=True) for row in texts[1:]])
                   for i in range(len(texts[0]))]
        if sum(minimum) <= TEXT_WIDTH_MM:
            break
    wanted = [max(low, max((mm(len(row[i]), bold=True) for row in texts[1:]), default=0))
              for i, low in enumerate(minimum)]
    excess = sum(wanted) - TEXT_WIDTH_MM
    slack = sum(w - low for w, low in zip(wanted, minimum, strict=True))
    if excess > 0 and slack > 0:
        share = min(1.0, excess / slack)
        wanted = [w - (w - low) * share for w, low in zip(wanted, minimum, strict=True)]
    scale = TEXT_WIDTH_MM / sum(wanted)
    return size, [Mm(width * scale) for width in wanted]


def _cell(cell, text: str, *, bold: bool, right: bool, size: int = 9, keep_with_next: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if keep_with_next:
        paragraph.paragraph_format.keep_with_next = True


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
