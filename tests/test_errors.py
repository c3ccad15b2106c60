"""One error shape for the whole API; no stack trace or SQL ever reaches a client."""

from tests.conftest import app_config

UNREACHABLE_DB = "postgresql+psycopg://postgres@127.0.0.1:1/iop"


def test_malformed_json_gets_400_in_the_error_shape(client, callers):
    response = client.post("/api/v1/organisations", data="{inte json",
                           headers={**callers.officer.headers, "Content-Type": "application/json"})
    assert response.status_code == 400
    body = response.get_json()
    assert body["code"] == 400 and body["status"] == "Bad Request" and body["message"]


def test_a_wrong_content_type_is_treated_as_a_missing_body(client, callers):
    response = client.post("/api/v1/organisations", data="name=x",
                           headers={**callers.officer.headers, "Content-Type": "text/plain"})
    assert response.status_code == 422
    assert "name" in response.get_json()["errors"]


def test_a_json_array_instead_of_an_object_is_422(client, callers):
    response = client.post("/api/v1/organisations", json=[1, 2], headers=callers.officer.headers)
    assert response.status_code == 422


def test_unknown_api_paths_and_methods_answer_json(client, callers):
    missing = client.get("/api/v1/finns-inte", headers=callers.viewer.headers)
    assert missing.status_code == 404 and missing.is_json
    wrong = client.put("/api/v1/organisations", headers=callers.viewer.headers)
    assert wrong.status_code == 405 and wrong.get_json()["code"] == 405


def test_web_pages_answer_errors_as_swedish_pages(client):
    response = client.get("/finns-inte")
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert "finns inte" in response.get_data(as_text=True)


def test_an_unexpected_error_is_500_without_its_details(make_app, database_url, callers):
    app = make_app(app_config(database_url, TESTING=False, PROPAGATE_EXCEPTIONS=False))

    def boom():
        raise RuntimeError("SELECT password_hash FROM users -- /srv/iop/secret.py line 3")

    app.add_url_rule("/api/v1/boom", view_func=boom)
    response = app.test_client().get("/api/v1/boom", headers=callers.viewer.headers)
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert response.get_json()["code"] == 500
    assert "SELECT" not in body and "secret.py" not in body and "Traceback" not in body


def test_a_database_that_is_down_gives_503_not_a_trace(make_app):
    app = make_app(app_config(UNREACHABLE_DB, TESTING=False, PROPAGATE_EXCEPTIONS=False))
    client = app.test_client()
    health = client.get("/api/v1/health")
    assert health.status_code == 503 and health.get_json()["database"] == "unavailable"
    response = client.get("/api/v1/organisations", headers={"Authorization": "Bearer iop_x"})
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    text = response.get_data(as_text=True)
    assert "127.0.0.1" not in text and "psycopg" not in text


def test_an_id_too_large_for_the_database_is_simply_not_found(client, callers):
    for path in ("/api/v1/organisations/9223372036854775808", "/api/v1/agreements/2147483648",
                 "/api/v1/initiatives/99999999999999999999"):
        response = client.get(path, headers=callers.viewer.headers)
        assert response.status_code == 404, path


def test_search_folds_swedish_letters_on_every_database(client, callers):
    from tests.organisations.test_api import LAXHJALPEN

    client.post("/api/v1/organisations", json={**LAXHJALPEN, "name": "ÅRSTA ÄLDREFÖRENING"},
                headers=callers.officer.headers)
    found = client.get("/api/v1/organisations?q=årsta äldre", headers=callers.viewer.headers).get_json()
    assert [o["name"] for o in found] == ["ÅRSTA ÄLDREFÖRENING"]
