"""A coordinator imports the committees' grants and takes the yearly report to the board, in a browser."""

from __future__ import annotations

import docx
import pytest

from tests.browser.test_accessibility import AXE, AXE_RUN, BLOCKING
from tests.reports import year_2026

pytestmark = pytest.mark.browser


def serious_violations(page) -> list[str]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return [f"{v['impact']} {v['id']}: {v['nodes']}" for v in page.evaluate(AXE_RUN)
            if v["impact"] in BLOCKING]


def test_a_coordinator_uploads_grants_and_downloads_the_word_report(visitor, accounts):
    page = visitor.page
    visitor.login(accounts["coordinator"])
    visitor.follow("Föreningsbidrag")
    page.get_by_label("Fil från bidragssystemet").set_input_files({
        "name": "bidrag-2026.csv", "mimeType": "text/csv", "buffer": year_2026.GRANTS_CSV.encode()})
    visitor.press("Läs in filen")
    result = page.get_by_role("status")
    assert "Filen är inläst: bidrag-2026.csv" in result.inner_text()
    assert "7 nya bidrag" in result.inner_text()
    assert page.get_by_role("cell", name="Stöd till hemlösa").first.is_visible()

    visitor.follow("Årsrapport")  # the last full year first; the board's year is chosen in the form
    page.get_by_label("År", exact=True).fill("2026")
    visitor.press("Visa rapporten")
    assert page.get_by_role("heading", level=1).inner_text() == "Årsrapport 2026"
    shown = page.inner_text("main").replace("\u00a0", " ")
    assert "Nämnderna beviljade 6 föreningsbidrag om sammanlagt 540 001 kr" in shown

    chart = page.get_by_role("img", name="Stapeldiagram över kommunens pengar per nämnd 2026", exact=False)
    assert chart.evaluate("image => image.complete && image.naturalWidth > 0")
    widths = page.evaluate("[...document.querySelectorAll('main img')].map(image => image.naturalWidth)")
    assert len(widths) == 2 and all(width > 0 for width in widths)

    with page.expect_download() as started:
        page.get_by_role("link", name="Word (samverkansrapport-2026.docx)").click()
    download = started.value
    assert download.suggested_filename == "samverkansrapport-2026.docx"
    document = docx.Document(download.path())
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Samverkan med civilsamhället 2026" in text
    assert "Nämnderna beviljade 6 föreningsbidrag om sammanlagt 540\u00a0001 kr" in text
    assert len(document.inline_shapes) == 2  # the two charts


@pytest.mark.parametrize("visitor", [True], indirect=True, ids=["with-javascript"])
def test_the_import_result_with_refused_rows_passes_axe(visitor, accounts):
    page = visitor.page
    visitor.login(accounts["coordinator"])
    visitor.goto("/bidrag")
    content = year_2026.GRANTS_CSV + "2026,Miljönämnden,802456-1238,Läxhjälpen i Sjöstad,Skolskog,1000\n"
    page.get_by_label("Fil från bidragssystemet").set_input_files({
        "name": "bidrag.csv", "mimeType": "text/csv", "buffer": content.encode()})
    visitor.press("Läs in filen")
    assert page.get_by_role("table", name="Rader som inte lästes in").is_visible()
    assert serious_violations(page) == []
