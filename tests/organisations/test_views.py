"""The organisation pages: the same rules as the API, errors beside their fields, no silent overwrite."""

import re

import pytest

from iop.extensions import db
from iop.organisations import services
from iop.organisations.models import Organisation
from iop.organisations.numbers import luhn_check_digit
from tests.web import page_csrf, sign_in

FORM = {"name": "Läxhjälpen i Sjöstad", "org_number": "802456-1238", "legal_form": "ideell_forening",
        "email": "info@laxhjalpen.example", "phone": "", "address": "",
        "contacts-0-id": "", "contacts-0-name": "Lena Lind", "contacts-0-title": "Ordförande",
        "contacts-0-email": "", "contacts-0-phone": ""}


def org_number(index: int) -> str:
    digits = f"80250{index:04d}"
    return f"{digits[:6]}-{digits[6:]}{luhn_check_digit(digits)}"


def make(app, count=1, **fields) -> list[int]:
    with app.app_context():
        ids = [services.create_organisation(**{"name": f"Förening {i + 1}", "org_number": org_number(i),
                                               "legal_form": "ideell_forening", **fields}).id
               for i in range(count)]
        db.session.commit()
    return ids


def post(client, path, data):
    return client.post(path, data={**data, "csrf_token": page_csrf(client, path)})


def stored(app, organisation_id):
    with app.app_context():
        organisation = db.session.get(Organisation, organisation_id)
        return organisation and {"name": organisation.name, "email": organisation.email,
                                 "version": organisation.version,
                                 "contacts": [(c.id, c.name, c.email) for c in organisation.contacts]}


def value_of(html: str, name: str) -> str:
    return re.search(rf'<input[^>]*\bname="{name}"[^>]*\bvalue="([^"]*)"', html).group(1)


def field_error(html: str, name: str) -> str:
    """The error shown beside a field, checking that the field points to it."""
    control = re.search(rf'<(?:input|select|textarea)[^>]*\bname="{name}"[^>]*>', html)
    assert control, f"no field {name}"
    assert 'aria-invalid="true"' in control.group(0)
    assert f"{name}-error" in re.search(r'aria-describedby="([^"]*)"', control.group(0)).group(1).split()
    shown = re.search(rf'<p class="field__error" id="{name}-error">(.*?)</p>', html, re.S).group(1)
    return re.sub(r"<[^>]+>", "", shown).removeprefix("Fel: ")


@pytest.fixture
def officer(client, app, departments):
    return sign_in(client, app, "officer")


def test_the_list_shows_25_organisations_a_page_with_links_to_the_next(client, app, officer):
    make(app, 30)
    first = client.get("/organisationer").get_data(as_text=True)
    assert first.count("<tr>") == 26 and "Förening 30" in first and "Förening 5<" not in first
    assert "Visar 1–25 av 30 organisationer." in first
    assert 'href="/organisationer?page=2"' in first
    second = client.get("/organisationer?page=2").get_data(as_text=True)
    assert second.count("<tr>") == 6 and "Förening 5<" in second


@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5", ""])
def test_a_bad_page_number_in_the_address_shows_the_first_page(client, app, officer, page):
    make(app, 2)
    response = client.get(f"/organisationer?page={page}")
    assert response.status_code == 200 and "Förening 2" in response.get_data(as_text=True)


def test_search_and_filters_are_kept_in_the_paging_links(client, app, officer):
    make(app, 30)
    response = client.get("/organisationer?q=förening&legal_form=ideell_forening&sort=name")
    html = response.get_data(as_text=True)
    assert "Förening 1<" in html  # by name: 1, 10, 11, ...
    assert re.search(r'href="/organisationer\?[^"]*page=2[^"]*"', html)
    link = re.search(r'href="(/organisationer\?[^"]*page=2[^"]*)"', html).group(1).replace("&amp;", "&")
    kept = set(link.split("?")[1].split("&"))
    assert {"q=f%C3%B6rening", "legal_form=ideell_forening", "sort=name"} <= kept


def test_an_unknown_filter_value_is_shown_beside_its_field_and_the_list_still_shows(client, app, officer):
    make(app, 1)
    response = client.get("/organisationer?legal_form=kommun")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Förening 1" in html
    assert "Välj en av" in field_error(html, "legal_form")


def test_registering_shows_every_bad_field_beside_it_and_saves_nothing(client, app, officer):
    response = post(client, "/organisationer/ny", {**FORM, "name": " ", "org_number": "802456-1239",
                                                     "email": "inte-en-adress", "contacts-0-email": "x@"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert field_error(html, "name") == "Ange organisationens namn."
    assert field_error(html, "org_number") == "Organisationsnumret har fel kontrollsiffra."
    assert field_error(html, "email") == "Ange en giltig e-postadress."
    assert field_error(html, "contacts-0-email") == "Ange en giltig e-postadress."
    assert "Kontaktperson 1: E-postadress: Ange en giltig e-postadress." in html  # in the summary
    assert value_of(html, "contacts-0-name") == "Lena Lind"  # what was typed stays
    assert client.get("/organisationer").get_data(as_text=True).count("<tr>") == 0


def test_a_registered_organisation_is_stored_and_shown(client, app, officer):
    response = post(client, "/organisationer/ny", FORM)
    assert response.status_code == 302
    organisation_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert stored(app, organisation_id)["contacts"][0][1:] == ("Lena Lind", None)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Läxhjälpen i Sjöstad är registrerad." in page and "802456-1238" in page


def test_a_taken_organisation_number_is_shown_beside_the_field(client, app, officer):
    make(app, 1, org_number="802456-1238")
    response = post(client, "/organisationer/ny", FORM)
    html = response.get_data(as_text=True)
    assert response.status_code == 409  # a clash with what is stored, as the API answers it
    assert "Redan registrerat" in field_error(html, "org_number")
    assert "Organisationsnumret 802456-1238 är redan registrerat." in html


def test_a_contact_row_without_a_name_is_pointed_out_on_that_row(client, app, officer):
    response = post(client, "/organisationer/ny", {**FORM, "contacts-1-email": "olle@example.se"})
    html = response.get_data(as_text=True)
    assert field_error(html, "contacts-1-name") == "Ange kontaktpersonens namn."
    assert "Kontaktperson 2: Namn: Ange kontaktpersonens namn." in html


def test_the_add_row_button_adds_an_empty_contact_row_and_saves_nothing(client, app, officer):
    blank_row = {f"contacts-1-{field}": "" for field in ("id", "name", "title", "email", "phone")}
    response = post(client, "/organisationer/ny", {**FORM, **blank_row, "add_row": "contacts"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "field__error" not in html
    assert re.findall(r"<legend[^>]*>(Kontaktperson \d)</legend>", html) == \
        ["Kontaktperson 1", "Kontaktperson 2", "Kontaktperson 3"]
    assert 'value="Lena Lind"' in html
    assert client.get("/organisationer").get_data(as_text=True).count("<tr>") == 0


def test_the_remove_row_button_removes_only_that_row(client, app, officer):
    response = post(client, "/organisationer/ny", {**FORM, "contacts-1-name": "Olle Ek",
                                                     "remove_row": "contacts-0"})
    html = response.get_data(as_text=True)
    assert value_of(html, "contacts-0-name") == "Olle Ek"
    assert "Lena Lind" not in html


def test_an_edit_keeps_contacts_by_identity_and_moves_the_version_on(client, app, officer):
    [organisation_id] = make(app, contacts=[{"name": "Lena Lind"}, {"name": "Olle Ek"}])
    before = stored(app, organisation_id)
    form = client.get(f"/organisationer/{organisation_id}/andra").get_data(as_text=True)
    assert f'name="version" value="{before["version"]}"' in form
    lena, olle = before["contacts"]
    response = post(client, f"/organisationer/{organisation_id}/andra", {
        "name": "Förening 1", "org_number": org_number(0), "legal_form": "stiftelse",
        "version": str(before["version"]),
        "contacts-0-id": str(olle[0]), "contacts-0-name": "Olle Ek", "contacts-0-email": "olle@example.se",
    })
    assert response.status_code == 302
    after = stored(app, organisation_id)
    assert after["contacts"] == [(olle[0], "Olle Ek", "olle@example.se")]  # Lena removed, Olle kept
    assert after["version"] > before["version"]
    history = client.get(f"/organisationer/{organisation_id}").get_data(as_text=True)
    assert "Kontaktperson borttagen" in history and "Juridisk form: Ideell förening → Stiftelse" in history


def test_an_edit_from_a_stale_page_is_refused_and_overwrites_nothing(client, app, officer):
    [organisation_id] = make(app, email="gammal@example.se")
    version = str(stored(app, organisation_id)["version"])
    with app.app_context():
        services.update_organisation(organisation=db.session.get(Organisation, organisation_id),
                                     email="ny@example.se")
        db.session.commit()
    response = post(client, f"/organisationer/{organisation_id}/andra", {
        "name": "Mitt namn", "org_number": org_number(0), "legal_form": "ideell_forening",
        "email": "gammal@example.se", "version": version})
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Någon annan har ändrat uppgifterna sedan du öppnade sidan." in html
    assert "ny@example.se" in html and value_of(html, "name") == "Mitt namn"
    assert stored(app, organisation_id)["name"] == "Förening 1"
    assert stored(app, organisation_id)["email"] == "ny@example.se"


def test_a_viewer_reads_organisations_but_cannot_register_or_edit(client, app, departments):
    [organisation_id] = make(app)
    sign_in(client, app, "viewer")
    assert "Registrera en organisation" not in client.get("/organisationer").get_data(as_text=True)
    assert "Ändra uppgifter" not in client.get(f"/organisationer/{organisation_id}").get_data(as_text=True)
    assert client.get("/organisationer/ny").status_code == 403
    assert client.get(f"/organisationer/{organisation_id}/andra").status_code == 403
    token = page_csrf(client, "/organisationer")
    refused = client.post("/organisationer/ny", data={**FORM, "csrf_token": token})
    assert refused.status_code == 403 and "Din roll har inte behörighet" in refused.get_data(as_text=True)


def test_an_unknown_organisation_is_a_swedish_404_page(client, officer):
    response = client.get("/organisationer/424242")
    assert response.status_code == 404
    assert "Organisationen 424242 finns inte." in response.get_data(as_text=True)


def test_markup_typed_into_a_name_is_shown_as_text_everywhere(client, app, officer):
    [organisation_id] = make(app, name='<script>alert("x")</script>')
    for path in ("/organisationer", f"/organisationer/{organisation_id}",
                 f"/organisationer/{organisation_id}/andra", "/"):
        html = client.get(path).get_data(as_text=True)
        assert "<script>" not in html and "&lt;script&gt;" in html, path


def test_a_form_posted_without_its_csrf_token_is_refused(client, app, officer):
    response = client.post("/organisationer/ny", data=FORM)
    assert response.status_code == 400
    assert "Formuläret har gått ut" in response.get_data(as_text=True)
    assert client.get("/organisationer").get_data(as_text=True).count("<tr>") == 0


@pytest.mark.parametrize("query", ["q=%00", "q=" + "x" * 300, "page=99999999999", "page=2", "sort=%ff",
                                   "legal_form=&sort=", "q=%25_%5C"])
def test_odd_page_addresses_answer_a_page_not_an_error(client, app, officer, query):
    make(app, 1)
    assert client.get(f"/organisationer?{query}").status_code == 200


def test_characters_that_cannot_be_stored_are_pointed_out_beside_the_field(client, app, officer):
    response = post(client, "/organisationer/ny", {**FORM, "name": "Nul\x00l", "contacts-0-title": "a\x00"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert field_error(html, "name") == "Texten innehåller tecken som inte kan lagras."
    assert field_error(html, "contacts-0-title") == "Texten innehåller tecken som inte kan lagras."


def test_a_registration_on_the_web_is_logged_under_the_officers_name(client, app, officer, callers):
    response = post(client, "/organisationer/ny", FORM)
    organisation_id = int(response.headers["Location"].rsplit("/", 1)[1])
    events = client.get(f"/api/v1/audit?entity=organisation&entity_id={organisation_id}&action=create",
                        headers=callers.admin.headers).get_json()
    assert [e["actor"] for e in events] == [officer]


def test_the_organisation_page_shows_every_departments_initiatives_agreements_and_grants(client, app, callers,
                                                                                         organisation_id):
    from tests.agreements.factories import clean_iop, draft

    initiative = client.post("/api/v1/initiatives", headers=callers.officer_soc.headers, json={
        "title": "Mötesplats för föräldrar", "description": "Föreningen vill öppna en mötesplats.",
        "organisation_id": organisation_id, "departments": ["SOC"], "municipal_matter": True}).get_json()
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    grants = ("year,committee,org_number,organisation,purpose,amount_sek\n"
              "2026,Socialnämnden,802456-1238,Läxhjälpen,Föräldrastöd,75000\n")
    imported = client.post("/api/v1/grants/import", data=grants.encode(), content_type="text/csv",
                           headers=callers.coordinator.headers)
    assert imported.status_code == 201, imported.get_json()
    sign_in(client, app, "viewer")
    html = client.get(f"/organisationer/{organisation_id}").get_data(as_text=True)
    together = html.split('id="samverkan"', 1)[1].split("<h2>Historik</h2>", 1)[0]
    assert "Förvaltningar: KFF, SOC." in together
    assert f'<a href="/initiativ/{initiative["id"]}">Mötesplats för föräldrar</a>' in together
    assert f'<a href="/overenskommelser/{agreement["id"]}">Läxhjälp och föräldrastöd i Norra Sjöstad</a>' \
        in together
    assert "Socialnämnden" in together and "Föräldrastöd" in together and "75\u00a0000 kr" in together


def test_an_organisation_without_dealings_says_so(client, app, officer):
    (organisation_id,) = make(app)
    html = client.get(f"/organisationer/{organisation_id}").get_data(as_text=True)
    assert "Inga initiativ är registrerade från organisationen." in html
    assert "Inga överenskommelser med organisationen." in html
    assert "Inga föreningsbidrag är inlästa för organisationsnumret." in html
