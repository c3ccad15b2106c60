"""The web interface's shell: login first, a menu by role with only the pages that exist."""

import re

import pytest
from flask import Blueprint

from iop.roles import Role
from iop.start import views as start
from tests.conftest import app_config
from tests.web import WEB_PASSWORD, csrf_token, login, make_web_user, page_csrf, sign_in, web_pages

PUBLIC = {"auth.login", "start.accessibility"}


def menu(html: str) -> list[str]:
    nav = re.search(r'<nav class="site-nav" aria-label="Huvudmeny">(.*?)</nav>', html, re.S)
    return re.findall(r"<a [^>]*>([^<]+)</a>", nav.group(1)) if nav else []


def test_every_page_but_the_login_sends_a_signed_out_visitor_to_the_login(client, app):
    # The organisations' portal has a sign-in of its own (tests/portal/test_pages.py).
    for endpoint in sorted(e for e in web_pages(app) - PUBLIC if not e.startswith("portal.")):
        rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
        path = re.sub(r"<[^>]+>", "1", rule.rule)
        response = client.get(path)
        assert response.status_code == 302, endpoint
        assert response.headers["Location"].startswith("/login?next="), endpoint


@pytest.fixture
def karin(app, departments) -> str:
    return make_web_user(app, "officer", password=WEB_PASSWORD)[1]


def test_the_login_sends_the_visitor_back_to_the_page_asked_for(client, karin):
    response = login(client, karin, WEB_PASSWORD, next_url="/organisationer")
    assert response.headers["Location"] == "/organisationer"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_the_login_never_sends_the_visitor_off_the_site(client, karin, target):
    assert login(client, karin, WEB_PASSWORD, next_url=target).headers["Location"] == "/"


def test_a_signed_in_user_opening_the_login_page_goes_to_the_start_page(client, app, departments):
    sign_in(client, app, "officer")
    assert client.get("/login").headers["Location"] == "/"


def test_the_login_page_never_sends_a_typed_password_back(client, karin):
    html = login(client, karin, "fel-men-hemligt").get_data(as_text=True)
    assert "fel-men-hemligt" not in html and f'value="{karin}"' in html


def test_logging_out_says_so_on_the_login_page(client, app, departments):
    sign_in(client, app, "officer")
    response = client.post("/logout", data={"csrf_token": page_csrf(client, "/")}, follow_redirects=True)
    assert "Du är utloggad." in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["officer", "coordinator", "legal", "viewer", "admin"])
def test_the_menu_shows_only_pages_that_exist(client, app, departments, role):
    sign_in(client, app, role)
    html = client.get("/organisationer").get_data(as_text=True)
    admin = ["Admin"] if role == "admin" else []
    assert menu(html) == ["Start", "Organisationer", "Överenskommelser", "Initiativ", "Påminnelser",
                          "Föreningsbidrag", "Årsrapport", *admin]
    assert re.search(r'<a href="/organisationer" aria-current="page">Organisationer</a>', html)


def test_a_page_joins_the_menu_when_its_endpoint_exists_and_admin_only_for_admins(make_app, app, departments,
                                                                                   database_url, monkeypatch):
    from iop.web import navigation

    # Two menu entries whose pages no app has yet: made up, so the test outlives every real page.
    made_up = (navigation.NavItem("Provsida", "trial.index"),
               navigation.NavItem("Provadmin", "trial_admin.index", "user.manage"))
    monkeypatch.setattr(navigation, "NAV", (*navigation.NAV, *made_up))
    other = make_app(app_config(database_url))  # the same database, the two pages added
    for name in ("trial", "trial_admin"):
        blueprint = Blueprint(name, __name__, url_prefix=f"/{name}")
        blueprint.add_url_rule("", "index", lambda: "")
        other.register_blueprint(blueprint)
    seen = {}
    for role in ("officer", "admin"):
        for label, service in (("without", app), ("with", other)):
            client = service.test_client()
            sign_in(client, service, role, email=f"{role}.{label}@kommun.test")
            seen[role, label] = [item for item in menu(client.get("/").get_data(as_text=True))
                                 if item.startswith("Prov")]
    assert seen == {("officer", "without"): [], ("officer", "with"): ["Provsida"],
                    ("admin", "without"): [], ("admin", "with"): ["Provsida", "Provadmin"]}


def test_the_start_page_names_the_officers_department_and_committee(client, app, departments):
    sign_in(client, app, "officer")
    html = client.get("/").get_data(as_text=True)
    assert ("Du är inloggad som handläggare på Kultur- och fritidsförvaltningen "
            "(Kultur- och fritidsnämnden).") in html
    assert "Registrera en organisation" in html


def test_the_start_page_shows_no_section_whose_feature_has_not_landed(client, app, departments):
    waiting = [section for section in start.SECTIONS if section.source is None]
    for role in ("legal", "officer"):
        sign_in(client, app, role, email=f"{role}.start@kommun.test")
        html = client.get("/").get_data(as_text=True)
        for section in waiting:
            assert section.title not in html
    assert "Registrera en organisation" in html and "Mina utkast" in html


def test_the_start_page_shows_a_roles_section_once_it_has_a_source(client, app, departments, monkeypatch,
                                                                   tmp_path):
    template = "start/_example.html"
    app.jinja_loader.searchpath.append(str(tmp_path))
    (tmp_path / "start").mkdir()
    (tmp_path / template).write_text("<p>{{ data|length }} att granska</p>")
    reviews = start.Section("example", "Väntar på min granskning", frozenset({Role.LEGAL}),
                            source=lambda user: [1, 2])
    monkeypatch.setattr(start, "SECTIONS", (reviews,))
    try:
        sign_in(client, app, "legal")
        assert "<p>2 att granska</p>" in client.get("/").get_data(as_text=True)
        client.post("/logout", data={"csrf_token": csrf_token(client.get("/").get_data(as_text=True))})
        sign_in(client, app, "viewer")
        assert "Väntar på min granskning" not in client.get("/").get_data(as_text=True)
    finally:
        app.jinja_loader.searchpath.remove(str(tmp_path))


def test_the_accessibility_statement_is_public(client):
    response = client.get("/tillganglighet")
    assert response.status_code == 200 and "Tillgänglighetsredogörelse" in response.get_data(as_text=True)


def test_every_page_links_to_the_accessibility_statement_and_skips_to_the_content(client):
    html = client.get("/login").get_data(as_text=True)
    assert '<a class="skip-link" href="#main">' in html and '<main id="main"' in html
    assert 'href="/tillganglighet"' in html


def test_a_signed_in_user_gets_a_swedish_503_page_when_the_database_is_down(make_app):
    from iop.auth.sessions import KEY
    from tests.test_errors import UNREACHABLE_DB

    app = make_app(app_config(UNREACHABLE_DB, TESTING=False, PROPAGATE_EXCEPTIONS=False))
    client = app.test_client()
    with client.session_transaction() as session:  # its row cannot be read while the database is down
        session.update({"_user_id": "1", "_fresh": True, KEY: "a-key-from-before-the-outage"})
    response = client.get("/organisationer")
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert "Databasen är inte tillgänglig just nu." in response.get_data(as_text=True)
