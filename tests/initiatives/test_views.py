"""The initiative pages: the API's rules on the web, errors beside their fields, buttons only for those
who may press them."""

from __future__ import annotations

import re

import pytest

from iop.extensions import db
from iop.initiatives.models import Initiative
from tests.initiatives.conftest import SPONTANIDROTT
from tests.organisations.test_views import field_error
from tests.web import page_csrf, sign_in

NETWORK = {"title": "Gemensam sommarlovsaktivitet", "departments": ["KFF", "SOC"], "municipal_matter": True}
REGISTER = {"title": "Läxhjälp i biblioteket",
            "description": "Föreningen vill ha läxhjälp två kvällar i veckan.", "organisation_id": "",
            "contact_name": "Lena Lind", "contact_email": "lena@laxhjalpen.example",
            "received_on": "2026-03-12", "municipal_matter": "ja"}


def html_of(response) -> str:
    return response.get_data(as_text=True)


def post(client, path, data, page=None):
    return client.post(path, data={**data, "csrf_token": page_csrf(client, page or path)})


def step(client, initiative_id: int, action: str, data: dict):
    """Post one step's form from the initiative page, as its button would."""
    return post(client, f"/initiativ/{initiative_id}/{action}", data, page=f"/initiativ/{initiative_id}")


def stored(app, initiative_id: int) -> Initiative:
    with app.app_context():
        initiative = db.session.get(Initiative, initiative_id)
        _ = initiative.departments, initiative.assigned_department
        db.session.expunge_all()
        return initiative


def step_error(html: str, field_id: str) -> str:
    """The error beside a field of one of the page's step forms (ids carry the step)."""
    shown = re.search(rf'<p class="field__error" id="{field_id}-error">(.*?)</p>', html, re.S)
    assert shown, f"no error beside {field_id}"
    return re.sub(r"<[^>]+>", "", shown.group(1)).removeprefix("Fel: ")


def buttons(html: str) -> list[str]:
    main = html.split('<main id="main"', 1)[1]
    return re.findall(r'<button type="submit" class="button [^"]*">([^<]+)</button>', main)


@pytest.fixture
def coordinator(client, app, callers):
    return sign_in(client, app, "coordinator", "KLF", email="samordnare.web@kommun.test")


@pytest.fixture
def officer(client, app, callers):
    return sign_in(client, app, "officer", "KFF", email="kff.web@kommun.test")


@pytest.fixture
def officer_soc(client, app, callers):
    return sign_in(client, app, "officer", "SOC", email="soc.web@kommun.test")


# -- the list and the queue ------------------------------------------------------------------


def test_the_list_filters_by_status_department_text_and_organisation(client, initiatives, callers,
                                                                     organisation, officer):
    own = initiatives.create(callers.officer, title="Spontanidrott", organisation_id=organisation["id"])
    shared = initiatives.create(callers.officer, **NETWORK)
    everything = html_of(client.get("/initiativ"))
    assert "Spontanidrott" in everything and "Gemensam sommarlovsaktivitet" in everything
    queue = html_of(client.get("/initiativ?status=in_network"))
    assert f'href="/initiativ/{shared["id"]}"' in queue and "Spontanidrott" not in queue
    assert "I nätverkets kö" in queue
    soc = html_of(client.get("/initiativ?department=SOC"))
    assert "Gemensam sommarlovsaktivitet" in soc and "Spontanidrott" not in soc
    by_text = html_of(client.get("/initiativ?q=ifk"))  # the organisation's name
    assert f'href="/initiativ/{own["id"]}"' in by_text and "Gemensam" not in by_text
    by_organisation = html_of(client.get(f"/initiativ?organisation_id={organisation['id']}"))
    assert "Spontanidrott" in by_organisation and "Gemensam" not in by_organisation


def test_the_list_shows_which_are_overdue_and_filters_on_it(client, initiatives, callers, officer):
    initiatives.create(callers.officer, title="Gammalt initiativ", received_on="2026-01-05")
    initiatives.create(callers.officer, title="Nytt initiativ")
    overdue = html_of(client.get("/initiativ?overdue=true"))
    assert "Gammalt initiativ" in overdue and "Nytt initiativ" not in overdue and "Försenat" in overdue
    assert "Gammalt initiativ" not in html_of(client.get("/initiativ?overdue=false"))


def test_a_bad_filter_is_shown_beside_its_field_and_the_list_still_shows(client, initiatives, callers,
                                                                         officer):
    initiatives.create(callers.officer)
    response = client.get("/initiativ?status=klar&flagged=kanske")
    html = html_of(response)
    assert response.status_code == 200 and "Spontanidrott" in html
    assert "Välj en av" in field_error(html, "status")
    assert field_error(html, "flagged")


def test_the_network_queue_puts_the_flagged_first_then_the_earliest_deadline(app, client, initiatives,
                                                                             callers, coordinator):
    from iop.initiatives.escalation import escalate_overdue_initiatives
    from tests.initiatives.conftest import TODAY

    later = initiatives.create(callers.officer, **{**NETWORK, "title": "Senare frist",
                                                   "received_on": "2026-03-13"})
    sooner = initiatives.create(callers.officer, **{**NETWORK, "title": "Tidigare frist",
                                                    "received_on": "2026-03-10"})
    flagged = initiatives.create(callers.officer, title="Bortglömt", received_on="2026-02-02")
    initiatives.create(callers.officer, title="Hos KFF")  # received by its department: not in the queue
    with app.app_context():
        escalate_overdue_initiatives(today=TODAY)
        db.session.commit()
    html = html_of(client.get("/initiativ/ko"))
    order = [int(i) for i in re.findall(r'href="/initiativ/(\d+)"', html)]
    assert order == [flagged["id"], sooner["id"], later["id"]]
    assert "Flaggat" in html and "Hos KFF" not in html


# -- registering and editing -----------------------------------------------------------------


def test_registering_shows_every_bad_field_beside_it_and_saves_nothing(client, app, callers, officer, today):
    response = post(client, "/initiativ/ny", {**REGISTER, "title": " ", "contact_email": "inte-en-adress",
                                             "departments": ["KFF"]})
    html = html_of(response)
    assert response.status_code == 422 and html.count('class="error-summary"') == 1
    assert field_error(html, "title") == "Ange en rubrik."
    assert field_error(html, "contact_email") == "Ange en giltig e-postadress."
    assert 'value="Lena Lind"' in html  # what was typed stays
    assert 'value="KFF" checked' in html
    assert "Det finns fel i formuläret" in html
    assert html_of(client.get("/initiativ")).count("<tr>") == 0


def test_a_date_in_the_future_and_an_unknown_department_are_named_beside_their_fields(client, callers,
                                                                                       officer, today):
    response = post(client, "/initiativ/ny", {**REGISTER, "received_on": "2030-01-01"})
    assert field_error(html_of(response), "received_on") == "Ett initiativ kan inte ha kommit in i framtiden."
    response = post(client, "/initiativ/ny", {**REGISTER, "departments": ["KFF", "NOPE"]})
    html = html_of(response)
    assert response.status_code == 422
    assert '<p class="field__error" id="departments-error"><span class="visually-hidden">Fel: </span>' \
           'Förvaltningen NOPE finns inte.</p>' in html


def test_an_initiative_for_two_departments_is_registered_into_the_network_queue(client, app, callers, officer,
                                                                                today):
    response = post(client, "/initiativ/ny", {**REGISTER, "departments": ["KFF", "SOC"]})
    assert response.status_code == 302
    initiative_id = int(response.headers["Location"].rsplit("/", 1)[1])
    saved = stored(app, initiative_id)
    assert (saved.status, saved.department_codes, saved.municipal_matter) == \
        ("in_network", ["KFF", "SOC"], True)
    page = html_of(client.get(response.headers["Location"]))
    assert "Initiativet är registrerat. Det ligger i nätverkets kö." in page
    assert "Läxhjälp i biblioteket" in page and "lena@laxhjalpen.example" in page


def test_an_unclear_matter_for_one_department_still_goes_to_the_network(client, app, callers, officer, today):
    response = post(client, "/initiativ/ny", {**REGISTER, "departments": ["KFF"],
                                             "municipal_matter": "oklart"})
    saved = stored(app, int(response.headers["Location"].rsplit("/", 1)[1]))
    assert (saved.status, saved.municipal_matter) == ("in_network", None)


def test_editing_saves_the_fields_and_a_stale_page_overwrites_nothing(client, app, initiatives, callers,
                                                                      officer):
    created = initiatives.create(callers.officer)
    path = f"/initiativ/{created['id']}/andra"
    form = {"title": "Spontanidrott på lördagar", "description": SPONTANIDROTT["description"],
            "organisation_id": "", "contact_name": "", "contact_email": "", "received_on": "2026-03-16",
            "departments": ["KFF"], "municipal_matter": "ja", "version": "1"}
    stale = {**form, "title": "Gammal sida"}
    assert post(client, path, form).status_code == 302
    saved = stored(app, created["id"])
    assert (saved.title, saved.contact_name) == ("Spontanidrott på lördagar", None)
    refused = post(client, path, stale)
    assert refused.status_code == 409 and "Någon annan har ändrat uppgifterna" in html_of(refused)
    assert stored(app, created["id"]).title == "Spontanidrott på lördagar"


def test_the_statement_on_gender_equality_is_written_on_the_edit_page_and_shown_on_the_initiative(
        client, app, initiatives, callers, officer):
    created = initiatives.create(callers.officer)
    page = html_of(client.get(f"/initiativ/{created['id']}"))
    assert "Jämställdhet" in page and "Inte beskrivet." in page
    path = f"/initiativ/{created['id']}/andra"
    form = {"title": SPONTANIDROTT["title"], "description": SPONTANIDROTT["description"],
            "organisation_id": "", "contact_name": "", "contact_email": "", "received_on": "2026-03-16",
            "departments": ["KFF"], "municipal_matter": "ja", "version": "1",
            "gender_equality": "Hallen öppnas för alla unga; föreningen vill särskilt nå flickor 13–16 år."}
    assert 'name="gender_equality"' in html_of(client.get(path))
    assert post(client, path, form).status_code == 302
    assert stored(app, created["id"]).gender_equality == form["gender_equality"]
    page = html_of(client.get(f"/initiativ/{created['id']}"))
    assert "föreningen vill särskilt nå flickor 13–16 år." in page and "Inte beskrivet." not in page
    too_long = post(client, path, {**form, "version": str(stored(app, created["id"]).version),
                                   "gender_equality": "x" * 5001})
    assert too_long.status_code == 422
    assert field_error(html_of(too_long), "gender_equality") == "För långt: högst 5000."


def test_a_closed_initiative_is_completed_with_its_statement_on_gender_equality_and_nothing_else(
        client, app, initiatives, callers, officer):
    own = initiatives.create(callers.officer)
    assert step(client, own["id"], "avslut", {"outcome": "answered"}).status_code == 302
    page = html_of(client.get(f"/initiativ/{own['id']}"))
    assert f'href="/initiativ/{own["id"]}/andra">Beskriv' in page
    path = f"/initiativ/{own['id']}/andra"
    form_html = html_of(client.get(path))
    assert 'name="gender_equality"' in form_html and 'name="title"' not in form_html
    version = re.search(r'name="version" value="(\d+)"', form_html).group(1)
    saved = post(client, path, {"gender_equality": "Lika många flickor som pojkar fick svar.",
                                "version": version, "title": "Försök att byta rubrik"})
    assert saved.status_code == 302
    closed = stored(app, own["id"])
    assert (closed.gender_equality, closed.title, closed.status) == (
        "Lika många flickor som pojkar fick svar.", SPONTANIDROTT["title"], "closed")
    stale = post(client, path, {"gender_equality": "En gammal sida.", "version": version})
    assert stale.status_code == 409 and "Lika många flickor som pojkar fick svar." in html_of(stale)


# -- the steps ------------------------------------------------------------------------------


def test_the_coordinator_assigns_a_queued_initiative_to_a_lead_department(client, app, initiatives, callers,
                                                                          coordinator):
    shared = initiatives.create(callers.officer, **NETWORK)
    page = html_of(client.get(f"/initiativ/{shared['id']}"))
    assert {"Tilldela", "Avsluta initiativet", "Spara anteckningen"} <= set(buttons(page))
    response = step(client, shared["id"], "tilldelning", {"department": "SOC", "note": "SOC har lokalerna."})
    assert response.status_code == 302
    saved = stored(app, shared["id"])
    assert (saved.status, saved.assigned_department.code, str(saved.first_handled_on)) == \
        ("assigned", "SOC", "2026-03-16")
    html = html_of(client.get(response.headers["Location"]))
    assert "Socialförvaltningen ansvarar nu för initiativet." in html
    assert "SOC har lokalerna." in html and "2026-03-16, efter 0 arbetsdagar" in html


def test_assigning_without_a_department_shows_the_error_beside_the_choice(client, initiatives, callers,
                                                                          coordinator):
    shared = initiatives.create(callers.officer, **NETWORK)
    response = step(client, shared["id"], "tilldelning", {"department": ""})
    html = html_of(response)
    assert response.status_code == 422 and "Initiativet är inte tilldelat" in html
    assert step_error(html, "assign-department") == "Välj den förvaltning som ska ansvara."
    assert 'href="#assign-department"' in html


def test_the_departments_officer_closes_its_initiative_with_an_outcome_and_a_note(client, app, initiatives,
                                                                                  callers, officer):
    own = initiatives.create(callers.officer)
    response = step(client, own["id"], "avslut", {"outcome": "answered", "note": "Hallen är bokad fredagar."})
    assert response.status_code == 302
    saved = stored(app, own["id"])
    assert (saved.status, saved.outcome, saved.assigned_department.code) == ("closed", "answered", "KFF")
    html = html_of(client.get(f"/initiativ/{own['id']}"))
    assert "Initiativet är avslutat: Besvarat." in html and "Hallen är bokad fredagar." in html
    assert "Avsluta initiativet" not in buttons(html) and "Ändra uppgifter" not in html


def test_closing_as_an_agreement_names_a_missing_agreement_beside_its_field(client, app, initiatives, callers,
                                                                            officer):
    own = initiatives.create(callers.officer)
    response = step(client, own["id"], "avslut", {"outcome": "agreement", "agreement_id": "999"})
    assert response.status_code == 422
    assert step_error(html_of(response), "close-agreement_id") == "Överenskommelsen 999 finns inte."
    assert stored(app, own["id"]).status == "received"


def test_closing_without_an_outcome_asks_for_one(client, initiatives, callers, officer):
    own = initiatives.create(callers.officer)
    response = step(client, own["id"], "avslut", {"outcome": ""})
    assert response.status_code == 422
    assert step_error(html_of(response), "close-outcome") == "Välj ett utfall."


def test_an_officer_moves_an_initiative_to_the_network(client, app, initiatives, callers, officer):
    own = initiatives.create(callers.officer)
    response = step(client, own["id"], "natverket", {"note": ""})
    assert response.status_code == 302 and stored(app, own["id"]).status == "in_network"


def test_a_note_is_added_and_an_empty_one_is_refused_beside_the_field(client, app, initiatives, callers,
                                                                      officer_soc):
    other = initiatives.create(callers.officer)  # KFF's: officers of every department may still note
    empty = step(client, other["id"], "anteckningar", {"text": "  "})
    assert empty.status_code == 422 and step_error(html_of(empty), "note-text") == "Skriv anteckningen."
    added = step(client, other["id"], "anteckningar", {"text": "Vi på SOC har haft kontakt med dem."})
    assert added.status_code == 302
    html = html_of(client.get(f"/initiativ/{other['id']}"))
    assert "Anteckningen är sparad." in html and "Vi på SOC har haft kontakt med dem." in html


# -- who may do what ------------------------------------------------------------------------


def test_an_officer_of_another_department_sees_it_but_gets_no_buttons_and_a_forged_post_is_refused(
        client, app, initiatives, callers, officer_soc):
    own = initiatives.create(callers.officer)
    html = html_of(client.get(f"/initiativ/{own['id']}"))
    assert "Spontanidrott i Norrbyhallen" in html
    assert buttons(html) == ["Spara anteckningen"]
    assert "Initiativet gäller inte din förvaltning. Du kan läsa det men inte ändra det." in html
    assert "Ändra uppgifter" not in html
    for action, data in (("tilldelning", {"department": "SOC"}), ("avslut", {"outcome": "declined"}),
                         ("natverket", {})):
        assert step(client, own["id"], action, data).status_code == 403, action
    assert client.get(f"/initiativ/{own['id']}/andra").status_code == 403
    assert stored(app, own["id"]).status == "received"


def test_an_officer_cannot_assign_a_queued_initiative_that_concerns_several_departments(
        client, app, initiatives, callers, officer):
    shared = initiatives.create(callers.officer, **NETWORK)
    assert "Tilldela" not in buttons(html_of(client.get(f"/initiativ/{shared['id']}")))
    response = step(client, shared["id"], "tilldelning", {"department": "KFF"})
    assert response.status_code == 403 and stored(app, shared["id"]).status == "in_network"


@pytest.mark.parametrize("role", ["viewer", "legal"])
def test_viewers_and_lawyers_read_but_have_no_forms(client, app, initiatives, callers, role):
    own = initiatives.create(callers.officer)
    sign_in(client, app, role)
    html = html_of(client.get(f"/initiativ/{own['id']}"))
    assert "Spontanidrott i Norrbyhallen" in html and buttons(html) == []
    assert "Registrera ett initiativ" not in html_of(client.get("/initiativ"))
    assert client.get("/initiativ/ny").status_code == 403
    csrf = page_csrf(client, f"/initiativ/{own['id']}")
    refused = client.post(f"/initiativ/{own['id']}/anteckningar", data={"text": "Hej", "csrf_token": csrf})
    assert refused.status_code == 403


def test_a_post_without_the_csrf_token_is_refused(client, app, initiatives, callers, officer):
    own = initiatives.create(callers.officer)
    response = client.post(f"/initiativ/{own['id']}/avslut", data={"outcome": "answered"})
    assert response.status_code == 400 and stored(app, own["id"]).status == "received"


def test_what_users_wrote_is_shown_as_text_never_as_markup(client, initiatives, callers, officer):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    own = initiatives.create(callers.officer, title=hostile, description=hostile, contact_name=hostile)
    initiatives.note(callers.officer, own["id"], hostile)
    for path in ("/initiativ", f"/initiativ/{own['id']}", f"/initiativ/{own['id']}/andra"):
        html = html_of(client.get(path))
        assert "<script>alert" not in html and "<img src=x" not in html, path
        assert "&lt;script&gt;alert(" in html, path
