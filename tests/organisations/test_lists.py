"""Finding, sorting and exporting organisations, their history a page at a time, and registering
one from an agreement draft without losing it."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from iop.extensions import db
from iop.organisations import services
from tests.agreements.factories import clean_iop, draft
from tests.agreements.test_views import step_form
from tests.organisations.test_views import FORM, make, post
from tests.web import sign_in


@pytest.fixture
def officer(client, app, departments):
    return sign_in(client, app, "officer")


def names(html: str) -> list[str]:
    return re.findall(r'<a href="/organisationer/\d+">([^<]+)</a>', html)


def test_an_organisation_is_found_by_number_without_the_dash_and_by_e_mail(client, app, officer):
    make(app, 1, email="kansli@forening.example")
    make(app, 1, name="Läxhjälpen", org_number="802456-1238", legal_form="ideell_forening")
    assert names(client.get("/organisationer?q=8024561238").get_data(as_text=True)) == ["Läxhjälpen"]
    assert names(client.get("/organisationer?q=802456-1238").get_data(as_text=True)) == ["Läxhjälpen"]
    assert names(client.get("/organisationer?q=KANSLI@forening").get_data(as_text=True)) == ["Förening 1"]


def test_a_contacts_e_mail_finds_the_organisation(client, app, officer):
    with app.app_context():
        services.create_organisation(name="Fotbollsklubben", org_number="802456-1238",
                                     legal_form="ideell_forening",
                                     contacts=[{"name": "Lena", "email": "lena@fk.example"}])
        db.session.commit()
    assert names(client.get("/organisationer?q=lena@fk").get_data(as_text=True)) == ["Fotbollsklubben"]


def test_the_columns_sort_both_ways_and_say_so(client, app, officer):
    make(app, 3)
    html = client.get("/organisationer?sort=name&dir=desc").get_data(as_text=True)
    assert names(html) == ["Förening 3", "Förening 2", "Förening 1"]
    header = re.search(r'<th scope="col" aria-sort="descending"><a class="sort-link" href="([^"]+)">Namn',
                       html)
    assert header and "dir=asc" in header.group(1)
    ascending = client.get(header.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert names(ascending) == ["Förening 1", "Förening 2", "Förening 3"]
    assert 'aria-sort="ascending"' in ascending
    # A bad column or direction in a hand-edited address falls back to the usual order.
    assert client.get("/organisationer?sort=nope&dir=sideways").status_code == 200


def test_the_filtered_list_downloads_as_swedish_csv_and_as_xlsx(client, app, officer):
    make(app, 2)
    make(app, 1, name="=HYPERLINK(1)", org_number="802456-1238", legal_form="ideell_forening")
    response = client.get("/organisationer?q=förening&sort=name&dir=asc&format=csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "organisationer.csv" in response.headers["Content-Disposition"]
    assert response.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Namn", "Organisationsnummer", "Juridisk form"]
    assert [r[0] for r in rows[1:]] == ["Förening 1", "Förening 2"]
    workbook = load_workbook(io.BytesIO(client.get("/organisationer?format=xlsx&sort=name").data))
    values = [row[0] for row in workbook.active.iter_rows(values_only=True)]
    assert values[0] == "Namn" and "'=HYPERLINK(1)" in values and len(values) == 4
    assert client.get("/organisationer?format=pdf").status_code == 404


def test_the_history_pages_past_the_first_twenty_events(client, app, officer):
    [organisation_id] = make(app, 1)
    with app.app_context():
        for index in range(25):
            organisation = services.get_organisation(organisation_id=organisation_id)
            services.update_organisation(organisation=organisation, phone=f"08-{index:04d}")
            db.session.commit()
    first = client.get(f"/organisationer/{organisation_id}").get_data(as_text=True)
    assert "Visar 1–20 av 26 ändringar." in first
    assert f'href="/organisationer/{organisation_id}?page=2"' in first
    second = client.get(f"/organisationer/{organisation_id}?page=2").get_data(as_text=True)
    assert "Visar 21–26 av 26 ändringar." in second and "Registrerad" in second


def test_an_organisation_registered_from_a_draft_returns_to_it_chosen(client, app, callers, officer):
    agreement = draft(client, callers.officer, {"template": "iop", "title": "Läxhjälp"})
    path = f"/overenskommelser/{agreement['id']}/utkast/parter"
    response = post(client, path, {**step_form(client, path), "new_organisation": "1"})
    assert response.status_code == 302
    register = response.headers["Location"]
    assert register.startswith("/organisationer/ny?next=")
    form_page = client.get(register).get_data(as_text=True)
    assert "Ditt utkast är sparat" in form_page
    created = post(client, register, FORM)
    assert created.status_code == 302 and created.headers["Location"].startswith(path + "?organisation_id=")
    step = client.get(created.headers["Location"]).get_data(as_text=True)
    chosen = step_form(client, created.headers["Location"])
    assert "Läxhjälpen i Sjöstad är vald" in step
    saved = post(client, path, chosen)
    assert saved.status_code == 302
    answer = client.get(f"/api/v1/agreements/{agreement['id']}", headers=callers.officer.headers).get_json()
    assert len(answer["organisations"]) == 1


def test_a_next_address_off_the_site_is_ignored(client, app, officer):
    response = post(client, "/organisationer/ny?next=https://evil.example/", FORM)
    assert response.status_code == 302 and response.headers["Location"].startswith("/organisationer/")


def test_the_responsible_officer_is_chosen_among_the_departments_users(client, app, callers, organisation_id,
                                                                       officer):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    html = client.get(f"/overenskommelser/{agreement['id']}/utkast/parter").get_data(as_text=True)
    select = re.search(r'<select[^>]*name="responsible_email".*?</select>', html, re.S).group(0)
    assert f'value="{callers.officer.email}" selected' in select
    assert "officer.web@kommun.test" in select  # the signed-in officer, also of KFF
    assert callers.officer_soc.email not in select and callers.viewer.email not in select
