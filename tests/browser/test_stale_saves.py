"""Two pages open on one record, both saved: the second is told, sees the other save's value beside
its own for each changed field, and overwrites only when it presses Spara. Shown on the
organisation and the department forms, which answer a stale save through the one form layer."""

from __future__ import annotations

import pytest

from iop.departments.models import Department
from iop.extensions import db
from iop.organisations import services
from iop.organisations.models import Organisation
from tests.browser.conftest import Visitor
from tests.browser.test_accessibility import AXE, AXE_RUN, BLOCKING

pytestmark = pytest.mark.browser
DIFFERENCES = "Skillnader mellan det som är sparat nu och ditt formulär"


@pytest.fixture
def second(visitor, live_server, screenshots_dir) -> Visitor:
    """A second tab in the same browser, signed in as the first is."""
    return Visitor(visitor.page.context.new_page(), live_server, screenshots_dir, visitor.name + "-tab2")


def differences_of(page) -> dict[str, tuple[str, str]]:
    rows = page.get_by_role("table", name=DIFFERENCES).locator("tbody tr")
    return {row.locator("th").inner_text(): tuple(row.locator("td").all_inner_texts())
            for row in rows.all()}


def no_serious_violations(page) -> None:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found = [v["id"] for v in page.evaluate(AXE_RUN) if v["impact"] in BLOCKING]
    assert not found, found


@pytest.fixture
def organisation_id(app) -> int:
    with app.app_context():
        organisation = services.create_organisation(
            name="Läxhjälpen i Sjöstad", org_number="802456-1238", legal_form="ideell_forening",
            email="info@laxhjalpen.example")
        db.session.commit()
        return organisation.id


@pytest.mark.parametrize("visitor", [True], indirect=True, ids=["with-javascript"])  # axe runs as a script
def test_a_stale_organisation_save_shows_the_other_save_and_spara_overwrites(visitor, second, accounts, app,
                                                                           organisation_id):
    visitor.login(accounts["officer"])
    path = f"/organisationer/{organisation_id}/andra"
    visitor.goto(path)
    second.goto(path)

    second.page.get_by_label("Telefon").first.fill("013-20 00 00")
    second.press("Spara ändringarna")
    assert "Ändringarna är sparade." in second.page.inner_text("main")

    page = visitor.page
    page.get_by_label("Namn", exact=True).first.fill("Läxhjälpen Sjöstad")
    visitor.press("Spara ändringarna")
    assert "Någon annan har ändrat uppgifterna" in page.inner_text(".error-summary")
    assert differences_of(page) == {"Namn": ("Läxhjälpen i Sjöstad", "Läxhjälpen Sjöstad"),
                                    "Telefon": ("013-20 00 00", "–")}
    assert page.get_by_label("Namn", exact=True).first.input_value() == "Läxhjälpen Sjöstad"  # kept
    no_serious_violations(page)

    visitor.press("Spara")
    assert "Ändringarna är sparade." in page.inner_text("main")
    with app.app_context():
        saved = db.session.get(Organisation, organisation_id)
        assert (saved.name, saved.phone) == ("Läxhjälpen Sjöstad", None)  # the form as it stood


def picked(page, label: str) -> str:
    """The text of the option chosen in the <select> labelled `label`."""
    return page.get_by_label(label).locator("option:checked").inner_text()


def test_a_stale_department_save_shows_the_other_save_and_ladda_om_or_spara_decides(visitor, second,
                                                                                   accounts, app):
    visitor.login(accounts["admin"])
    path = "/admin/forvaltningar/SOC/andra"
    visitor.goto(path)
    second.goto(path)

    second.page.get_by_label("Funktionsbrevlåda").fill("kansli.soc@kommun.test")
    second.press("Spara ändringarna")

    page = visitor.page
    page.get_by_label("Nämnd").select_option(label="Kommunstyrelsen")
    visitor.press("Spara ändringarna")
    assert "Någon annan har ändrat uppgifterna" in page.inner_text(".error-summary")
    assert differences_of(page) == {  # the committee by its name, not the id its option posts
        "Nämnd": ("Socialnämnden", "Kommunstyrelsen"),
        "Funktionsbrevlåda": ("kansli.soc@kommun.test", "soc@kommun.test")}
    assert picked(page, "Nämnd") == "Kommunstyrelsen"

    visitor.follow("Ladda om")  # discard: the form shows what is saved
    assert picked(page, "Nämnd") == "Socialnämnden"
    assert page.get_by_label("Funktionsbrevlåda").input_value() == "kansli.soc@kommun.test"

    second.goto(path)  # the other tab was opened before this edit and saves over it
    page.get_by_label("Nämnd").select_option(label="Kommunstyrelsen")
    visitor.press("Spara ändringarna")
    second.page.get_by_label("Namn").fill("Socialtjänsten")
    second.press("Spara ändringarna")
    assert differences_of(second.page) == {
        "Namn": ("Socialförvaltningen", "Socialtjänsten"),
        "Nämnd": ("Kommunstyrelsen", "Socialnämnden")}
    second.press("Spara")
    assert "Ändringarna av Socialtjänsten (SOC) är sparade." in second.page.inner_text("main")
    with app.app_context():
        saved = db.session.scalar(db.select(Department).filter_by(code="SOC"))
        assert (saved.name, saved.committee.name) == ("Socialtjänsten", "Socialnämnden")
