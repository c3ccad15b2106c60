"""An IOP from first draft to signing in a real browser, without JavaScript: the officer drafts
it step by step and submits it, the lawyer approves the document they downloaded, the
officer registers the signing."""

from __future__ import annotations

import hashlib
import io
from datetime import timedelta
from pathlib import Path

import docx
import pytest

from iop import clock
from iop.agreements.models import Agreement
from iop.extensions import db
from iop.organisations import services as organisations

pytestmark = pytest.mark.browser


@pytest.fixture
def laxhjalpen(app) -> int:
    with app.app_context():
        organisation = organisations.create_organisation(
            name="Läxhjälpen i Sjöstad", org_number="802456-1238", legal_form="ideell_forening",
            contacts=[{"name": "Lena Lind", "title": "Ordförande"}])
        db.session.commit()
        return organisation.id


def stored(app, agreement_id: int) -> Agreement:
    with app.app_context():
        agreement = db.session.get(Agreement, agreement_id)
        db.session.expunge(agreement)
        return agreement


def download(visitor, link: str) -> tuple[str, bytes]:
    with visitor.page.expect_download() as info:
        visitor.page.get_by_role("link", name=link).first.click()
    content = Path(info.value.path()).read_bytes()
    # Chromium reports a navigation that became a download as an aborted request: that one is no error.
    visitor.console_errors.remove(f"{info.value.url}: net::ERR_ABORTED")
    return info.value.suggested_filename, content


def document_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def draft_through_the_steps(visitor) -> int:
    page = visitor.page
    visitor.follow("Överenskommelser")
    visitor.follow("Skriv en ny överenskommelse")
    page.get_by_label("Idéburet offentligt partnerskap").check()
    page.get_by_label("Titel").fill("Läxhjälp och föräldrastöd i Norra Sjöstad")
    visitor.press("Skapa utkastet")
    assert "Utkastet är skapat" in page.inner_text("main")
    agreement_id = int(page.url.split("/overenskommelser/")[1].split("/")[0])

    page.get_by_role("group", name="Organisation 1").get_by_label("Organisation").select_option(
        label="Läxhjälpen i Sjöstad (802456-1238)")
    visitor.press("Spara och fortsätt")

    page.get_by_label("Samhällsutmaningen").fill("Färre elever i Norra Sjöstad når gymnasiebehörighet.")
    page.get_by_label("Mål och syfte").fill("Att fler elever når gymnasiebehörighet.")
    page.get_by_label("Organisationens mervärde").fill("Volontärer med språkkunskaper och förtroende.")
    page.get_by_label("Marknadsbedömning").fill("Det finns ingen fungerande marknad för läxhjälp här.")
    visitor.press("Spara och fortsätt")

    first = page.get_by_role("group", name="Resurs 1")
    first.get_by_label("Part").select_option(label="Kommunen")
    first.get_by_label("Slag av resurs").select_option(label="Ekonomiskt bidrag")
    first.get_by_label("Beskrivning").fill("Bidrag till verksamheten")
    first.get_by_label("Belopp").fill("250 000")
    visitor.press("Lägg till en resurs")
    second = page.get_by_role("group", name="Resurs 2")
    second.get_by_label("Part").select_option(label="Organisationen")
    second.get_by_label("Slag av resurs").select_option(label="Ideella timmar")
    second.get_by_label("Timmar").fill("1200")
    visitor.press("Spara och fortsätt")
    return agreement_id


def test_an_officer_drafts_submits_and_downloads_a_lawyer_approves_and_the_officer_signs(
        visitor, accounts, laxhjalpen, app):
    page = visitor.page
    visitor.login(accounts["officer"])
    agreement_id = draft_through_the_steps(visitor)

    # Bad input on the timeline step: the error sits beside the field, nothing typed is lost.
    page.get_by_label("Startdatum").fill("2027-01-01")
    page.get_by_label("Slutdatum").fill("2026-12-31")
    page.get_by_label("Uppsägningstid").fill("sex")
    visitor.press("Spara och fortsätt")
    assert page.title().startswith("Fel: ")
    assert "Ange ett heltal." in page.inner_text("#notice_period_months-error")
    assert page.get_by_label("Uppsägningstid").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("Startdatum").input_value() == "2027-01-01"  # nothing typed is lost
    page.get_by_label("Uppsägningstid").fill("6")
    visitor.press("Spara och fortsätt")
    assert "Slutdatum kan inte ligga före startdatum." in page.inner_text("#end_date-error")
    assert page.get_by_label("Slutdatum").get_attribute("aria-invalid") == "true"

    page.get_by_label("Slutdatum").fill("2028-12-31")
    page.get_by_label("Förlängning per gång").fill("12")
    page.get_by_label("Högsta antal förlängningar").fill("1")
    page.get_by_role("group", name="Uppföljning 1").get_by_label("Datum").fill("2027-06-30")
    page.get_by_role("group", name="Uppföljning 1").get_by_label("Vad följs upp").fill("Halvårsredovisning")
    visitor.press("Spara och fortsätt")

    assert page.get_by_role("heading", level=1).inner_text().startswith("Kontrollera och skicka")
    assert "Alla uppgifter som krävs är ifyllda" in page.inner_text("main")
    assert "Inga juridiska varningar" in page.inner_text("main")
    visitor.press("Skicka för juridisk granskning")
    assert "skickad för juridisk granskning" in page.inner_text("main")
    assert "Under juridisk granskning" in page.inner_text("main")
    name, content = download(visitor, "Hämta överenskommelsen")
    assert name.endswith(".docx") and "Läxhjälp och föräldrastöd i Norra Sjöstad" in document_text(content)
    assert stored(app, agreement_id).status == "in_review"

    visitor.page.context.clear_cookies()
    visitor.login(accounts["legal"])
    waiting = page.get_by_role("region", name="Väntar på min granskning")
    assert "Läxhjälp och föräldrastöd i Norra Sjöstad" in waiting.inner_text()
    visitor.follow("Läxhjälp och föräldrastöd i Norra Sjöstad")
    _, reviewed = download(visitor, "Hämta revision")
    assert page.inner_text("#document-sha256") == hashlib.sha256(reviewed).hexdigest()
    page.get_by_label("Kommentar till handläggaren").fill("Granskad mot kommunens riktlinjer för IOP.")
    page.get_by_label("Godkänn revisionen").check()
    visitor.press("Spara beslutet")
    assert "är godkänd" in page.inner_text("main")
    assert stored(app, agreement_id).approved_sha256 == hashlib.sha256(reviewed).hexdigest()

    visitor.page.context.clear_cookies()
    visitor.login(accounts["officer"])
    visitor.goto(f"/overenskommelser/{agreement_id}")
    visitor.follow("Registrera undertecknandet")
    with app.app_context():
        signed_on = (clock.today() - timedelta(days=1)).isoformat()
    page.get_by_label("Datum för undertecknandet").fill(signed_on)
    page.get_by_role("group", name="Undertecknare 1").get_by_label("Namn").fill("Anna Andersson")
    page.get_by_role("group", name="Undertecknare 1").get_by_label("Befattning").fill("Förvaltningschef")
    page.get_by_role("group", name="Undertecknare 2").get_by_label("Namn").fill("Lena Lind")
    visitor.press("Registrera undertecknandet")
    assert "Överenskommelsen gäller nu" in page.inner_text("main")
    assert "Gällande" in page.inner_text(".meta")
    agreement = stored(app, agreement_id)
    assert agreement.status == "active" and str(agreement.signed_on) == signed_on
    _, signed = download(visitor, "Hämta överenskommelsen")
    assert "Anna Andersson" in document_text(signed) and "UTKAST" not in document_text(signed)


def test_a_signing_without_signatories_shows_the_error_beside_the_rows(visitor, accounts, client, callers,
                                                                       organisation_id):
    from tests.agreements.factories import clean_iop, draft, review, transition

    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    assert transition(client, callers.officer, agreement["id"], action="submit").status_code == 200
    assert review(client, callers, agreement["id"], "approve").status_code == 201
    page = visitor.page
    visitor.login(accounts["officer"])
    visitor.goto(f"/overenskommelser/{agreement['id']}/undertecknande")
    page.get_by_label("Datum för undertecknandet").fill("2099-01-01")
    visitor.press("Registrera undertecknandet")
    assert "Ange namnet på den som undertecknar." in page.inner_text("#signatories-0-name-error")
    assert "Ange namnet på den som undertecknar." in page.inner_text("#signatories-1-name-error")
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")

    page.get_by_role("group", name="Undertecknare 1").get_by_label("Namn").fill("Anna Andersson")
    page.get_by_role("group", name="Undertecknare 2").get_by_label("Namn").fill("Lena Lind")
    visitor.press("Registrera undertecknandet")
    assert "Undertecknandet kan inte ligga i framtiden." in page.inner_text("#signed_on-error")
    assert page.get_by_label("Datum för undertecknandet").get_attribute("aria-invalid") == "true"
    visitor.goto(f"/overenskommelser/{agreement['id']}")
    assert "Godkänd" in page.inner_text(".meta")  # nothing was signed
