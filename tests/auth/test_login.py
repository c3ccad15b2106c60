import pytest

from iop.auth import services
from iop.extensions import db
from tests.web import csrf_token, login

PASSWORD = "ett-bra-lösenord"


@pytest.fixture
def karin(app, departments):
    with app.app_context():
        services.create_user(email="karin@kommun.test", role="officer", department_code="KFF",
                             name="Karin", password=PASSWORD)
        db.session.commit()


def test_an_officer_logs_in_with_a_password_and_sees_the_start_page(client, karin):
    response = login(client, "Karin@kommun.test", PASSWORD)
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert "Välkommen, Karin" in page


def test_a_wrong_password_is_shown_next_to_the_field(client, karin):
    response = login(client, "karin@kommun.test", "fel-lösenord")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="password-error"' in html and "Fel e-postadress eller lösenord." in html
    assert client.get("/").status_code == 302  # still not logged in


def test_a_login_form_without_its_csrf_token_is_refused(client, karin):
    response = client.post("/login", data={"email": "karin@kommun.test", "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/").status_code == 302


def test_login_only_redirects_within_the_site(client, karin):
    assert login(client, "karin@kommun.test", PASSWORD, next_url="/").headers["Location"] == "/"
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/").get_data(as_text=True))})
    response = login(client, "karin@kommun.test", PASSWORD, next_url="https://evil.example/")
    assert response.headers["Location"] == "/"


def test_logout_ends_the_session(client, karin):
    login(client, "karin@kommun.test", PASSWORD)
    token = csrf_token(client.get("/").get_data(as_text=True))
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/").status_code == 302


def test_a_login_is_in_the_audit_log(client, karin, callers):
    login(client, "karin@kommun.test", PASSWORD)
    events = client.get("/api/v1/audit?action=login", headers=callers.admin.headers).get_json()
    assert [e["actor"] for e in events] == ["karin@kommun.test"]
