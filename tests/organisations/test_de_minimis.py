"""The organisation's de minimis declaration: recorded through the API, counted by the legality
check, and shown to the lawyer on the review page."""

import hashlib

import pytest

from tests.agreements.factories import clean_iop, draft, transition
from tests.openapi import spec_app

PDF = b"%PDF-1.4\n% forsakran\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def declare(client, caller, organisation_id, **item):
    body = {"granted_on": "2025-03-01", "amount": 3000000, "granting_body": "Region Västra Götaland", **item}
    return client.post(f"/api/v1/organisations/{organisation_id}/de-minimis", json=body,
                       headers=caller.headers)


def test_declared_aid_is_recorded_and_listed(client, callers, organisation_id):
    created = declare(client, callers.officer, organisation_id, currency="EUR", amount=12000.5)
    assert created.status_code == 201, created.get_json()
    listed = client.get(f"/api/v1/organisations/{organisation_id}/de-minimis", headers=callers.viewer.headers)
    assert [(a["granted_on"], a["amount"], a["currency"], a["granting_body"]) for a in listed.get_json()] == [
        ("2025-03-01", 12000.5, "EUR", "Region Västra Götaland")]


@pytest.mark.parametrize("item, field", [
    ({"granted_on": None}, "granted_on"),
    ({"granted_on": "2025-02-30"}, "granted_on"),
    ({"amount": -1}, "amount"),
    ({"amount": "tre miljoner"}, "amount"),
    ({"currency": "NOK"}, "currency"),
    ({"granting_body": ""}, "granting_body"),
])
def test_a_bad_item_is_refused_with_a_message_for_its_field(client, callers, organisation_id, item, field):
    response = declare(client, callers.officer, organisation_id, **item)
    assert response.status_code == 422
    assert list(response.get_json()["errors"]["json"]) == [field]


def test_the_signed_declaration_is_kept_with_its_sha256(client, callers, organisation_id):
    aid = declare(client, callers.officer, organisation_id).get_json()
    url = f"/api/v1/organisations/{organisation_id}/de-minimis/{aid['id']}/file"
    refused = client.put(url, data=b"GIF89a",
                         headers={**callers.officer.headers, "Content-Type": "image/png"})
    assert refused.status_code == 422 and "file" in refused.get_json()["errors"]
    kept = client.put(url, data=PDF, headers={**callers.officer.headers, "Content-Type": "application/pdf"})
    assert kept.status_code == 200 and kept.get_json()["file_sha256"] == hashlib.sha256(PDF).hexdigest()
    download = client.get(url, headers=callers.viewer.headers)
    assert download.data == PDF and download.mimetype == "application/pdf"


def test_the_declaration_endpoints_are_in_the_openapi_document():
    paths = spec_app().test_client().get("/api/v1/openapi.json").get_json()["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/organisations/{organisation_id}/de-minimis"])
    assert {"get", "put"} <= set(paths["/api/v1/organisations/{organisation_id}/de-minimis/{aid_id}/file"])


def test_declared_aid_of_the_three_years_before_counts_towards_the_ceiling(client, callers, organisation_id):
    # The draft grants 2 × 250 000 kr; 3 000 000 kr declared from 2025 takes it over 3 300 000 kr.
    assert declare(client, callers.officer, organisation_id, granted_on="2023-06-01").status_code == 201
    assert [w["code"] for w in draft(client, callers.officer, clean_iop(organisation_id))["warnings"]] == []
    assert declare(client, callers.officer, organisation_id, granted_on="2025-03-01").status_code == 201
    warned = draft(client, callers.officer, clean_iop(organisation_id, case_number="KFN 2026/0077"))
    assert [w["code"] for w in warned["warnings"]] == ["de_minimis_exceeded"]
    assert "3\u00a0500\u00a0000 kr" in warned["warnings"][0]["message"]


def test_the_lawyer_sees_the_declaration_on_the_review_page(client, app, callers, organisation_id):
    from tests.agreements.test_views import html_of
    from tests.web import sign_in

    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    assert transition(client, callers.officer, agreement["id"], action="submit").status_code == 200
    page = f"/overenskommelser/{agreement['id']}/granskning"
    sign_in(client, app, "legal")
    assert "Läxhjälpen i Sjöstad har inte uppgett något annat stöd" in html_of(client.get(page))
    aid = declare(client, callers.officer, organisation_id, granting_body="<b>Region</b> & Co").get_json()
    client.put(f"/api/v1/organisations/{organisation_id}/de-minimis/{aid['id']}/file", data=PDF,
               headers={**callers.officer.headers, "Content-Type": "application/pdf"})
    html = html_of(client.get(page))
    assert 'aria-labelledby="de-minimis"' in html and "Annat stöd till Läxhjälpen i Sjöstad" in html
    assert "&lt;b&gt;Region&lt;/b&gt; &amp; Co" in html and "<b>Region" not in html
    assert "3\u00a0000\u00a0000 kr" in html and "2025-03-01" in html
    assert hashlib.sha256(PDF).hexdigest() in html


def test_the_declarations_file_downloads_under_a_name_the_service_makes(client, callers, organisation_id):
    import io

    aid = declare(client, callers.officer, organisation_id).get_json()
    url = f"/api/v1/organisations/{organisation_id}/de-minimis/{aid['id']}/file"
    hostile = "försäkran.pdf\"; filename*=UTF-8''evil.html"
    kept = client.put(url, data={"file": (io.BytesIO(PDF), hostile)}, content_type="multipart/form-data",
                      headers=callers.officer.headers)
    assert kept.status_code == 200, kept.get_json()
    disposition = client.get(url, headers=callers.viewer.headers).headers["Content-Disposition"]
    assert disposition == (f'attachment; filename="forsakran-de-minimis-{organisation_id}-{aid["id"]}.pdf"')
    assert "evil" not in disposition
