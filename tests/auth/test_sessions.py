"""Web sessions: cookies browsers keep to themselves, a new session at login, and sessions that end."""

import re
from datetime import timedelta

import pytest

from iop.auth import services
from iop.clock import wall_frozen_at, wall_utcnow
from iop.extensions import db
from tests.conftest import app_config
from tests.web import login, page_csrf, sign_in, table_rows

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
    start = wall_utcnow()
    with wall_frozen_at(start):
        login(client, "karin@kommun.test", PASSWORD)
    with wall_frozen_at(start + timedelta(minutes=29)):
        assert client.get("/").status_code == 200
    with wall_frozen_at(start + timedelta(minutes=29 + 31)):
        response = client.get("/")
        assert response.status_code == 302 and response.headers["Location"].startswith("/login")
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        assert "inaktivitet" in page
        assert client.get("/").status_code == 302


def test_a_busy_session_still_ends_twelve_hours_after_login(client, karin):
    start = wall_utcnow()
    with wall_frozen_at(start):
        login(client, "karin@kommun.test", PASSWORD)
    for minutes in range(20, 12 * 60, 20):
        with wall_frozen_at(start + timedelta(minutes=minutes)):
            assert client.get("/").status_code == 200, minutes
    with wall_frozen_at(start + timedelta(hours=12, minutes=1)):
        assert client.get("/").status_code == 302


def copy_of(client, app):
    """A second browser holding a copy of `client`'s session cookie (stolen, or left on a shared PC)."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def test_a_signed_cookie_without_a_server_session_is_not_signed_in(client, karin, app):
    from tests.web import make_web_user

    user_id, _ = make_web_user(app, "admin", email="gammal@kommun.test")
    with client.session_transaction() as session:  # as every cookie was before sessions had rows
        session.update({"_user_id": str(user_id), "_fresh": True})
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_a_copied_cookie_is_refused_after_logout(client, karin, app):
    login(client, "karin@kommun.test", PASSWORD)
    thief = copy_of(client, app)
    assert thief.get("/").status_code == 200
    client.post("/logout", data={"csrf_token": page_csrf(client, "/")})
    response = thief.get("/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert "Din inloggning har avslutats" in thief.get("/login").get_data(as_text=True)


def test_a_copied_cookie_is_refused_after_a_password_change(client, karin, app):
    login(client, "karin@kommun.test", PASSWORD)
    thief = copy_of(client, app)
    admin = app.test_client()
    sign_in(admin, app, "admin")
    karin_id = user_id_of(app, "karin@kommun.test")
    response = admin.post(f"/admin/anvandare/{karin_id}/losenord",
                          data={"password": "ett-helt-nytt-losenord",
                                "csrf_token": page_csrf(admin, f"/admin/anvandare/{karin_id}")})
    assert response.status_code == 302
    assert thief.get("/").status_code == 302
    assert client.get("/").status_code == 302  # the owner too: a new password means a new login
    login(client, "karin@kommun.test", "ett-helt-nytt-losenord")
    assert client.get("/").status_code == 200


def test_a_copied_cookie_is_refused_after_deactivation_and_after_reactivation(client, karin, app):
    login(client, "karin@kommun.test", PASSWORD)
    thief = copy_of(client, app)
    admin = app.test_client()
    sign_in(admin, app, "admin")
    karin_id = user_id_of(app, "karin@kommun.test")
    for active in ("0", "1"):
        admin.post(f"/admin/anvandare/{karin_id}/aktiv",
                   data={"active": active, "csrf_token": page_csrf(admin, f"/admin/anvandare/{karin_id}")})
    assert thief.get("/").status_code == 302


def test_an_admin_logs_a_user_out_everywhere(client, karin, app):
    login(client, "karin@kommun.test", PASSWORD)
    other_browser = app.test_client()
    login(other_browser, "karin@kommun.test", PASSWORD)
    admin = app.test_client()
    sign_in(admin, app, "admin")
    karin_id = user_id_of(app, "karin@kommun.test")
    response = admin.post(f"/admin/anvandare/{karin_id}/logga-ut",
                          data={"csrf_token": page_csrf(admin, f"/admin/anvandare/{karin_id}")},
                          follow_redirects=True)
    assert "karin@kommun.test är utloggad från 2 webbläsare." in response.get_data(as_text=True)
    assert client.get("/").status_code == 302 and other_browser.get("/").status_code == 302


def test_my_sessions_page_lists_my_browsers_and_ends_one(client, karin, app):
    laptop = app.test_client()
    laptop.environ_base["HTTP_USER_AGENT"] = "Firefox på jobbdatorn"
    login(laptop, "karin@kommun.test", PASSWORD)
    login(client, "karin@kommun.test", PASSWORD)
    html = client.get("/konto/sessioner").get_data(as_text=True)
    rows = table_rows(html, "Inloggade webbläsare, senast använd först")
    assert len(rows) == 2
    assert any(row[0].startswith("Firefox på jobbdatorn") for row in rows)
    assert any("Den här webbläsaren" in row[0] for row in rows)
    assert "Avsluta" in html and 'class="visually-hidden"> inloggningen från' in html
    laptop_row = next(row for row in re.findall(r"<tr>(.*?)</tr>", html, re.S) if "Firefox" in row)
    laptop_id = int(re.search(r"/konto/sessioner/(\d+)/avsluta", laptop_row).group(1))
    response = client.post(f"/konto/sessioner/{laptop_id}/avsluta",
                           data={"csrf_token": page_csrf(client, "/konto/sessioner")}, follow_redirects=True)
    assert "Sessionen är avslutad." in response.get_data(as_text=True)
    assert laptop.get("/").status_code == 302
    assert client.get("/").status_code == 200
    assert len(table_rows(client.get("/konto/sessioner").get_data(as_text=True),
                          "Inloggade webbläsare, senast använd först")) == 1


def test_nobody_ends_another_users_session(client, karin, app):
    login(client, "karin@kommun.test", PASSWORD)
    with app.app_context():
        from iop.auth.models import WebSession

        karins = db.session.scalar(db.select(WebSession.id))
    other = app.test_client()
    sign_in(other, app, "officer", email="annan@kommun.test")
    response = other.post(f"/konto/sessioner/{karins}/avsluta", data={"csrf_token": page_csrf(other, "/")})
    assert response.status_code == 404
    assert client.get("/").status_code == 200


def test_a_client_set_x_forwarded_for_neither_moves_nor_breaks_a_session(client, karin, app):
    login(client, "karin@kommun.test", PASSWORD)
    assert client.get("/", headers={"X-Forwarded-For": "203.0.113.9"}).status_code == 200
    html = client.get("/konto/sessioner", headers={"X-Forwarded-For": "203.0.113.9"}).get_data(as_text=True)
    assert "203.0.113.9" not in html and "127.0.0.1" in html


def test_last_seen_is_written_at_most_once_a_minute(client, karin, app):
    from iop.auth.models import WebSession

    start = wall_utcnow()
    with wall_frozen_at(start):
        login(client, "karin@kommun.test", PASSWORD)
    with wall_frozen_at(start + timedelta(seconds=50)):
        client.get("/")
    with app.app_context():
        assert db.session.scalar(db.select(WebSession.last_seen_at)) == start
    with wall_frozen_at(start + timedelta(seconds=70)):
        client.get("/")
    with app.app_context():
        assert db.session.scalar(db.select(WebSession.last_seen_at)) == start + timedelta(seconds=70)


def user_id_of(app, email: str) -> int:
    with app.app_context():
        return services.get_user(email=email).id
