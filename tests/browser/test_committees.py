"""An admin keeps the committees and a department picks its committee from them: added on the
committee page, it is a choice on the department form (nothing to type, nothing to misspell)."""

from __future__ import annotations

import pytest

from iop.departments.models import Department
from iop.extensions import db
from tests.browser.test_stale_saves import no_serious_violations, picked

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("visitor", [True], indirect=True, ids=["with-javascript"])  # axe runs as a script
def test_an_admin_adds_a_committee_and_picks_it_for_a_new_department(visitor, accounts, app):
    visitor.login(accounts["admin"])
    page = visitor.page
    visitor.goto("/admin")
    visitor.follow("Nämnder")
    visitor.follow("Lägg till en nämnd")
    page.get_by_label("Namn").fill("socialnämnden")
    visitor.press("Lägg till nämnden")
    assert "stavad »Socialnämnden«" in page.inner_text(".error-summary")  # the known one, in its spelling
    no_serious_violations(page)
    page.get_by_label("Namn").fill("Äldre- och omsorgsnämnden")
    visitor.press("Lägg till nämnden")
    assert "Äldre- och omsorgsnämnden är tillagd." in page.inner_text("main")

    visitor.goto("/admin/forvaltningar/ny")
    committee = page.get_by_label("Nämnd")
    assert committee.evaluate("e => e.tagName") == "SELECT"  # picked, not typed
    assert committee.locator("option").all_inner_texts() == [
        "Välj …", "Kommunstyrelsen", "Kultur- och fritidsnämnden", "Socialnämnden",
        "Äldre- och omsorgsnämnden"]
    page.get_by_label("Kod").fill("AOF")
    page.get_by_label("Namn").fill("Äldre- och omsorgsförvaltningen")
    visitor.press("Registrera förvaltningen")
    assert "Välj nämnden som förvaltningen arbetar åt." in page.inner_text(".error-summary")
    assert page.get_by_label("Namn").input_value() == "Äldre- och omsorgsförvaltningen"  # kept
    committee.select_option(label="Äldre- och omsorgsnämnden")
    visitor.press("Registrera förvaltningen")
    assert "Äldre- och omsorgsförvaltningen (AOF) är registrerad." in page.inner_text("main")

    visitor.goto("/admin/forvaltningar/AOF/andra")
    assert picked(page, "Nämnd") == "Äldre- och omsorgsnämnden"
    visitor.goto("/admin/namnder")
    row = page.get_by_role("row", name="Äldre- och omsorgsnämnden")
    assert row.locator("td").all_inner_texts() == ["Äldre- och omsorgsnämnden", "1"]
    with app.app_context():
        saved = db.session.scalar(db.select(Department).filter_by(code="AOF"))
        assert saved.committee.name == "Äldre- och omsorgsnämnden"
