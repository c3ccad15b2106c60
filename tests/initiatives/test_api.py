"""The initiative resource: changes with If-Match, a message per bad field, filters and paging."""

import json

import pytest

from tests.initiatives.conftest import SPONTANIDROTT


def test_a_change_needs_the_etag_of_the_last_read(initiatives, callers):
    created = initiatives.create(callers.officer)
    url = f"/api/v1/initiatives/{created['id']}"
    client = initiatives.client
    assert client.patch(url, json={"title": "x"}, headers=callers.officer.headers).status_code == 428
    etag = client.get(url, headers=callers.officer.headers).headers["ETag"]
    changed = client.patch(url, json={"title": "Spontanidrott på fredagar"},
                           headers={**callers.officer.headers, "If-Match": etag})
    assert changed.status_code == 200 and changed.get_json()["title"] == "Spontanidrott på fredagar"
    assert changed.headers["ETag"] != etag
    stale = client.patch(url, json={"title": "y"}, headers={**callers.officer.headers, "If-Match": etag})
    assert stale.status_code == 412
    assert client.get(url, headers=callers.viewer.headers).get_json()["title"] == "Spontanidrott på fredagar"


def test_a_step_changes_the_etag(initiatives, callers):
    created = initiatives.create(callers.officer)
    before = initiatives.get(callers.officer, created["id"]).headers["ETag"]
    moved = initiatives.step(callers.officer, created["id"], "to_network")
    assert moved.headers["ETag"] != before == f'"initiative-{created["id"]}-v1"'


def test_every_bad_field_is_named_at_once(initiatives, callers):
    body = initiatives.create(callers.officer, expect=422, title="", description=None,
                              organisation_id=1.5, contact_email="inte-en-adress",
                              received_on="2026-02-30", departments="KFF", municipal_matter="ja",
                              status="closed")
    assert body["code"] == 422 and body["message"]
    assert {"title", "description", "organisation_id", "contact_email", "received_on", "departments",
            "municipal_matter", "status"} <= set(body["errors"])


@pytest.mark.parametrize("value", [1, "true", "oklart"])
def test_the_municipal_matter_is_true_false_or_null_and_nothing_else(initiatives, callers, value):
    body = initiatives.create(callers.officer, expect=422, municipal_matter=value)
    assert list(body["errors"]) == ["municipal_matter", "json"]


def test_an_unknown_organisation_is_422(initiatives, callers):
    body = initiatives.create(callers.officer, expect=422, organisation_id=99)
    assert body["errors"] == {"organisation_id": ["Organisationen 99 finns inte."]}


def test_a_patch_refuses_bad_values_field_by_field(initiatives, callers):
    created = initiatives.create(callers.officer)
    response = initiatives.patch(callers.officer, created["id"], title=None, received_on=None,
                                 departments=["NOPE"])
    assert response.status_code == 422
    assert {"title", "received_on"} <= set(response.get_json()["errors"])
    unknown = initiatives.patch(callers.officer, created["id"], departments=["NOPE"])
    assert unknown.status_code == 422 and unknown.get_json()["errors"] == {
        "departments": ["Förvaltningen NOPE finns inte."]}


def test_an_organisation_can_be_linked_and_is_named_in_the_answer(initiatives, callers, organisation):
    created = initiatives.create(callers.officer)
    body = initiatives.patch(callers.officer, created["id"], organisation_id=organisation["id"]).get_json()
    assert body["organisation_id"] == organisation["id"] and body["organisation_name"] == "IFK Sjöstad"


@pytest.mark.parametrize("value", ["a\x00b", "\ud800"])
def test_text_that_cannot_be_stored_is_refused_not_crashed_on(initiatives, callers, value):
    response = initiatives.client.post(
        "/api/v1/initiatives", data=json.dumps({**SPONTANIDROTT, "description": value}),
        headers={**callers.officer.headers, "Content-Type": "application/json"})
    assert response.status_code == 422 and "description" in response.get_json()["errors"]


def test_an_unknown_initiative_is_404(initiatives, callers):
    assert initiatives.get(callers.viewer, 999).status_code == 404
    assert initiatives.step(callers.coordinator, 999, "to_network").status_code == 404
    assert initiatives.note(callers.coordinator, 999, "Hej").status_code == 404


def test_the_list_is_paged_newest_received_first(initiatives, callers):
    for day in range(2, 14):
        initiatives.create(callers.officer, title=f"Initiativ {day:02d}", received_on=f"2026-03-{day:02d}")
    response = initiatives.list(callers.viewer, "page=2&per_page=5")
    assert [i["title"] for i in response.get_json()] == [f"Initiativ {d:02d}" for d in range(8, 3, -1)]
    assert json.loads(response.headers["X-Pagination"])["total"] == 12


def test_the_list_filters(initiatives, callers, organisation):
    kff = initiatives.create(callers.officer, title="Fredagshallen", received_on="2026-02-20",
                             organisation_id=organisation["id"])
    cross = initiatives.create(callers.officer, title="Läxhjälp", description="Läxhjälp i skolan",
                               departments=["SOC", "KFF"], received_on="2026-03-10")
    soc = initiatives.create(callers.officer_soc, title="Stödlinje", departments=["SOC"],
                             contact_name="Sofia Ahmed", received_on="2026-03-12")
    initiatives.step(callers.coordinator, cross["id"], "assign", department="KLF")

    def ids(query):
        response = initiatives.list(callers.viewer, query)
        assert response.status_code == 200, response.get_json()
        return [i["id"] for i in response.get_json()]

    assert ids("department=KFF") == [cross["id"], kff["id"]]
    assert ids("department=klf") == [cross["id"]]
    assert ids("status=assigned") == [cross["id"]]
    assert ids(f"organisation_id={organisation['id']}") == [kff["id"]]
    assert ids("q=ifk sjöstad") == [kff["id"]]
    assert ids("q=SOFIA") == [soc["id"]]
    assert ids("q=skolan") == [cross["id"]]
    assert ids("q=%25") == []
    assert ids("received_from=2026-03-10&received_to=2026-03-11") == [cross["id"]]
    assert ids("overdue=true") == [kff["id"]]
    assert ids("flagged=false") == [soc["id"], cross["id"], kff["id"]]
    assert ids("flagged=true") == []


@pytest.mark.parametrize("query", ["status=open", "page=0", "per_page=101", "received_from=igår",
                                   "flagged=kanske", "sort=random", "organisation_id=0"])
def test_bad_filters_or_paging_are_422_not_500(initiatives, callers, query):
    response = initiatives.list(callers.viewer, query)
    assert response.status_code == 422 and response.get_json()["errors"]


def test_the_api_is_described_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert {"/api/v1/initiatives", "/api/v1/initiatives/{initiative_id}",
            "/api/v1/initiatives/{initiative_id}/transitions", "/api/v1/initiatives/{initiative_id}/notes",
            "/api/v1/organisations/{organisation_id}/history"} <= set(paths)
