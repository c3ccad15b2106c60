"""A contact person's data on request (GDPR): exported whole, and erased everywhere but the fact."""

import json

import pytest

ORG = {"name": "Läxhjälpen i Sjöstad", "org_number": "802456-1238", "legal_form": "ideell_forening",
       "contacts": [{"name": "Lena Lind", "title": "Ordförande", "email": "lena@laxhjalpen.example",
                     "phone": "070-111 22 33"},
                    {"name": "Per Holm", "email": "per@laxhjalpen.example"}]}


@pytest.fixture
def organisation(client, callers):
    created = client.post("/api/v1/organisations", json=ORG, headers=callers.officer.headers)
    body = created.get_json()
    lena = body["contacts"][0]
    changed = client.patch(f"/api/v1/organisations/{body['id']}", headers={
        **callers.officer.headers, "If-Match": created.headers["ETag"]}, json={"contacts": [
            {**{k: lena[k] for k in ("id", "name", "email", "phone")}, "title": "Kassör"},
            {"id": body["contacts"][1]["id"], "name": "Per Holm", "email": "per@laxhjalpen.example"}]})
    assert changed.status_code == 200
    return changed.get_json()


def url(organisation, contact, what):
    return f"/api/v1/organisations/{organisation['id']}/contacts/{contact['id']}/{what}"


def audit_text(client, callers, organisation) -> str:
    events = client.get(f"/api/v1/audit?entity=organisation&entity_id={organisation['id']}&per_page=100",
                        headers=callers.admin.headers).get_json()
    return json.dumps(events, ensure_ascii=False)


def test_an_export_holds_the_person_and_every_change_to_them(client, callers, organisation):
    lena = organisation["contacts"][0]
    export = client.get(url(organisation, lena, "export"), headers=callers.admin.headers).get_json()
    assert export["contact"]["email"] == "lena@laxhjalpen.example"
    assert export["organisation"]["org_number"] == "802456-1238"
    titles = [e["changes"].get("contact.title") for e in export["history"]]
    assert titles == [[None, "Ordförande"], ["Ordförande", "Kassör"]]
    assert "per@laxhjalpen.example" not in json.dumps(export)  # only this person


def test_an_export_is_itself_in_the_audit_log(client, callers, organisation):
    client.get(url(organisation, organisation["contacts"][0], "export"), headers=callers.admin.headers)
    events = client.get("/api/v1/audit?action=contact_export", headers=callers.admin.headers).get_json()
    assert [e["actor"] for e in events] == ["admin@kommun.test"]


def test_erasure_removes_the_person_and_scrubs_them_from_the_audit_log(client, callers, organisation):
    lena = organisation["contacts"][0]
    assert "lena@laxhjalpen.example" in audit_text(client, callers, organisation)

    erased = client.post(url(organisation, lena, "erasure"), headers=callers.admin.headers)
    assert erased.status_code == 200
    assert erased.get_json()["name"] == "(raderad)" and erased.get_json()["erased_at"]

    listed = client.get(f"/api/v1/organisations/{organisation['id']}", headers=callers.viewer.headers)
    assert [c["name"] for c in listed.get_json()["contacts"]] == ["Per Holm"]
    text = audit_text(client, callers, organisation)
    for personal in ("Lena Lind", "lena@laxhjalpen.example", "070-111 22 33", "Ordförande", "Kassör"):
        assert personal not in text
    assert "per@laxhjalpen.example" in text  # the other person is untouched


def test_the_fact_of_the_erasure_and_the_earlier_events_stay(client, callers, organisation):
    lena = organisation["contacts"][0]
    before = client.get(f"/api/v1/audit?entity=organisation&entity_id={organisation['id']}",
                        headers=callers.admin.headers).get_json()
    client.post(url(organisation, lena, "erasure"), headers=callers.admin.headers)
    after = client.get(f"/api/v1/audit?entity=organisation&entity_id={organisation['id']}",
                       headers=callers.admin.headers).get_json()
    assert [e["id"] for e in after[1:]] == [e["id"] for e in before]
    erasure = after[0]
    assert erasure["action"] == "contact_erase" and erasure["actor"] == "admin@kommun.test"
    assert erasure["changes"]["contact.name"] == ["[raderad]", "[raderad]"]
    created = next(e for e in after if e["action"] == "contact_create"
                   and e["changes"]["contact.id"][1] == lena["id"])
    assert created["changes"]["contact.email"] == [None, "[raderad]"]


def test_the_organisation_stays_as_it_was(client, callers, organisation):
    client.post(url(organisation, organisation["contacts"][0], "erasure"), headers=callers.admin.headers)
    again = client.get(f"/api/v1/organisations/{organisation['id']}",
                       headers=callers.viewer.headers).get_json()
    assert {k: again[k] for k in ("name", "org_number", "legal_form")} == {
        k: organisation[k] for k in ("name", "org_number", "legal_form")}


def test_a_copy_of_the_contact_list_from_before_the_erasure_cannot_bring_the_person_back(
        client, callers, organisation):
    lena = organisation["contacts"][0]
    stale = client.get(f"/api/v1/organisations/{organisation['id']}", headers=callers.officer.headers)
    client.post(url(organisation, lena, "erasure"), headers=callers.admin.headers)
    response = client.patch(f"/api/v1/organisations/{organisation['id']}", json={
        "contacts": stale.get_json()["contacts"]}, headers={**callers.officer.headers,
                                                            "If-Match": stale.headers["ETag"]})
    assert response.status_code == 412


def test_a_new_contact_list_keeps_the_tombstone_and_erasing_twice_changes_nothing(
        client, callers, organisation):
    lena = organisation["contacts"][0]
    client.post(url(organisation, lena, "erasure"), headers=callers.admin.headers)
    current = client.get(f"/api/v1/organisations/{organisation['id']}", headers=callers.officer.headers)
    client.patch(f"/api/v1/organisations/{organisation['id']}", json={"contacts": []},
                 headers={**callers.officer.headers, "If-Match": current.headers["ETag"]})
    tombstone = client.get(url(organisation, lena, "export"), headers=callers.admin.headers).get_json()
    assert tombstone["contact"]["erased_at"] and tombstone["contact"]["email"] is None
    again = client.post(url(organisation, lena, "erasure"), headers=callers.admin.headers)
    assert again.status_code == 200 and again.get_json()["erased_at"] == tombstone["contact"]["erased_at"]


def test_a_contact_of_another_organisation_is_not_found_through_this_one(client, callers, organisation):
    other = client.post("/api/v1/organisations", headers=callers.officer.headers, json={
        "name": "Stadsmissionen", "org_number": "802471-9653", "legal_form": "stiftelse"}).get_json()
    response = client.post(url(other, organisation["contacts"][0], "erasure"), headers=callers.admin.headers)
    assert response.status_code == 404
