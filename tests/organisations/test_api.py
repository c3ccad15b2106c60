import json

import pytest

LAXHJALPEN = {
    "name": "Läxhjälpen i Sjöstad",
    "org_number": "8024561238",
    "legal_form": "ideell_forening",
    "email": "Info@Laxhjalpen.example",
    "phone": "070-111 22 33",
    "address": "Hamngatan 4, 611 30 Sjöstad",
    "contacts": [{"name": "Lena Lind", "title": "Ordförande", "email": "lena@laxhjalpen.example"}],
}


def create(client, caller, **changes):
    response = client.post("/api/v1/organisations", json={**LAXHJALPEN, **changes},
                           headers=caller.headers)
    assert response.status_code == 201, response.get_json()
    return response


def test_an_officer_registers_an_organisation(client, callers):
    body = create(client, callers.officer).get_json()
    assert body["org_number"] == "802456-1238"
    assert body["email"] == "info@laxhjalpen.example"
    assert body["legal_form_label"] == "Ideell förening"
    assert [c["name"] for c in body["contacts"]] == ["Lena Lind"]
    again = client.get(f"/api/v1/organisations/{body['id']}", headers=callers.viewer.headers)
    assert again.get_json() == body


@pytest.mark.parametrize("number, message", [
    ("802456-1239", "kontrollsiffra"),
    ("80245-612380", "NNNNNN-NNNN"),
    ("", "NNNNNN-NNNN"),
])
def test_an_invalid_organisation_number_gets_a_message_on_that_field(client, callers, number, message):
    response = client.post("/api/v1/organisations", json={**LAXHJALPEN, "org_number": number},
                           headers=callers.officer.headers)
    assert response.status_code == 422
    body = response.get_json()
    assert body["code"] == 422 and body["status"] == "Unprocessable Entity"
    assert message in body["errors"]["org_number"][0]


def test_every_bad_field_is_named_at_once(client, callers):
    response = client.post("/api/v1/organisations", headers=callers.officer.headers, json={
        "name": "", "org_number": "1", "legal_form": "kommun", "email": "inte-en-adress",
        "contacts": [{"title": "utan namn"}], "status": "godkänd"})
    errors = response.get_json()["errors"]
    assert response.status_code == 422
    assert {"name", "org_number", "legal_form", "email", "contacts", "status"} <= set(errors)
    assert errors["contacts"] == {"0": {"name": ["Fältet måste fyllas i."]}}


def test_an_organisation_number_can_be_registered_only_once(client, callers):
    create(client, callers.officer)
    response = client.post("/api/v1/organisations", json={**LAXHJALPEN, "name": "Kopia"},
                           headers=callers.officer.headers)
    assert response.status_code == 409
    assert "org_number" in response.get_json()["errors"]


def test_the_list_is_paged_newest_first_with_the_paging_header(client, callers):
    from iop.organisations.numbers import luhn_check_digit

    for i in range(25):
        digits = f"80200{i:04d}"
        create(client, callers.officer, name=f"Förening {i:02d}",
               org_number=digits + str(luhn_check_digit(digits)), contacts=[])
    response = client.get("/api/v1/organisations?page=2&per_page=10", headers=callers.viewer.headers)
    names = [o["name"] for o in response.get_json()]
    assert names == [f"Förening {i:02d}" for i in range(14, 4, -1)]
    assert json.loads(response.headers["X-Pagination"]) == {
        "total": 25, "total_pages": 3, "first_page": 1, "last_page": 3, "page": 2,
        "previous_page": 1, "next_page": 3}


def test_the_list_filters_by_name_number_and_legal_form(client, callers):
    create(client, callers.officer)
    create(client, callers.officer, name="Sjöstads Stadsmission", org_number="802471-9653",
           legal_form="stiftelse", contacts=[])
    get = lambda q: [o["name"] for o in client.get(  # noqa: E731
        f"/api/v1/organisations?{q}", headers=callers.viewer.headers).get_json()]
    assert get("q=stadsmission") == ["Sjöstads Stadsmission"]
    assert get("q=802456") == ["Läxhjälpen i Sjöstad"]
    assert get("legal_form=stiftelse") == ["Sjöstads Stadsmission"]
    assert get("org_number=8024719653") == ["Sjöstads Stadsmission"]
    assert get("q=%25") == []  # a LIKE wildcard is a literal character
    assert get("sort=name") == ["Läxhjälpen i Sjöstad", "Sjöstads Stadsmission"]


@pytest.mark.parametrize("query", ["page=0", "page=AAA", "page=0.5", "per_page=101", "per_page=0",
                                   "page=", "legal_form=kommun"])
def test_bad_paging_or_filters_get_422_not_500(client, callers, query):
    response = client.get(f"/api/v1/organisations?{query}", headers=callers.viewer.headers)
    assert response.status_code == 422
    assert response.get_json()["errors"]


def test_per_page_goes_up_to_100(client, callers):
    response = client.get("/api/v1/organisations?per_page=100", headers=callers.viewer.headers)
    assert response.status_code == 200


def test_an_unknown_organisation_is_404(client, callers):
    response = client.get("/api/v1/organisations/999", headers=callers.viewer.headers)
    assert response.status_code == 404 and response.get_json()["code"] == 404


def test_a_change_needs_the_etag_of_the_last_read(client, callers):
    organisation = create(client, callers.officer)
    url = f"/api/v1/organisations/{organisation.get_json()['id']}"
    assert client.patch(url, json={"phone": "1"}, headers=callers.officer.headers).status_code == 428
    etag = client.get(url, headers=callers.officer.headers).headers["ETag"]
    changed = client.patch(url, json={"phone": "08-123 45 67"},
                           headers={**callers.officer.headers, "If-Match": etag})
    assert changed.status_code == 200 and changed.get_json()["phone"] == "08-123 45 67"
    assert changed.headers["ETag"] != etag
    stale = client.patch(url, json={"phone": "2"}, headers={**callers.officer.headers, "If-Match": etag})
    assert stale.status_code == 412
    assert client.get(url, headers=callers.officer.headers).get_json()["phone"] == "08-123 45 67"


def test_a_contact_list_in_a_change_replaces_the_contacts(client, callers):
    organisation = create(client, callers.officer).get_json()
    url = f"/api/v1/organisations/{organisation['id']}"
    etag = client.get(url, headers=callers.officer.headers).headers["ETag"]
    lena = organisation["contacts"][0]
    changed = client.patch(url, headers={**callers.officer.headers, "If-Match": etag}, json={
        "contacts": [{"id": lena["id"], "name": "Lena Lind", "title": "Kassör"},
                     {"name": "Per Holm"}]}).get_json()
    assert [(c["name"], c["title"]) for c in changed["contacts"]] == [
        ("Lena Lind", "Kassör"), ("Per Holm", None)]
    assert changed["contacts"][0]["id"] == lena["id"]
    assert changed["name"] == LAXHJALPEN["name"]  # fields not sent are left alone


def test_a_change_to_a_number_taken_by_another_organisation_is_refused(client, callers):
    create(client, callers.officer)
    other = create(client, callers.officer, name="Stadsmissionen", org_number="802471-9653").get_json()
    url = f"/api/v1/organisations/{other['id']}"
    etag = client.get(url, headers=callers.officer.headers).headers["ETag"]
    response = client.patch(url, json={"org_number": "802456-1238"},
                            headers={**callers.officer.headers, "If-Match": etag})
    assert response.status_code == 409


@pytest.mark.parametrize("role", ["legal", "viewer"])
def test_lawyers_and_viewers_cannot_register_or_change_organisations(client, callers, role):
    caller = getattr(callers, role)
    response = client.post("/api/v1/organisations", json=LAXHJALPEN, headers=caller.headers)
    assert response.status_code == 403 and response.get_json()["code"] == 403
    organisation = create(client, callers.officer).get_json()
    url = f"/api/v1/organisations/{organisation['id']}"
    etag = client.get(url, headers=caller.headers).headers["ETag"]
    response = client.patch(url, json={"phone": "1"}, headers={**caller.headers, "If-Match": etag})
    assert response.status_code == 403


@pytest.mark.parametrize("value", ["a\x00b", "\ud800"])
def test_text_that_cannot_be_stored_is_refused_not_crashed_on(client, callers, value):
    response = client.post("/api/v1/organisations", headers={
        **callers.officer.headers, "Content-Type": "application/json"},
        data=json.dumps({**LAXHJALPEN, "name": value}))
    assert response.status_code == 422 and "name" in response.get_json()["errors"]
