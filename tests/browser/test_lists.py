"""An officer drafts for a new organisation without losing the draft, picks the responsible
officer, sorts and exports the list and finds the organisation by its number without the
dash, in a real browser without JavaScript; the new pages fit a 390 px wide phone."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from iop.agreements.models import Agreement
from iop.extensions import db

pytestmark = pytest.mark.browser


def download(visitor, link: str) -> tuple[str, bytes]:
    with visitor.page.expect_download() as info:
        visitor.page.get_by_role("link", name=link).first.click()
    content = Path(info.value.path()).read_bytes()
    # A link with `download` starts no navigation; were it one, Chromium would report it aborted.
    aborted = f"{info.value.url}: net::ERR_ABORTED"
    visitor.console_errors[:] = [e for e in visitor.console_errors if e != aborted]
    return info.value.suggested_filename, content


def test_an_officer_drafts_for_a_new_organisation_without_leaving_the_wizard(visitor, accounts, app):
    page = visitor.page
    visitor.login(accounts["officer"])
    visitor.follow("Överenskommelser")
    visitor.follow("Skriv en ny överenskommelse")
    page.get_by_label("Idéburet offentligt partnerskap").check()
    page.get_by_label("Titel").fill("Läxhjälp i Norra Sjöstad")
    visitor.press("Skapa utkastet")
    agreement_id = int(page.url.split("/overenskommelser/")[1].split("/")[0])

    # The organisation is not registered yet: the draft is saved, the form opens, and back.
    visitor.press("Spara och registrera en ny organisation")
    assert "Ditt utkast är sparat" in page.inner_text("main")
    page.get_by_label("Namn", exact=True).first.fill("Läxhjälpen i Sjöstad")
    page.get_by_label("Organisationsnummer").fill("8024561238")
    page.get_by_label("Juridisk form").select_option(label="Ideell förening")
    visitor.press("Registrera organisationen")
    assert f"/overenskommelser/{agreement_id}/utkast/parter" in page.url
    assert "Läxhjälpen i Sjöstad är vald" in page.inner_text("main")
    organisation = page.get_by_role("group", name="Organisation 1").get_by_label("Organisation")
    assert "Läxhjälpen i Sjöstad" in organisation.evaluate("s => s.options[s.selectedIndex].text")

    officer = "Karin Handläggare (handlaggare@kommun.test)"
    page.get_by_label("Ansvarig handläggare").select_option(label=officer)
    visitor.press("Spara och fortsätt")
    assert "/utkast/innehall" in page.url
    with app.app_context():
        agreement = db.session.get(Agreement, agreement_id)
        assert [p.organisation.name for p in agreement.parties] == ["Läxhjälpen i Sjöstad"]
        assert agreement.responsible_email == "handlaggare@kommun.test"
        assert agreement.title == "Läxhjälp i Norra Sjöstad"

    # The list: sorted by title, exported as it is shown.
    visitor.goto("/overenskommelser")
    visitor.follow("Titel")
    header = page.get_by_role("columnheader", name="Titel")
    assert header.get_attribute("aria-sort") == "ascending"
    name, content = download(visitor, "CSV")
    assert name == "overenskommelser.csv" and content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][0] == "Läxhjälp i Norra Sjöstad"

    # One search box in the header finds the organisation by its number without the dash.
    page.get_by_label("Sök överenskommelser, organisationer och initiativ").fill("8024561238")
    visitor.press("Sök i tjänsten")
    assert page.get_by_role("link", name="Läxhjälpen i Sjöstad").count() == 1
    visitor.goto("/organisationer?q=8024561238")
    assert "Läxhjälpen i Sjöstad" in page.inner_text("main")


@pytest.mark.parametrize("path", ["/sok?q=l%C3%A4x", "/konto", "/konto/kalendrar", "/overenskommelser",
                                  "/organisationer", "/initiativ", "/"])
def test_the_new_pages_fit_a_phone_390_px_wide(visitor, accounts, path):
    visitor.page.set_viewport_size({"width": 390, "height": 844})
    visitor.login(accounts["officer"])
    visitor.goto(path)
    width = visitor.page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{path} scrolls sideways: {width}"
