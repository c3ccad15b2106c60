import json

import pytest

from tests.agreements.factories import clean_iop, draft, patch


def test_an_officer_drafts_an_iop_in_their_department(client, callers, organisation_id):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    assert agreement["kind"] == "iop" and agreement["template"] == "iop"
    assert agreement["department"] == "KFF" and agreement["organisations"] == [organisation_id]
    assert agreement["responsible_email"] == callers.officer.email
    assert agreement["resources"][0] == {"party": "municipality", "organisation_id": None, "type": "money",
                                         "description": "Bidrag till verksamheten", "amount_sek": 250000,
                                         "hours": None, "per": "year"}
    assert agreement["resources"][1]["organisation_id"] == organisation_id  # the only party, by default
    assert agreement["notice_deadline"] == "2028-06-30"
    assert agreement["warnings"] == []


def test_an_iop_draft_may_be_saved_incomplete(client, callers):
    agreement = draft(client, callers.officer, {"template": "iop", "title": "Idé om ett partnerskap"})
    assert agreement["status"] == "draft" and agreement["organisations"] == []


@pytest.mark.parametrize("changes, field", [
    ({"end_date": "2026-12-31", "start_date": "2027-01-01"}, "end_date"),
    ({"organisations": [9999]}, "organisations"),
    ({"department": "NOPE"}, "department"),
    ({"template": "okand"}, "template"),
    ({"kind": "annual"}, "kind"),
    ({"resources": [{"party": "municipality", "type": "money", "amount_sek": -1}]}, "resources"),
    ({"resources": [{"party": "municipality", "type": "money", "amount_sek": "100"}]}, "resources"),
    ({"notice_period_months": 1.5}, "notice_period_months"),
    ({"status": "active"}, "status"),
    ({"revision": 7}, "revision"),
])
def test_bad_input_gets_422_naming_the_field(client, callers, organisation_id, changes, field):
    response = client.post("/api/v1/agreements", json=clean_iop(organisation_id, **changes),
                           headers=callers.officer.headers)
    assert response.status_code == 422, response.get_json()
    assert field in response.get_json()["errors"]


def test_an_officer_cannot_draft_for_another_department(client, callers, organisation_id):
    response = client.post("/api/v1/agreements", json=clean_iop(organisation_id, department="SOC"),
                           headers=callers.officer.headers)
    assert response.status_code == 403


@pytest.mark.parametrize("role", ["legal", "viewer"])
def test_lawyers_and_viewers_cannot_draft(client, callers, organisation_id, role):
    caller = getattr(callers, role)
    response = client.post("/api/v1/agreements", json=clean_iop(organisation_id, department="KFF"),
                           headers=caller.headers)
    assert response.status_code == 403


def test_an_admin_drafts_for_any_department(client, callers, organisation_id):
    agreement = draft(client, callers.admin, clean_iop(organisation_id, department="soc"))
    assert agreement["department"] == "SOC"


def test_a_case_number_belongs_to_one_agreement(client, callers, organisation_id):
    draft(client, callers.officer, clean_iop(organisation_id))
    response = client.post("/api/v1/agreements", json=clean_iop(organisation_id),
                           headers=callers.officer.headers)
    assert response.status_code == 409 and "case_number" in response.get_json()["errors"]


def test_every_saved_change_is_a_new_revision_and_an_unchanged_save_is_not(
        client, callers, organisation_id):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    url = f"/api/v1/agreements/{agreement['id']}"
    assert patch(client, callers.officer, agreement["id"], {"title": "Ny titel"}).get_json()["revision"] == 2
    assert patch(client, callers.officer, agreement["id"], {"title": "Ny titel"}).get_json()["revision"] == 2
    changed = patch(client, callers.officer, agreement["id"], {"milestones": []}).get_json()
    assert changed["revision"] == 3 and changed["milestones"] == []
    assert changed["title"] == "Ny titel"
    revisions = client.get(f"{url}/revisions", headers=callers.viewer.headers).get_json()
    assert [r["number"] for r in revisions] == [1, 2, 3]


def test_a_change_needs_if_match_and_a_stale_one_is_refused(client, callers, organisation_id):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    url = f"/api/v1/agreements/{agreement['id']}"
    assert client.patch(url, json={"title": "x"}, headers=callers.officer.headers).status_code == 428
    etag = client.get(url, headers=callers.officer.headers).headers["ETag"]
    assert client.patch(url, json={"title": "Först"}, headers={**callers.officer.headers,
                                                                 "If-Match": etag}).status_code == 200
    stale = client.patch(url, json={"title": "Sen"}, headers={**callers.officer.headers, "If-Match": etag})
    assert stale.status_code == 412
    assert client.get(url, headers=callers.officer.headers).get_json()["title"] == "Först"


def test_a_change_with_half_a_resource_or_milestone_is_422_not_a_crash(client, callers, organisation_id):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    response = patch(client, callers.officer, agreement["id"], {
        "resources": [{"type": "money"}], "milestones": [{"title": "Start"}]})
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert "party" in errors["resources"]["0"] and "date" in errors["milestones"]["0"]
    assert client.get(f"/api/v1/agreements/{agreement['id']}", headers=callers.officer.headers
                      ).get_json()["revision"] == 1


def test_an_officer_of_another_department_cannot_change_a_draft(client, callers, organisation_id):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    assert patch(client, callers.officer_soc, agreement["id"], {"title": "x"}).status_code == 403


def test_the_list_filters_and_pages(client, callers, organisation_id):
    first = draft(client, callers.officer,
                  clean_iop(organisation_id, case_number="A 1", end_date="2027-06-30"))
    second = draft(client, callers.officer, clean_iop(organisation_id, case_number="A 2"))
    third = draft(client, callers.admin, clean_iop(organisation_id, case_number="A 3", department="SOC",
                                                    template="annual", challenge=None))
    get = lambda q: [a["id"] for a in client.get(  # noqa: E731
        f"/api/v1/agreements?{q}", headers=callers.viewer.headers).get_json()]
    assert get("") == [third["id"], second["id"], first["id"]]
    assert get("department=SOC") == [third["id"]]
    assert get("kind=annual") == [third["id"]]
    assert get("ends_before=2028-01-01") == [first["id"]]
    assert get(f"organisation_id={organisation_id}&status=draft&per_page=2") == [third["id"], second["id"]]
    assert get("q=a%202") == [second["id"]]
    paging = client.get("/api/v1/agreements?per_page=2&page=2", headers=callers.viewer.headers)
    assert json.loads(paging.headers["X-Pagination"])["total"] == 3
    assert client.get("/api/v1/agreements?status=signed", headers=callers.viewer.headers).status_code == 422


def test_the_list_answers_a_summary_and_get_one_the_whole_agreement(client, callers, organisation_id):
    created = draft(client, callers.officer,
                    clean_iop(organisation_id, case_number="S 1", end_date="2027-06-30"))
    [row] = client.get("/api/v1/agreements", headers=callers.viewer.headers).get_json()
    assert set(row) == {"id", "kind", "title", "case_number", "department", "organisations",
                        "organisation_names", "status", "start_date", "end_date", "notice_deadline",
                        "revision", "updated_at"}
    assert row["organisations"] == [organisation_id] and len(row["organisation_names"]) == 1
    assert {key: created[key] for key in row if key != "organisation_names"} == \
        {key: value for key, value in row.items() if key != "organisation_names"}
    whole = client.get(f"/api/v1/agreements/{created['id']}", headers=callers.viewer.headers).get_json()
    assert "resources" in whole and "warnings" in whole and "signatories" in whole


def test_an_unknown_agreement_is_404(client, callers):
    assert client.get("/api/v1/agreements/4711", headers=callers.viewer.headers).status_code == 404
    assert client.get("/api/v1/agreements/4711/document", headers=callers.viewer.headers).status_code == 404


def test_the_responsible_officer_must_be_an_active_user_of_the_service(client, callers, organisation_id):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    outside = patch(client, callers.officer, agreement["id"], {"responsible_email": "någon@gmail.example"})
    assert outside.status_code == 422
    assert outside.get_json()["errors"]["responsible_email"] == [
        "någon@gmail.example är inte en aktiv användare av tjänsten. Ange e-postadressen till en "
        "handläggare som har ett konto."]
    colleague = patch(client, callers.officer, agreement["id"], {"responsible_email": "Insyn@Kommun.test"})
    assert colleague.status_code == 200 and colleague.get_json()["responsible_email"] == "insyn@kommun.test"
    created = client.post("/api/v1/agreements", headers=callers.officer.headers,
                          json={**clean_iop(organisation_id, case_number="KFN 2026/0999"),
                                "responsible_email": "extern@example.org"})
    assert created.status_code == 422 and "responsible_email" in created.get_json()["errors"]
