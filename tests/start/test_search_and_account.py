"""The header's search, my password and my calendar feeds: chores done on a page."""

from __future__ import annotations

import re

import pytest

from iop.auth import services
from iop.auth.models import User
from iop.extensions import db
from tests.agreements.factories import clean_iop, draft
from tests.web import page_csrf, sign_in, signed_in_session


@pytest.fixture
def officer(client, app, departments):
    return sign_in(client, app, "officer")


def post(client, path, data, page=None):
    return client.post(path, data={**data, "csrf_token": page_csrf(client, page or path)})


def test_one_search_finds_agreements_organisations_and_initiatives_exact_first(
        client, app, callers, organisation_id, officer):
    draft(client, callers.officer, clean_iop(organisation_id, title="Läxhjälp i Sjöstad, utökad",
                                             case_number="KFN 2026/1"))
    draft(client, callers.officer, clean_iop(organisation_id, title="Läxhjälp", case_number="KFN 2026/2"))
    html = client.get("/sok?q=läxhjälp").get_data(as_text=True)
    agreements = re.findall(r'<a href="/overenskommelser/\d+">([^<]+)</a>', html)
    assert agreements == ["Läxhjälp", "Läxhjälp i Sjöstad, utökad"]
    assert re.findall(r'<a href="/organisationer/\d+">([^<]+)</a>', html) == ["Läxhjälpen i Sjöstad"]
    by_number = client.get("/sok?q=8024561238").get_data(as_text=True)
    assert "Läxhjälpen i Sjöstad" in by_number and "802456-1238" in by_number
    by_case = client.get("/sok?q=KFN 2026/2").get_data(as_text=True)
    assert re.findall(r'<a href="/overenskommelser/\d+">([^<]+)</a>', by_case) == ["Läxhjälp"]
    assert "Inget matchar ”zzz”" in client.get("/sok?q=zzz").get_data(as_text=True)
    assert 'action="/sok"' in client.get("/").get_data(as_text=True)  # the box in every page's header


def test_search_needs_a_login(client, app, departments):
    assert client.get("/sok?q=a").status_code in (302, 401)


def _with_password(app, email: str, password: str) -> int:
    """Give the user a password (which ends their sessions); answers the user's id."""
    with app.app_context():
        user = db.session.query(User).filter_by(email=email).one()
        services.set_password(user=user, password=password)
        db.session.commit()
        return user.id


def change(old: str, new: str, repeated: str) -> dict:
    return {"current_password": old, "new_password": new, "repeated_password": repeated}


def test_changing_my_password_needs_the_old_one_and_the_new_twice(client, app, officer):
    signed_in_session(client, app, _with_password(app, officer, "gammalt lösenord 1"))
    wrong = post(client, "/konto", change("fel", "nytt lösenord 22", "nytt lösenord 22"))
    assert wrong.status_code == 422
    assert "Det nuvarande lösenordet stämmer inte." in wrong.get_data(as_text=True)
    assert "nytt lösenord 22" not in wrong.get_data(as_text=True)
    differ = post(client, "/konto", change("gammalt lösenord 1", "nytt lösenord 22", "nytt lösenord 23"))
    assert differ.status_code == 422 and "Lösenorden är inte lika" in differ.get_data(as_text=True)


def test_a_changed_password_signs_out_my_other_browsers_but_not_this_one(client, app, officer):
    user_id = _with_password(app, officer, "gammalt lösenord 1")
    signed_in_session(client, app, user_id)
    other = app.test_client()
    signed_in_session(other, app, user_id)
    assert other.get("/konto").status_code == 200
    done = post(client, "/konto", change("gammalt lösenord 1", "nytt lösenord 22", "nytt lösenord 22"))
    assert done.status_code == 302
    assert "Lösenordet är bytt" in client.get("/konto").get_data(as_text=True)
    assert other.get("/konto").status_code == 302  # signed out: to the login page
    with app.app_context():
        assert services.check_password(email=officer, password="nytt lösenord 22") is not None


def test_i_create_copy_and_revoke_a_calendar_feed_on_a_page(client, app, officer):
    created = post(client, "/konto/kalendrar", {"scope": "user", "name": "Mina IOP-datum"})
    assert created.status_code == 201
    html = created.get_data(as_text=True)
    url = re.search(r'id="feed-url" type="text" readonly value="([^"]+)"', html).group(1)
    assert "/calendar/cal_" in url and "Lägg till i Outlook" in html
    path = url[url.index("/calendar/"):]
    assert client.get(path).status_code == 200
    listing = client.get("/konto/kalendrar").get_data(as_text=True)
    assert url not in listing and "Mina IOP-datum" in listing  # the address is shown only once
    feed_id = re.search(r'/konto/kalendrar/(\d+)/kopiera', listing).group(1)
    copied = post(client, f"/konto/kalendrar/{feed_id}/kopiera", {}, page="/konto/kalendrar")
    assert copied.status_code == 201
    second = re.search(r'id="feed-url" type="text" readonly value="([^"]+)"', copied.get_data(as_text=True))
    assert second and second.group(1) != url
    revoked = post(client, f"/konto/kalendrar/{feed_id}/aterkalla", {}, page="/konto/kalendrar")
    assert revoked.status_code == 302
    assert client.get(path).status_code == 404
    assert "Återkallad" in client.get("/konto/kalendrar").get_data(as_text=True)


def test_a_department_feed_of_an_unknown_department_is_refused_beside_the_field(client, app, officer):
    response = post(client, "/konto/kalendrar", {"scope": "department", "department": "NOPE"})
    assert response.status_code == 422 and "Förvaltningen NOPE finns inte." in response.get_data(as_text=True)
