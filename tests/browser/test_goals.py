"""An admin adds a municipal goal, an officer tags an agreement with it on the agreement's page, and
the yearly report shows it under Kommunala mål, on its page and in the Word file: in a browser."""

from __future__ import annotations

import docx
import pytest

from tests.reports import year_2026

pytestmark = pytest.mark.browser


@pytest.fixture
def year_of_agreements(app) -> dict[str, int]:
    """The agreements of tests/reports/year_2026.py (A1: KFF's IOP, the municipality's 106 661 kr in 2026)."""
    from iop.extensions import db

    with app.app_context():
        made = {key: agreement.id for key, agreement in year_2026.build_agreements().items()}
        db.session.commit()
    return made


def test_an_officer_tags_an_agreement_and_the_yearly_report_shows_it_under_kommunala_mal(
        visitor, accounts, year_of_agreements):
    page = visitor.page
    visitor.login(accounts["admin"])
    visitor.follow("Admin")
    visitor.follow("Kommunala mål")
    visitor.follow("Lägg till ett mål")
    page.get_by_label("Nummer").fill("3")
    page.get_by_label("Namn").fill("Barn och unga lyckas i skolan")
    visitor.press("Lägg till målet")
    assert page.get_by_role("link", name="Barn och unga lyckas i skolan", exact=True).is_visible()

    page.context.clear_cookies()
    visitor.login(accounts["officer"])
    visitor.goto(f"/overenskommelser/{year_of_agreements['A1']}")
    page.get_by_text("Ändra kommunala mål och jämställdhet").click()  # a <details>: no JavaScript needed
    page.get_by_label("3. Barn och unga lyckas i skolan").check()
    page.get_by_label("Jämställdhet").fill("Läxhjälpen når lika många flickor som pojkar.")
    visitor.press("Spara mål och jämställdhet")
    assert "De kommunala målen och beskrivningen av jämställdhet är sparade." in page.inner_text("main")
    summary = page.locator("#mal-sammanfattning").inner_text()
    assert "3. Barn och unga lyckas i skolan" in summary
    assert "Läxhjälpen når lika många flickor som pojkar." in summary

    visitor.goto("/arsrapport/2026")
    goals = page.get_by_role("table", name="Överenskommelser och kommunens insatser per kommunalt mål")
    row = goals.get_by_role("row").filter(has_text="Barn och unga lyckas i skolan")
    assert row.inner_text().replace("\u00a0", " ").split("\t") == [
        "3. Barn och unga lyckas i skolan", "1", "106 661 kr"]
    assert "Läxhjälpen når lika många flickor som pojkar." in page.locator("main").inner_text()

    with page.expect_download() as started:
        page.get_by_role("link", name="Word (samverkansrapport-2026.docx)").click()
    document = docx.Document(started.value.path())
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    texts = [p.text for p in document.paragraphs]
    after = texts[texts.index("Kommunala mål") + 1:texts.index("Jämställdhet")]
    assert any("per kommunalt mål som handläggarna har kopplat dem till" in text for text in after)
    assert "Kommunala mål" in headings
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert ["3. Barn och unga lyckas i skolan", "1", "106\u00a0661"] in rows
    assert any("Läxhjälpen når lika många flickor som pojkar." in text for text in texts)
