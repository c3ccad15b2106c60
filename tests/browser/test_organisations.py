"""An officer finds, registers and edits organisations in a real browser, without JavaScript."""

from __future__ import annotations

import pytest

from iop.extensions import db
from iop.organisations import services
from iop.organisations.models import Organisation

pytestmark = pytest.mark.browser


def stored(app, organisation_id: int) -> Organisation:
    with app.app_context():
        organisation = db.session.get(Organisation, organisation_id)
        db.session.expunge(organisation)
        return organisation


def test_an_officer_searches_then_registers_an_organisation_fixing_a_bad_number(visitor, accounts):
    page = visitor.page
    visitor.login(accounts["officer"])
    visitor.follow("Organisationer")
    page.get_by_label("Namn, organisationsnummer eller e-post").fill("Läxhjälpen")
    visitor.press("Sök")
    assert "Inga organisationer matchar sökningen" in page.inner_text("main")

    visitor.follow("Registrera en organisation")
    page.get_by_label("Namn", exact=True).first.fill("Läxhjälpen i Sjöstad")
    page.get_by_label("Organisationsnummer").fill("802456-1239")
    page.get_by_label("Juridisk form").select_option(label="Ideell förening")
    contact = page.get_by_role("group", name="Kontaktperson 1")
    contact.get_by_label("Namn").fill("Lena Lind")
    contact.get_by_label("Roll eller uppdrag").fill("Ordförande")
    visitor.press("Registrera organisationen")

    number = page.get_by_label("Organisationsnummer")
    assert "kontrollsiffra" in page.inner_text("#org_number-error")
    assert number.get_attribute("aria-invalid") == "true"
    assert "org_number-error" in number.get_attribute("aria-describedby").split()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert page.title().startswith("Fel: ")
    assert contact.get_by_label("Namn").input_value() == "Lena Lind"  # nothing typed is lost

    number.fill("802456-1238")
    visitor.press("Registrera organisationen")
    assert page.get_by_role("heading", level=1).inner_text() == "Läxhjälpen i Sjöstad"
    assert "Läxhjälpen i Sjöstad är registrerad." in page.inner_text("main")
    assert "Lena Lind" in page.inner_text("main")

    visitor.follow("Organisationer")
    page.get_by_label("Namn, organisationsnummer eller e-post").fill("802456")
    visitor.press("Sök")
    assert page.get_by_role("link", name="Läxhjälpen i Sjöstad").is_visible()


@pytest.fixture
def laxhjalpen(app) -> int:
    with app.app_context():
        organisation = services.create_organisation(
            name="Läxhjälpen i Sjöstad", org_number="802456-1238", legal_form="ideell_forening",
            email="info@laxhjalpen.example", contacts=[{"name": "Lena Lind", "title": "Ordförande"}])
        db.session.commit()
        return organisation.id


def test_an_officer_edits_an_organisation_and_adds_a_contact_person(visitor, accounts, laxhjalpen, app):
    page = visitor.page
    visitor.login(accounts["officer"])
    visitor.goto(f"/organisationer/{laxhjalpen}")
    visitor.follow("Ändra uppgifter")
    page.get_by_label("E-postadress").first.fill("kansli@laxhjalpen.example")
    visitor.press("Lägg till en kontaktperson")
    page.get_by_role("group", name="Kontaktperson 2").get_by_label("Namn").fill("Olle Ek")
    page.get_by_role("group", name="Kontaktperson 2").get_by_label("Telefon").fill("070-222 33 44")
    # Enter in a field saves: the form's default button is the save button, not "add" or "remove".
    page.get_by_role("group", name="Kontaktperson 2").get_by_label("Telefon").press("Enter")
    page.wait_for_url(f"**/organisationer/{laxhjalpen}")
    visitor.landed()

    assert "Ändringarna är sparade." in page.inner_text("main")
    history = page.get_by_role("table", name="Ändringar av Läxhjälpen i Sjöstad, senaste först").inner_text()
    assert "info@laxhjalpen.example → kansli@laxhjalpen.example" in history
    organisation = stored(app, laxhjalpen)
    assert organisation.email == "kansli@laxhjalpen.example"
    assert [c.name for c in organisation.contacts] == ["Lena Lind", "Olle Ek"]


def test_a_save_on_a_stale_page_is_refused_and_overwrites_nothing(visitor, accounts, laxhjalpen, app):
    page = visitor.page
    visitor.login(accounts["officer"])
    visitor.goto(f"/organisationer/{laxhjalpen}/andra")
    with app.app_context():  # a colleague saves while the page is open
        services.update_organisation(organisation=db.session.get(Organisation, laxhjalpen),
                                     phone="013-20 00 00")
        db.session.commit()

    page.get_by_label("Namn", exact=True).first.fill("Läxhjälpen Sjöstad")
    visitor.press("Spara ändringarna")
    assert "Någon annan har ändrat uppgifterna" in page.inner_text(".error-summary")
    differences = page.get_by_role("table", name="Skillnader mellan det som är sparat nu och ditt formulär")
    assert "013-20 00 00" in differences.inner_text()
    assert stored(app, laxhjalpen).name == "Läxhjälpen i Sjöstad"
    assert stored(app, laxhjalpen).phone == "013-20 00 00"

    page.get_by_label("Telefon").first.fill("013-20 00 00")  # the officer keeps the colleague's change
    visitor.press("Spara ändringarna")
    assert "Ändringarna är sparade." in page.inner_text("main")
    saved = stored(app, laxhjalpen)
    assert (saved.name, saved.phone) == ("Läxhjälpen Sjöstad", "013-20 00 00")
