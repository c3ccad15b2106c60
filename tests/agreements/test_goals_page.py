"""Municipal goals and the statement on gender equality on the agreement's page: its officers tag it
and write the statement in a small form, a stale save keeps what was typed, readers see both."""

from __future__ import annotations

import re

import pytest

from tests.agreements.factories import signed_agreement
from tests.agreements.test_views import html_of, post
from tests.web import sign_in, text_of


@pytest.fixture
def municipal_goals(client, callers, departments) -> dict[str, int]:
    made = {}
    for number, name in ((1, "Barn och unga lyckas i skolan"), (4, "En trygg och inkluderande kommun"),
                         (None, "Ett rikt kultur- och föreningsliv")):
        response = client.post("/api/v1/municipal-goals", headers=callers.admin.headers,
                               json={"name": name, "number": number})
        assert response.status_code == 201, response.get_json()
        made[name] = response.get_json()["id"]
    return made


@pytest.fixture
def active(client, callers, organisation_id) -> dict:
    return signed_agreement(client, callers, organisation_id)


def goals_section(html: str) -> str:
    """The text of the page's section on goals and gender equality, form left out."""
    section = re.search(r'<h2 id="mal">(.*?)(?:<details|<h2 )', html, re.S).group(1)
    return text_of(section)


def version_of(html: str) -> str:
    form = re.search(r'action="/overenskommelser/\d+/mal".*?</form>', html, re.S).group(0)
    return re.search(r'name="version" value="(\d+)"', form).group(1)


def test_an_officer_tags_the_agreement_and_a_reader_sees_the_goals_and_the_statement(
        client, app, callers, municipal_goals, active):
    sign_in(client, app, "officer")
    page = f"/overenskommelser/{active['id']}"
    html = html_of(client.get(page))
    assert "Inte kopplad till något mål" in goals_section(html) and "Inte beskrivet" in goals_section(html)
    assert "1. Barn och unga lyckas i skolan" in html  # a choice, with the goal's number
    response = post(client, f"{page}/mal", {
        "goal_ids": [str(municipal_goals["En trygg och inkluderande kommun"]),
                     str(municipal_goals["Barn och unga lyckas i skolan"])],
        "gender_equality": "Läxhjälpen når lika många flickor som pojkar; mentorerna är kvinnor och män.",
        "version": version_of(html)}, page)
    assert response.status_code == 302 and response.headers["Location"].endswith("#mal")

    sign_in(client, app, "viewer")
    html = html_of(client.get(page))
    shown = goals_section(html)
    assert "1. Barn och unga lyckas i skolan 4. En trygg och inkluderande kommun" in shown  # the plan's order
    assert "Läxhjälpen når lika många flickor som pojkar" in shown
    assert 'action="/overenskommelser/' + str(active["id"]) + '/mal"' not in html  # no form for a reader
    tags = client.get(f"/api/v1/agreements/{active['id']}/goals", headers=callers.viewer.headers).get_json()
    assert sorted(tags["goal_ids"]) == sorted([municipal_goals["En trygg och inkluderande kommun"],
                                               municipal_goals["Barn och unga lyckas i skolan"]])
    history = text_of(html.split('id="historik"', 1)[1])
    assert "Kommunala mål eller jämställdhet ändrades" in history and "Kommunala mål" in history


def test_a_stale_save_of_the_goals_is_a_409_that_keeps_what_was_typed(client, app, callers, municipal_goals,
                                                                     active):
    sign_in(client, app, "officer")
    page = f"/overenskommelser/{active['id']}"
    opened = version_of(html_of(client.get(page)))
    culture, safety = municipal_goals["Ett rikt kultur- och föreningsliv"], municipal_goals[
        "En trygg och inkluderande kommun"]
    # Another officer tags it with the safety goal first, through the API.
    assert client.put(f"/api/v1/agreements/{active['id']}/goals", headers=callers.officer.headers,
                      json={"goal_ids": [safety]}).status_code == 200
    stale = post(client, f"{page}/mal", {"goal_ids": [str(culture)], "gender_equality": "Mitt utkast.",
                                         "version": opened}, page)
    html = html_of(stale)
    assert stale.status_code == 409 and "Någon annan har ändrat uppgifterna" in html
    assert "<details" in html and re.search(r"<details[^>]*\bopen", html)  # the form is open again
    assert re.search(rf'name="goal_ids"\s+value="{culture}" checked', html)  # my choice kept
    assert ">Mitt utkast.</textarea>" in html
    differences = re.search(r'<caption class="table__caption">Skillnader.*?</table>', html, re.S).group(0)
    differences = text_of(differences)
    assert "4. En trygg och inkluderande kommun Ett rikt kultur- och föreningsliv" in differences
    tags = client.get(f"/api/v1/agreements/{active['id']}/goals", headers=callers.officer.headers).get_json()
    assert tags == {"agreement_id": active["id"], "goal_ids": [safety], "gender_equality": None}
    # Saving again (the page now carries the version seen) overwrites on purpose.
    again = post(client, f"{page}/mal", {"goal_ids": [str(culture)], "gender_equality": "Mitt utkast.",
                                         "version": version_of(html)}, page)
    assert again.status_code == 302
    tags = client.get(f"/api/v1/agreements/{active['id']}/goals", headers=callers.officer.headers).get_json()
    assert (tags["goal_ids"], tags["gender_equality"]) == ([culture], "Mitt utkast.")


def test_a_goal_unknown_or_too_long_a_statement_is_refused_beside_its_field(client, app, municipal_goals,
                                                                            active):
    sign_in(client, app, "officer")
    page = f"/overenskommelser/{active['id']}"
    version = version_of(html_of(client.get(page)))
    refused = post(client, f"{page}/mal", {"goal_ids": [], "gender_equality": "x" * 5001, "version": version},
                   page)
    html = html_of(refused)
    assert refused.status_code == 422
    assert re.search(r'<p class="field__error" id="mal-gender_equality-error">.*För långt: högst 5000', html)
    assert "Målen och jämställdheten är inte sparade" in html


def test_an_officer_of_another_department_sees_the_goals_but_no_form_and_may_not_post(
        client, app, municipal_goals, active):
    sign_in(client, app, "officer", department="SOC", email="soc@kommun.test")
    page = f"/overenskommelser/{active['id']}"
    html = html_of(client.get(page))
    assert "Kommunala mål och jämställdhet" in html and f'action="{page}/mal"' not in html
    refused = post(client, f"{page}/mal", {"goal_ids": [], "version": "1"}, page)
    assert refused.status_code == 403
