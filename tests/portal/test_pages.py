"""The signed-in organisation's pages: only its own records, a follow-up report handed in that
settles the follow-up and reaches the officer, and initiatives brought with or without signing in."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest

from iop import clock
from iop.extensions import db
from tests.initiatives.conftest import freeze
from tests.portal.conftest import mails_to, run_outbox, text_of
from tests.web import csrf_token, page_csrf, web_pages

PDF = b"%PDF-1.4\n% verksamhetsber\xc3\xa4ttelse\n%%EOF\n"


def hand_in(client, agreement_id: int, data: dict):
    path = f"/portal/overenskommelser/{agreement_id}/aterrapport"
    return client.post(path, data={"csrf_token": page_csrf(client, "/portal"), **data},
                       content_type="multipart/form-data")


def test_the_overview_shows_our_documents_and_follow_ups_and_not_another_organisations(portal_client, orgs):
    mine, other = orgs
    page = portal_client.get("/portal").get_data(as_text=True)
    assert "Halvårsredovisning" in page and "Verksamheten har startat i två skolor" in page
    assert "Lämna rapport" in page
    assert f"/portal/overenskommelser/{other.agreement_id}" not in page
    link = f"/portal/overenskommelser/{mine.agreement_id}/dokument/"
    assert link in page
    document_id = page.split(link)[1].split('"')[0]
    download = portal_client.get(link + document_id)
    assert download.status_code == 200 and "attachment" in download.headers["Content-Disposition"]
    # another organisation's agreement, its documents and its report form: not found
    assert portal_client.get(f"/portal/overenskommelser/{other.agreement_id}/aterrapport").status_code == 404
    assert portal_client.get(f"/portal/overenskommelser/{other.agreement_id}/dokument/{document_id}"
                             ).status_code == 404
    missing = f"/portal/overenskommelser/{mine.agreement_id}/dokument/999999"
    assert portal_client.get(missing).status_code == 404


PUBLIC = {"portal.sign_in", "portal.confirm", "portal.initiative"}


def test_every_portal_page_but_sign_in_and_initiative_needs_a_portal_session(app, client, orgs):
    mine, _ = orgs
    portal_pages = {e for e in web_pages(app) if e.startswith("portal.")}
    assert PUBLIC < portal_pages
    for endpoint in sorted(portal_pages - PUBLIC):
        rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
        answer = client.get(re.sub(r"<[^>]+>", str(mine.agreement_id), rule.rule))
        assert answer.status_code == 302, endpoint
        assert answer.headers["Location"].endswith("/portal/logga-in"), endpoint
    assert client.get("/portal/logga-in/nagot-gammalt").status_code == 410
    assert client.get("/portal/initiativ").status_code == 200


def test_a_report_handed_in_settles_the_follow_up_and_is_on_the_officers_todo(
        portal_client, orgs, callers, app, runner, smtp):
    mine, other = orgs
    form = portal_client.get(f"/portal/overenskommelser/{mine.agreement_id}/aterrapport")
    assert form.status_code == 200 and "2027-06-30 – Halvårsredovisning" in form.get_data(as_text=True)
    answer = hand_in(portal_client, mine.agreement_id, {
        "follow_up_date": "2027-06-30", "summary": "140 elever fick läxhjälp under våren.",
        "files": (io.BytesIO(PDF), "verksamhetsberättelse.pdf")})
    assert answer.status_code == 302, answer.get_data(as_text=True)
    reports = portal_client.application.test_client().get(
        f"/api/v1/agreements/{mine.agreement_id}/follow-up-reports",
        headers=callers.officer.headers).get_json()
    [report] = reports
    assert report["follow_up_date"] == "2027-06-30" and report["assessment"] == "pending"
    assert len(report["files"]) == 1
    todo = portal_client.application.test_client().get("/api/v1/me/todo", headers=callers.officer.headers)
    items = todo.get_json()
    titles = [item["title"] for item in (items["items"] if isinstance(items, dict) else items)]
    assert "Läxhjälp och föräldrastöd i Norra Sjöstad" in titles
    audit = portal_client.application.test_client().get(
        f"/api/v1/audit?entity=agreement&entity_id={mine.agreement_id}&action=follow_up_report_create",
        headers=callers.admin.headers).get_json()
    assert [event["actor"] for event in audit] == [
        "kontaktperson Lena Lind <lena@laxhjalpen.example> (Läxhjälpen i Sjöstad)"]
    # settled: the overview says so and the form offers nothing more
    assert "Rapport mottagen" in portal_client.get("/portal").get_data(as_text=True)
    again = portal_client.get(f"/portal/overenskommelser/{mine.agreement_id}/aterrapport")
    assert "Det finns ingen uppföljning som väntar" in again.get_data(as_text=True)
    # and another organisation cannot hand in on ours
    assert hand_in(portal_client, other.agreement_id, {"follow_up_date": "2027-06-30", "summary": "x"}
                   ).status_code == 404


def test_a_report_with_a_file_that_is_not_a_document_is_refused_by_its_content(portal_client, orgs):
    mine, _ = orgs
    answer = hand_in(portal_client, mine.agreement_id, {
        "follow_up_date": "2027-06-30", "summary": "",
        "files": (io.BytesIO(b"MZ\x90\x00 not a pdf"), "rapport.pdf")})
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert "Något behöver rättas" in page and 'href="#files"' in page


@pytest.fixture
def today(app):
    freeze(date(2026, 3, 16))
    yield date(2026, 3, 16)
    clock.set_frozen(None)


def bring(client, **fields):
    page = client.get("/portal/initiativ")
    assert page.status_code == 200
    data = {"csrf_token": csrf_token(page.get_data(as_text=True)), "name": "Sara Berg",
            "email": "sara@exempel.se", "organisation": "Grannar i Norra Sjöstad",
            "description": "Vi vill starta en läxhjälp på biblioteket på lördagar.", **fields}
    return client.post("/portal/initiativ", data=data)


def test_an_initiative_without_signing_in_is_in_the_networks_queue_with_its_clock_and_a_receipt(
        client, callers, runner, smtp, departments, today):
    answer = bring(client, departments=["KFF", "SOC"])
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert "Tack för ditt initiativ" in page and "INI-" in page
    reference = page.split("<strong>")[1].split("</strong>")[0]
    initiative_id = int(reference.removeprefix("INI-"))
    found = client.get(f"/api/v1/initiatives/{initiative_id}", headers=callers.coordinator.headers).get_json()
    assert found["status"] == "in_network"
    assert found["received_on"] == "2026-03-16" and found["respond_by"] > "2026-03-16"
    assert found["contact_email"] == "sara@exempel.se" and found["organisation_id"] is None
    queue = client.get("/api/v1/me/todo", headers=callers.coordinator.headers).get_json()
    assert "Vi vill starta en läxhjälp på biblioteket på lördagar." in str(queue)
    run_outbox(runner)
    [receipt] = mails_to(smtp, "sara@exempel.se")
    assert reference in receipt["Subject"] and reference in text_of(receipt)


def test_a_filled_honeypot_registers_nothing(client, callers, today):
    answer = bring(client, website="http://spam.example")
    assert answer.status_code == 200
    listed = client.get("/api/v1/initiatives", headers=callers.coordinator.headers).get_json()
    assert (listed["items"] if isinstance(listed, dict) else listed) == []


def test_an_initiative_needs_a_name_an_address_and_a_description(client, departments):
    answer = bring(client, name="", email="inte-en-adress", description="")
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    for field in ("name", "email", "description"):
        assert f'href="#{field}"' in page


def test_too_many_initiatives_from_one_client_are_refused(client, departments, today):
    for _ in range(5):
        assert bring(client).status_code == 200
    assert bring(client).status_code == 429


def test_signed_in_the_initiative_is_linked_to_our_organisation_and_listed_for_us_only(
        portal_client, orgs, callers, app, today):
    mine, other = orgs
    answer = bring(portal_client, departments=["KFF"])
    assert answer.status_code == 200
    page = portal_client.get("/portal").get_data(as_text=True)
    assert "Vi vill starta en läxhjälp" in page
    with app.app_context():
        from iop.initiatives.models import Initiative
        [initiative] = db.session.query(Initiative).all()
        assert initiative.organisation_id == mine.id
