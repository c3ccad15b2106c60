"""The generated agreement, read back with python-docx: every field, tables, marking, layout."""

import hashlib
import re

import pytest

from iop.swedish import date_long as long_date
from tests.documents.reading import (
    W,
    all_text,
    body_paragraphs,
    footer_xml,
    header_text,
    headings,
    part_xml,
    read,
    table_rows,
)

IOP_PARTS = [
    "Parter",
    "Bakgrund och gemensamma värderingar",
    "Rättslig grund och beslut",
    "Samhällsutmaningen",
    "Mål och syfte",
    "Organisationens mervärde och egna engagemang",
    "Organisation och styrning",
    "Marknadsbedömning och statligt stöd",
    "Parternas resurser och åtaganden",
    "Utbetalning av kommunens bidrag",
    "Tidplan och milstolpar",
    "Uppföljning, redovisning och insyn",
    "Avtalstid och förlängning",
    "Uppsägning och upphörande",
    "Tystnadsplikt och personuppgifter",
    "Behandling av personuppgifter för kommunens räkning",
    "Ansvar och force majeure",
    "Ändringar och omförhandling",
    "Bilagor och tolkningsordning",
    "Tvister",
    "Underskrifter",
]

ANNUAL_PARTS = ["Parter", "Rättslig grund och beslut", "Syfte", "Organisationens verksamhet och åtaganden",
                "Kommunens bidrag", "Utbetalning av kommunens bidrag", "Avtalstid",
                "Uppföljning, redovisning och insyn", "Uppsägning och upphörande",
                "Tystnadsplikt och personuppgifter", "Behandling av personuppgifter för kommunens räkning",
                "Ansvar och force majeure", "Ändringar och omförhandling", "Bilagor och tolkningsordning",
                "Tvister", "Underskrifter"]


def _resources_table(document):
    return next(t for t in document.tables if t.rows[0].cells[0].text == "Resurs")


def test_an_iop_document_has_a_heading_for_every_part_the_guidance_asks_for(render, sample):
    document = read(render(sample))
    assert headings(document) == IOP_PARTS


def test_an_annual_agreement_has_its_simpler_set_of_headings(render, annual_sample):
    document = read(render(annual_sample, key="annual"))
    assert headings(document) == ANNUAL_PARTS
    text = all_text(document)
    assert "Föreningen håller fritidsgården öppen tre kvällar i veckan." in text
    assert "Volontärer leder läxläsning och idrott." in text


def test_every_field_of_the_agreement_appears_in_the_document(render, sample):
    text = all_text(read(render(sample)))
    organisation = sample["organisations"][0]
    for value in [
        sample["title"], sample["case_number"], sample["municipality"]["name"],
        sample["department"]["name"], sample["department"]["committee"], organisation["name"],
        organisation["org_number"], organisation["address"], sample["governance"],
        sample["challenge"], sample["purpose"], sample["added_value"], sample["market_assessment"],
        sample["follow_up_description"], sample["responsible_email"],
        *sample["background"].split("\n"),
        *(m["title"] for m in sample["milestones"]), *(f["title"] for f in sample["follow_ups"]),
        *(r["description"] for r in sample["resources"]),
        "1 januari 2027", "31 december 2029", "6 månader", "12 månader", "24 november 2026",
        "§ 112", "KFN 2026/0456",
        "ideell förening", "Revision 3",
    ]:
        assert value in text, value


def test_multi_line_text_becomes_separate_paragraphs_of_the_same_style(render, sample):
    document = read(render(sample))
    first, second = sample["background"].split("\n")
    paragraphs = {p.text: p for p in document.paragraphs}
    assert paragraphs[first].style.name == paragraphs[second].style.name == "Body Text"


def test_the_resources_table_has_a_row_per_resource_and_totals_per_party(render, sample):
    rows = table_rows(_resources_table(read(render(sample))))
    assert rows[0] == ["Resurs", "Beskrivning", "Belopp", "Timmar", "Avser"]
    assert rows[1][0] == "Sjöstads kommun"
    assert rows[2] == ["Ekonomiskt bidrag", "Bidrag till verksamheten", "250\u00a0000 kr", "–", "per år"]
    assert rows[3] == ["Lokaler", "Lokal i Norra skolan två kvällar i veckan", "–", "–", "per år"]
    assert rows[4][0] == "Summa"
    assert rows[4][2:4] == ["250\u00a0000 kr per år", "–"]
    assert rows[5][0] == "Läxhjälpen i Sjöstad"
    assert rows[6] == ["Ideella timmar", "Volontärer som läxhjälpare", "–", "1\u00a0200", "per år"]
    assert rows[7][0] == "Summa"
    assert rows[7][2:4] == ["–", "1\u00a0200 tim per år"]
    assert len(rows) == 8


def test_totals_add_up_amounts_per_year_and_in_total_separately(render, sample):
    sample["resources"] += [
        {"party": "municipality", "type": "money", "type_label": "Ekonomiskt bidrag",
         "description": "Startbidrag", "amount_sek": 50000.5, "per": "total"},
        {"party": "municipality", "type": "staff_hours", "type_label": "Personaltimmar",
         "description": "Samordnare", "amount_sek": "12500", "hours": 100, "per": "year"},
    ]
    rows = table_rows(_resources_table(read(render(sample))))
    total = next(r for r in rows if r[0] == "Summa")
    assert total[2] == "262\u00a0500 kr per år\n50\u00a0000,50 kr totalt"
    assert total[3] == "100 tim per år"


def test_milestones_and_follow_ups_are_tables_of_swedish_dates(render, sample):
    document = read(render(sample))
    tables = {t.rows[0].cells[1].text: table_rows(t) for t in document.tables}
    assert tables["Milstolpe"][1:] == [["31 mars 2027", "Verksamheten har startat i två skolor"]]
    assert tables["Uppföljning"][1:] == [["30 juni 2027", "Halvårsredovisning"],
                                        ["31 december 2027", "Årlig uppföljning och utvärdering"]]


def test_an_unsigned_document_is_marked_utkast_in_the_header_and_under_the_title(render, sample):
    document = read(render(sample))
    assert "UTKAST" in header_text(document)
    marking = [p for p in document.paragraphs if p.text == "Utkast – ej för underskrift"]
    assert marking and marking[0].style.name == "Utkastmarkering"
    red = document.styles["Utkastmarkering"].font.color.rgb
    assert str(red) == "C00000"
    header_runs = [r for s in document.sections for p in s.header.paragraphs for r in p.runs
                   if r.text == "UTKAST"]
    assert header_runs and str(header_runs[0].font.color.rgb) == "C00000"


def test_a_signed_document_has_no_draft_marking_and_names_its_signatories(render, sample):
    document = read(render(sample, signed=True))
    text = all_text(document)
    assert "UTKAST" not in text and "Utkast" not in text
    for name in ("Anna Andersson", "Förvaltningschef", "Lena Lind", "Ordförande",
                 "15 december 2026", "För Sjöstads kommun", "För Läxhjälpen i Sjöstad"):
        assert name in text
    assert "Namnförtydligande" not in text


def test_an_unsigned_document_has_blank_signature_lines_for_each_party(render, sample):
    sample["signatories"] = []
    sample["organisations"].append({"id": 2, "name": "Föräldranätverket", "org_number": "802400-0006",
                                    "legal_form": "ideell_forening", "legal_form_label": "Ideell förening",
                                    "address": None, "email": None, "phone": None})
    text = all_text(read(render(sample)))
    for label in ("För Sjöstads kommun", "För Läxhjälpen i Sjöstad", "För Föräldranätverket"):
        assert label in text
    assert text.count("Namnförtydligande") == 3
    assert "Läxhjälpen i Sjöstad och Föräldranätverket" in text


def test_pages_are_a4_with_margins(render, sample):
    section = read(render(sample)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert all(round(m.mm) >= 20 for m in (section.left_margin, section.right_margin,
                                            section.top_margin, section.bottom_margin))


def test_the_styles_are_in_swedish(render, sample):
    document = read(render(sample))
    styles = document.styles.element
    default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert default.get(f"{W}val") == "sv-SE"
    for name in ("Normal", "Heading 1", "Heading 2", "Body Text", "Klausul", "Title"):
        lang = document.styles[name].element.find(f"{W}rPr/{W}lang")
        assert lang is not None and lang.get(f"{W}val") == "sv-SE", name


def test_headings_and_clauses_are_numbered_with_real_word_numbering(render, sample):
    document = read(render(sample))
    for name, level in (("Heading 1", "0"), ("Klausul", "1")):
        num = document.styles[name].element.find(f"{W}pPr/{W}numPr")
        assert num.find(f"{W}ilvl").get(f"{W}val") == level
        assert num.find(f"{W}numId").get(f"{W}val") == "1"
    numbering = part_xml(render(sample), "word/numbering.xml")
    assert '<w:lvlText w:val="%1."/>' in numbering and '<w:lvlText w:val="%1.%2"/>' in numbering
    clauses = [p for p in document.paragraphs if p.style.name == "Klausul"]
    assert len(clauses) > 20


def test_tables_use_the_agreement_table_style(render, sample):
    document = read(render(sample))
    assert {t.style.name for t in document.tables} == {"Avtalstabell"}


def test_header_and_footer_carry_case_number_revision_and_page_fields(render, sample):
    document = read(render(sample))
    assert "Diarienummer: KS 2026/0123" in header_text(document)
    assert "Revision 3" in header_text(document)
    footer = footer_xml(document)
    assert "Sida " in footer and " av " in footer
    assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", footer)
    assert re.search(r"<w:instrText[^>]*> NUMPAGES </w:instrText>", footer)


def test_a_document_without_a_case_number_says_it_is_not_registered(render, sample):
    sample["case_number"] = None
    document = read(render(sample))
    assert "Diarienummer: –" in header_text(document)
    assert "Ej diariefört" in all_text(document)


def test_missing_required_text_in_a_draft_is_shown_as_not_filled_in_and_optional_text_left_out(
        render, sample):
    sample["challenge"] = None
    del sample["governance"]
    text = all_text(read(render(sample)))
    assert text.count("[Ej ifyllt]") == 1


def test_automatic_extension_states_the_last_day_to_give_notice(render, sample):
    sample.update(automatic_extension=True, extension_months=24, max_extensions=2)
    text = all_text(read(render(sample)))
    assert ("Har ingen part sagt upp överenskommelsen senast den 30 juni 2029 förlängs den med "
            "24 månader i taget, dock högst två gånger.") in text


def test_a_renewal_names_the_agreement_it_replaces(render, sample):
    sample["predecessor"] = {"id": 7, "title": "Läxhjälp 2024–2026", "case_number": "KS 2023/0456"}
    text = all_text(read(render(sample)))
    assert "ersätter överenskommelsen Läxhjälp 2024–2026 (diarienummer KS 2023/0456)" in text


def test_the_same_input_gives_byte_identical_documents(render, sample):
    first, second = render(sample), render(sample)
    assert hashlib.sha256(first).digest() == hashlib.sha256(second).digest()
    assert render(sample, signed=True) == render(sample, signed=True)


def test_core_properties_carry_title_and_case_number_but_no_timestamps(render, sample):
    properties = read(render(sample)).core_properties
    assert properties.title == sample["title"]
    assert properties.identifier == "KS 2026/0123"
    assert properties.language == "sv-SE"
    assert properties.revision == 3
    assert properties.created is None and properties.modified is None


def test_a_changed_field_changes_the_document(render, sample):
    before = render(sample)
    sample["purpose"] += " Även syskon är välkomna."
    assert render(sample) != before


@pytest.mark.parametrize("date", ["2027-01-31", "2027-12-01"])
def test_dates_are_written_the_swedish_way(render, sample, date):
    sample["milestones"] = [{"date": date, "title": "Milstolpe"}]
    assert long_date(date) in all_text(read(render(sample)))


def test_every_table_cell_paragraph_is_readable(render, sample):
    assert all(p.text is not None for p in body_paragraphs(read(render(sample))))
