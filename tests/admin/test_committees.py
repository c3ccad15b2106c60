"""The committees admins keep: the list with its departments, adding one (a name that means a
known committee is refused, naming it) and renaming one, with a stale rename shown as on every
other form."""

import re

import pytest

from tests.admin.test_views import committee_choices, post
from tests.organisations.test_views import field_error
from tests.web import sign_in, table_rows, text_of


@pytest.fixture
def admin(client, app, departments):
    return sign_in(client, app, "admin")


def committee_path(client, name: str) -> str:
    html = client.get("/admin/namnder").get_data(as_text=True)
    return re.search(rf'<a href="(/admin/namnder/\d+/andra)">{re.escape(name)}</a>', html).group(1)


def opened_version(client, path: str) -> str:
    return re.search(r'name="version" value="(\d+)"', client.get(path).get_data(as_text=True)).group(1)


def listed(client) -> list[list[str]]:
    return table_rows(client.get("/admin/namnder").get_data(as_text=True), "Alla nämnder")


def test_the_list_shows_each_committee_with_its_number_of_departments(client, admin, callers):
    client.post("/api/v1/departments", headers=callers.admin.headers, json={
        "code": "FRI", "name": "Fritidsförvaltningen", "committee": "kultur- och  fritidsnämnden"})
    html = client.get("/admin/namnder").get_data(as_text=True)
    assert table_rows(html, "Alla nämnder") == [
        ["Kommunstyrelsen", "1"], ["Kultur- och fritidsnämnden", "2"], ["Socialnämnden", "1"]]
    assert "/admin/namnder" in client.get("/admin").get_data(as_text=True)
    assert "3 nämnder" in text_of(client.get("/admin").get_data(as_text=True))
    assert "/admin/namnder" in client.get("/admin/forvaltningar").get_data(as_text=True)


def test_an_added_committee_is_offered_on_the_department_form(client, admin):
    response = post(client, "/admin/namnder/ny", {"name": "  Äldre-   och omsorgsnämnden "})
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/namnder")
    listed = client.get("/admin/namnder").get_data(as_text=True)
    assert "Äldre- och omsorgsnämnden är tillagd." in listed
    assert ["Äldre- och omsorgsnämnden", "0"] in table_rows(listed, "Alla nämnder")
    assert "Äldre- och omsorgsnämnden" in committee_choices(client)


@pytest.mark.parametrize("typed", ["kultur- och fritidsnämnden", "  KULTUR-  och Fritidsnämnden "])
def test_a_name_that_means_a_known_committee_is_refused_naming_its_spelling(client, admin, typed):
    response = post(client, "/admin/namnder/ny", {"name": typed})
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert field_error(html, "name") == (
        "Nämnden finns redan, stavad »Kultur- och fritidsnämnden«. Stora och små bokstäver och mellanslag "
        "räknas inte som skillnad.")
    assert f'value="{typed}"' in html  # what was typed stays, as typed
    assert [row[0] for row in listed(client)] == [
        "Kommunstyrelsen", "Kultur- och fritidsnämnden", "Socialnämnden"]


def test_an_empty_name_is_refused_beside_the_field(client, admin):
    response = post(client, "/admin/namnder/ny", {"name": "   "})
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), "name") == "Ange nämndens namn."


def test_a_renamed_committee_keeps_its_departments_and_the_api_matches_the_new_name(client, admin, callers):
    path = committee_path(client, "Socialnämnden")
    html = client.get(path).get_data(as_text=True)
    assert "Socialförvaltningen (SOC)" in html  # its departments, each a link to edit
    response = post(client, path, {"name": "Social- och omsorgsnämnden",
                                   "version": opened_version(client, path)})
    assert response.status_code == 302
    assert "Nämnden heter nu Social- och omsorgsnämnden." in text_of(client.get("/admin/namnder").get_data(
        as_text=True))
    soc = client.get("/api/v1/departments/SOC", headers=callers.viewer.headers).get_json()
    assert soc["committee"] == "Social- och omsorgsnämnden"
    joined = client.post("/api/v1/departments", headers=callers.admin.headers, json={
        "code": "OMS", "name": "Omsorgsförvaltningen", "committee": "social- och omsorgsnämnden"})
    assert joined.get_json()["committee"] == "Social- och omsorgsnämnden"
    # Only the case or spacing changed: the same committee, spelled anew.
    assert post(client, path, {"name": "Social- och Omsorgsnämnden",
                               "version": opened_version(client, path)}).status_code == 302
    taken = post(client, path, {"name": "kommunstyrelsen", "version": opened_version(client, path)})
    assert taken.status_code == 409
    assert "stavad »Kommunstyrelsen«" in field_error(taken.get_data(as_text=True), "name")
    assert client.get("/admin/namnder/424242/andra").status_code == 404


def test_a_stale_rename_is_409_with_the_other_save_shown_and_the_typed_name_kept(client, admin):
    path = committee_path(client, "Socialnämnden")
    opened = opened_version(client, path)
    assert post(client, path, {"name": "Socialnämnden i Sjöstad", "version": opened}).status_code == 302
    stale = post(client, path, {"name": "Social- och omsorgsnämnden", "version": opened})
    html = stale.get_data(as_text=True)
    assert stale.status_code == 409 and "Någon annan har ändrat uppgifterna sedan du öppnade sidan." in html
    assert table_rows(html, "Skillnader mellan det som är sparat nu och ditt formulär") == [
        ["Namn", "Socialnämnden i Sjöstad", "Social- och omsorgsnämnden"]]
    assert 'value="Social- och omsorgsnämnden"' in html  # what was typed stays
    moved_on = re.search(r'name="version" value="(\d+)"', html).group(1)
    assert moved_on != opened and ">Ladda om</a>" in html
    assert post(client, path, {"name": "Social- och omsorgsnämnden", "version": moved_on}).status_code == 302
    assert ["Social- och omsorgsnämnden", "1"] in listed(client)
