"""The organisation keeps its own details, contact persons and de minimis declaration; the
changes are in its history under the contact person's name, and never reach another organisation."""

from __future__ import annotations

import io

from tests.portal.conftest import OSKAR
from tests.web import page_csrf

PDF = b"%PDF-1.4\n% forsakran\n%%EOF\n"
LENA_ROW = {"contacts-0-id": None, "contacts-0-name": "Lena Lind", "contacts-0-title": "Ordförande",
            "contacts-0-email": "lena@laxhjalpen.example"}


def lena_row(client) -> dict:
    page = client.get("/portal/uppgifter").get_data(as_text=True)
    contact_id = page.split('name="contacts-0-id"')[1].split('value="')[1].split('"')[0]
    return {**LENA_ROW, "contacts-0-id": contact_id}


def test_new_details_and_a_new_contact_show_in_the_history_with_who_made_them(portal_client, orgs, callers):
    mine, other = orgs
    answer = portal_client.post("/portal/uppgifter", data={
        "csrf_token": page_csrf(portal_client, "/portal"), "email": "styrelsen@laxhjalpen.example",
        "phone": "070-999 88 77", "address": "Skolgatan 1, 611 30 Sjöstad", **lena_row(portal_client),
        "contacts-1-name": "Kim Kassör", "contacts-1-title": "Kassör",
        "contacts-1-email": "kim@laxhjalpen.example"})
    assert answer.status_code == 302, answer.get_data(as_text=True)
    api = portal_client.application.test_client()
    saved = api.get(f"/api/v1/organisations/{mine.id}", headers=callers.officer.headers).get_json()
    assert saved["email"] == "styrelsen@laxhjalpen.example"
    assert sorted(c["name"] for c in saved["contacts"]) == ["Kim Kassör", "Lena Lind"]
    events = api.get(f"/api/v1/audit?entity=organisation&entity_id={mine.id}", headers=callers.admin.headers)
    actors = {e["actor"] for e in events.get_json() if e["action"] != "portal_sign_in"}
    assert "kontaktperson Lena Lind <lena@laxhjalpen.example> (Läxhjälpen i Sjöstad)" in actors
    theirs = api.get(f"/api/v1/organisations/{other.id}", headers=callers.officer.headers).get_json()
    assert [c["email"] for c in theirs["contacts"]] == [OSKAR]


def test_a_bad_address_is_named_and_one_cannot_remove_oneself(portal_client, orgs):
    row = lena_row(portal_client)
    bad = portal_client.post("/portal/uppgifter", data={
        "csrf_token": page_csrf(portal_client, "/portal"), **row, "email": "inte en adress"})
    assert bad.status_code == 422 and 'href="#email"' in bad.get_data(as_text=True)
    gone = portal_client.post("/portal/uppgifter", data={
        "csrf_token": page_csrf(portal_client, "/portal"), "contacts-0-id": row["contacts-0-id"]})
    assert gone.status_code == 422 and "Du kan inte ta bort dig själv" in gone.get_data(as_text=True)


def test_the_de_minimis_declaration_is_listed_and_added_with_a_file_checked_by_content(
        portal_client, orgs, callers):
    mine, other = orgs
    assert "Ni har inte berättat om något annat stöd" in portal_client.get(
        "/portal/stod-av-mindre-betydelse").get_data(as_text=True)
    token = page_csrf(portal_client, "/portal")
    aid = {"csrf_token": token, "granted_on": "2025-05-01", "amount": "50 000",
           "granting_body": "Region Sjöland"}
    url = "/portal/stod-av-mindre-betydelse"
    refused = portal_client.post(url, content_type="multipart/form-data", data={
        **aid, "file": (io.BytesIO(b"MZ not a pdf"), "forsakran.pdf")})
    assert refused.status_code == 422 and 'href="#file"' in refused.get_data(as_text=True)
    added = portal_client.post(url, content_type="multipart/form-data", data={
        **aid, "file": (io.BytesIO(PDF), "forsakran.pdf")})
    assert added.status_code == 302, added.get_data(as_text=True)
    page = portal_client.get("/portal/stod-av-mindre-betydelse").get_data(as_text=True)
    assert "Region Sjöland" in page and "forsakran.pdf" in page
    api = portal_client.application.test_client()
    [aid] = api.get(f"/api/v1/organisations/{mine.id}/de-minimis", headers=callers.officer.headers).get_json()
    assert api.get(f"/api/v1/organisations/{other.id}/de-minimis", headers=callers.officer.headers
                   ).get_json() == []
    assert portal_client.get(f"/portal/stod-av-mindre-betydelse/{aid['id']}/fil").data == PDF


def test_another_organisations_declared_aid_file_is_not_found(portal_client, orgs, callers):
    _, other = orgs
    api = portal_client.application.test_client()
    created = api.post(f"/api/v1/organisations/{other.id}/de-minimis", headers=callers.officer.headers,
                       json={"granted_on": "2025-01-01", "amount": 1000, "granting_body": "Staten"})
    assert created.status_code == 201, created.get_json()
    assert portal_client.get(f"/portal/stod-av-mindre-betydelse/{created.get_json()['id']}/fil"
                             ).status_code == 404
    assert "Staten" not in portal_client.get("/portal/stod-av-mindre-betydelse").get_data(as_text=True)
