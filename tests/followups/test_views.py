"""The agreement page shows each follow-up with its report, and lets the department record one."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest

from iop.clock import frozen_at
from tests.agreements.factories import signed_agreement
from tests.web import page_csrf, sign_in, table_rows, text_of

CAPTION = "Uppföljningsdatum och återrapporter"
PDF = b"%PDF-1.4\n% rapport\n%%EOF\n"


@pytest.fixture
def page(client, callers, organisation_id) -> str:
    agreement = signed_agreement(client, callers, organisation_id)
    return f"/overenskommelser/{agreement['id']}"


@pytest.fixture
def today():
    """Every request of a test on one day, 5 July 2027 (a session outlives no jump in time)."""
    with frozen_at(date(2027, 7, 5)):
        yield


def shown(client, page) -> str:
    response = client.get(page)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def error_of(html: str, field: str) -> str:
    """The message beside the report form's field (its ids carry the form's prefix)."""
    ident = f"aterrapport-{field}"
    control = re.search(rf'<(?:input|select|textarea|fieldset)[^>]*\bid="{ident}"[^>]*>', html).group(0)
    assert f"{ident}-error" in control
    return text_of(re.search(rf'<p class="field__error" id="{ident}-error">(.*?)</p>', html, re.S).group(1)
                   ).strip().removeprefix("Fel: ")


def record(client, page, data):
    body = {"csrf_token": page_csrf(client, page), **data}
    return client.post(f"{page}/aterrapporter", data=body, content_type="multipart/form-data")


def test_a_follow_up_waits_for_its_report_until_its_date(client, app, page):
    with frozen_at(date(2027, 6, 30)):
        sign_in(client, app, "viewer")
        html = shown(client, page)
    assert table_rows(html, CAPTION)[0][:3] == ["2027-06-30", "Halvårsredovisning", "Inväntar rapport"]
    assert "Registrera en återrapport" not in html  # a viewer only reads


def test_a_follow_up_without_a_report_is_late_after_its_date(client, app, page):
    with frozen_at(date(2027, 7, 1)):
        sign_in(client, app, "officer")
        html = shown(client, page)
    assert table_rows(html, CAPTION)[0][2] == "Försenad"
    assert "Registrera en återrapport" in html


def test_an_officer_records_the_report_on_the_page(client, app, page, today):
    sign_in(client, app, "officer")
    response = record(client, page, {
        "follow_up_date": "2027-06-30", "received_on": "2027-07-01", "summary": "140 elever fick läxhjälp.",
        "assessment": "partly_met", "comment": "Färre volontärer än planerat.",
        "report_file": (io.BytesIO(PDF), "Verksamhetsberättelse.pdf")})
    assert response.status_code == 302, response.get_data(as_text=True)
    html = shown(client, page)
    [row] = table_rows(html, CAPTION)
    assert row[2] == "Rapport mottagen"
    assert "Bedömning: Delvis uppfyllt" in row[3] and "Färre volontärer än planerat." in row[3]
    assert "Verksamhetsberättelse.pdf" in row[3]
    assert "Registrera en återrapport" not in html  # its only follow-up is settled


def test_a_refused_report_is_shown_again_with_a_message_beside_each_field(client, app, page, today):
    sign_in(client, app, "officer")
    response = record(client, page, {"follow_up_date": "2027-06-30", "received_on": "2027-07-09",
                                     "summary": "Kort.", "assessment": "met",
                                     "report_file": (io.BytesIO(b"hej"), "rapport.txt")})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert error_of(html, "received_on") == "Datumet då rapporten kom in kan inte ligga i framtiden."
    assert error_of(html, "report_file").startswith("Filen måste vara en PDF, Word (.docx) eller bild")
    assert "Återrapporten är inte sparad" in html and "Kort.</textarea>" in html
    unassessed = record(client, page, {"follow_up_date": "2027-06-30", "received_on": "2027-07-01"})
    assert unassessed.status_code == 422
    assert error_of(unassessed.get_data(as_text=True), "assessment").startswith("Välj om målen är uppfyllda")


def test_the_organisations_page_lists_its_reports(client, app, callers, organisation_id, page, today):
    response = client.post(f"/api/v1{page.replace('/overenskommelser', '/agreements')}/follow-up-reports",
                           headers=callers.officer.headers,
                           json={"follow_up_date": "2027-06-30", "received_on": "2027-07-01",
                                 "summary": "Inkommen.", "assessment": "not_met"})
    assert response.status_code == 201
    sign_in(client, app, "viewer")
    html = client.get(f"/organisationer/{organisation_id}").get_data(as_text=True)
    [row] = table_rows(html, "Återrapporter från Läxhjälpen i Sjöstad, senaste först")
    assert row == ["2027-06-30", "Läxhjälp och föräldrastöd i Norra Sjöstad", "2027-07-01", "Inte uppfyllt"]


def test_the_agreements_history_tells_that_a_report_was_recorded(client, app, page, today):
    sign_in(client, app, "officer")
    response = record(client, page, {"follow_up_date": "2027-06-30", "received_on": "2027-07-01",
                                     "assessment": "met", "report_file": (io.BytesIO(PDF), "rapport.pdf")})
    assert response.status_code == 302
    what = [row[2] for row in table_rows(shown(client, page), "Händelser, senaste först")]
    assert "Återrapport lades till" in what and "En fil till en återrapport arkiverades" in what
