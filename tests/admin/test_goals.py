"""The admin keeps the municipal goals on pages: the list, adding, editing (no silent overwrite)
and removing one, which is refused while agreements are tagged with it."""

from __future__ import annotations

import re

import pytest

from tests.admin.test_views import post
from tests.agreements.factories import signed_agreement
from tests.organisations.test_views import field_error
from tests.web import sign_in, table_rows, text_of


@pytest.fixture
def admin(client, app, departments):
    return sign_in(client, app, "admin")


def add(client, **fields) -> int:
    """Add a goal through the form; its id, from its link in the list (which says it was added)."""
    response = post(client, "/admin/mal/nytt", fields)
    assert response.status_code == 302, response.get_data(as_text=True)
    listed = client.get(response.headers["Location"]).get_data(as_text=True)
    name = " ".join(fields["name"].split())
    assert f"Målet {name} är tillagt." in listed
    return int(re.search(rf'href="/admin/mal/(\d+)/andra">{re.escape(name)}</a>', listed).group(1))


def version(client, goal_id: int) -> str:
    html = client.get(f"/admin/mal/{goal_id}/andra").get_data(as_text=True)
    return re.search(r'name="version" value="(\d+)"', html).group(1)


def test_an_admin_adds_goals_and_the_list_shows_them_in_the_plans_order(client, admin):
    add(client, number="4", name="En trygg och inkluderande kommun", description="Alla ska känna sig trygga.")
    add(client, number="1", name="Barn och unga lyckas i skolan", description="")
    add(client, number="", name="Ett rikt  kultur- och föreningsliv")
    html = client.get("/admin/mal").get_data(as_text=True)  # spaces collapsed; goals without a number last
    assert table_rows(html, "Alla kommunala mål") == [
        ["1", "Barn och unga lyckas i skolan", "", "0 överenskommelser",
         "Ta bort Barn och unga lyckas i skolan"],
        ["4", "En trygg och inkluderande kommun", "Alla ska känna sig trygga.", "0 överenskommelser",
         "Ta bort En trygg och inkluderande kommun"],
        ["–", "Ett rikt kultur- och föreningsliv", "", "0 överenskommelser",
         "Ta bort Ett rikt kultur- och föreningsliv"]]
    assert "3 mål" in text_of(client.get("/admin").get_data(as_text=True))


def test_bad_or_taken_input_is_shown_beside_its_field(client, admin):
    add(client, number="1", name="Barn och unga lyckas i skolan")
    taken = post(client, "/admin/mal/nytt", {"number": "2", "name": "barn och unga lyckas i skolan"})
    assert taken.status_code == 409
    assert field_error(taken.get_data(as_text=True), "name") == "Det finns redan ett mål med det namnet."
    empty = post(client, "/admin/mal/nytt", {"number": "", "name": " "})
    assert empty.status_code == 422
    assert field_error(empty.get_data(as_text=True), "name") == "Ange målets namn."
    for number, message in (("tre", "Ange ett heltal."), ("1000", "Måste vara minst 1 och högst 999.")):
        refused = post(client, "/admin/mal/nytt", {"number": number, "name": "Nytt mål"})
        html = refused.get_data(as_text=True)
        assert refused.status_code == 422 and field_error(html, "number") == message
        assert f'value="{number}"' in html  # what was typed stays


def test_an_admin_edits_a_goal_and_a_stale_save_shows_the_other_save(client, admin):
    goal = add(client, number="4", name="Trygghet", description="")
    path = f"/admin/mal/{goal}/andra"
    opened = version(client, goal)
    form = {"number": "4", "name": "En trygg kommun", "version": opened}
    assert post(client, path, {**form, "description": "Den andra administratörens text."}).status_code == 302
    stale = post(client, path, {**form, "description": "Min text."})
    html = stale.get_data(as_text=True)
    assert stale.status_code == 409 and "Någon annan har ändrat uppgifterna" in html
    assert "Den andra administratörens text." in html and ">Min text.</textarea>" in html
    moved_on = re.search(r'name="version" value="(\d+)"', html).group(1)
    assert moved_on != opened
    assert post(client, path, {**form, "description": "Min text.", "version": moved_on}).status_code == 302
    rows = table_rows(client.get("/admin/mal").get_data(as_text=True), "Alla kommunala mål")
    assert rows[0][:3] == ["4", "En trygg kommun", "Min text."]
    emptied = post(client, path, {"number": "", "name": "En trygg kommun", "description": "",
                                  "version": version(client, goal)})
    assert emptied.status_code == 302
    assert table_rows(client.get("/admin/mal").get_data(as_text=True), "Alla kommunala mål")[0][:3] == \
        ["–", "En trygg kommun", ""]
    assert client.get("/admin/mal/999/andra").status_code == 404


def test_a_goal_agreements_use_cannot_be_removed_and_an_unused_one_can(client, app, callers, admin,
                                                                       organisation_id):
    used = add(client, number="1", name="Barn och unga lyckas i skolan")
    unused = add(client, number="2", name="Ett mål som inte blev av")
    agreement = signed_agreement(client, callers, organisation_id)
    assert client.put(f"/api/v1/agreements/{agreement['id']}/goals", headers=callers.officer.headers,
                      json={"goal_ids": [used]}).status_code == 200
    listed = client.get("/admin/mal").get_data(as_text=True)
    assert table_rows(listed, "Alla kommunala mål")[0][3:] == ["1 överenskommelse", "Används"]
    assert f'action="/admin/mal/{used}/ta-bort"' not in listed
    refused = post(client, f"/admin/mal/{used}/ta-bort", {}, "/admin/mal")
    html = refused.get_data(as_text=True)
    assert refused.status_code == 409 and "Målet är inte borttaget" in html
    assert ("Målet Barn och unga lyckas i skolan kan inte tas bort: 1 överenskommelse är kopplad till det."
            in text_of(html))
    removed = post(client, f"/admin/mal/{unused}/ta-bort", {}, "/admin/mal")
    assert removed.status_code == 302
    html = client.get("/admin/mal").get_data(as_text=True)
    assert "Målet Ett mål som inte blev av är borttaget." in html
    assert [row[1] for row in table_rows(html, "Alla kommunala mål")] == ["Barn och unga lyckas i skolan"]
    events = client.get(f"/api/v1/audit?entity=municipal_goal&entity_id={unused}",
                        headers=callers.admin.headers).get_json()
    assert [e["action"] for e in events] == ["delete", "create"]
