"""Web sessions: cookies browsers keep to themselves, a new session at login, and sessions that end."""

from datetime import timedelta

import pytest

from iop.auth import services
from iop.clock import frozen_at, utcnow
from iop.extensions import db
from tests.conftest import app_config
from tests.web import login

PASSWORD = "ett-bra-lösenord"


@pytest.fixture
def karin(app, departments):
    with app.app_context():
        services.create_user(email="karin@kommun.test", role="officer", department_code="KFF",
                             name="Karin", password=PASSWORD)
        db.session.commit()


def session_cookie(response) -> str:
    return next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))


def test_the_session_cookie_is_secure_http_only_and_same_site_lax(client, karin):
    cookie = session_cookie(login(client, "karin@kommun.test", PASSWORD))
    assert "; Secure" in cookie and "; HttpOnly" in cookie and "; SameSite=Lax" in cookie
    assert "Expires=" not in cookie  # gone when the browser closes


@pytest.mark.parametrize("base_url, secure", [
    ("http://127.0.0.1:5000", False), ("http://localhost:8000", False),
    ("https://iop.kommun.se", True), ("http://iop.intern.kommun.se", True)])
def test_cookies_are_secure_unless_served_over_plain_http_on_this_machine(
        make_app, database_url, base_url, secure):
    app = make_app(app_config(database_url, BASE_URL=base_url))
    assert app.config["SESSION_COOKIE_SECURE"] is secure


def test_secure_cookies_can_be_turned_off_for_a_plain_http_intranet(make_app, database_url):
    app = make_app(app_config(database_url, BASE_URL="http://iop.intern", SESSION_COOKIE_SECURE="off"))
    assert app.config["SESSION_COOKIE_SECURE"] is False


def test_login_starts_a_new_session_so_a_planted_one_is_worthless(client, karin):
    client.get("/login")
    with client.session_transaction() as planted:
        planted["planted_by_attacker"] = "x"
    before = client.get_cookie("session").value
    login(client, "karin@kommun.test", PASSWORD)
    with client.session_transaction() as session:
        assert "planted_by_attacker" not in session
    assert client.get_cookie("session").value != before


def test_a_session_idle_longer_than_thirty_minutes_ends(client, karin):
    start = utcnow()
    with frozen_at(start):
        login(client, "karin@kommun.test", PASSWORD)
    with frozen_at(start + timedelta(minutes=29)):
        assert client.get("/").status_code == 200
    with frozen_at(start + timedelta(minutes=29 + 31)):
        response = client.get("/")
        assert response.status_code == 302 and response.headers["Location"].startswith("/login")
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        assert "inaktivitet" in page
        assert client.get("/").status_code == 302


def test_a_busy_session_still_ends_twelve_hours_after_login(client, karin):
    start = utcnow()
    with frozen_at(start):
        login(client, "karin@kommun.test", PASSWORD)
    for minutes in range(20, 12 * 60, 20):
        with frozen_at(start + timedelta(minutes=minutes)):
            assert client.get("/").status_code == 200, minutes
    with frozen_at(start + timedelta(hours=12, minutes=1)):
        assert client.get("/").status_code == 302


def test_a_session_from_before_the_limits_existed_starts_its_clock_at_its_next_request(client, karin, app):
    from tests.web import sign_in

    start = utcnow()
    with frozen_at(start):
        sign_in(client, app, email="gammal@kommun.test")
        assert client.get("/").status_code == 200
    with frozen_at(start + timedelta(minutes=31)):
        assert client.get("/").status_code == 302
