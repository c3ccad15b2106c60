"""/api/v1/ready: may this process take traffic? Its database answers and is migrated to the code."""

from tests.conftest import app_config

UNREACHABLE_DB = "postgresql+psycopg://postgres@127.0.0.1:1/iop"


def test_a_migrated_service_is_ready(client):
    response = client.get("/api/v1/ready")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok" and body["database"] == "ok" and body["migrations"] == "ok"
    assert body["revision"]


def test_a_database_without_the_latest_migrations_is_not_ready(make_app, tmp_path, app):
    empty = make_app(app_config(f"sqlite:///{tmp_path / 'tom.sqlite3'}"))
    response = empty.test_client().get("/api/v1/ready")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": "ok", "migrations": "behind",
                                   "revision": None}


def test_no_database_is_not_ready(make_app, app):
    app = make_app(app_config(UNREACHABLE_DB, TESTING=False, PROPAGATE_EXCEPTIONS=False))
    response = app.test_client().get("/api/v1/ready")
    assert response.status_code == 503 and response.get_json()["database"] == "unavailable"


def test_readiness_and_liveness_need_no_token(client):
    assert client.get("/api/v1/ready").status_code == 200
    assert client.get("/api/v1/health").status_code == 200
