import sqlalchemy as sa

from iop.auth.models import ApiToken, User
from iop.extensions import db


def test_a_call_without_a_token_is_refused_with_401_in_the_error_shape(client, callers):
    response = client.get("/api/v1/organisations")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    body = response.get_json()
    assert body["code"] == 401 and body["status"] == "Unauthorized" and body["message"]


def test_an_unknown_token_is_refused(client, callers):
    response = client.get("/api/v1/organisations", headers={"Authorization": "Bearer iop_nope"})
    assert response.status_code == 401


def test_a_token_of_another_scheme_is_refused(client, callers):
    basic = {"Authorization": "Basic YWRtaW46YWRtaW4="}
    assert client.get("/api/v1/organisations", headers=basic).status_code == 401


def test_health_and_openapi_need_no_token(client):
    assert client.get("/api/v1/health").get_json()["status"] == "ok"
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def test_me_tells_the_caller_who_they_are(client, callers):
    body = client.get("/api/v1/me", headers=callers.officer.headers).get_json()
    assert body == {"id": callers.officer.user_id, "email": "officer.kff@kommun.test",
                    "name": "Officer", "role": "officer", "department": "KFF"}


def test_tokens_are_stored_only_as_hashes_and_record_their_last_use(app, client, callers):
    client.get("/api/v1/me", headers=callers.viewer.headers)
    with app.app_context():
        rows = db.session.scalars(sa.select(ApiToken)).all()
        stored = {r.token_hash for r in rows} | {r.prefix for r in rows}
        assert callers.viewer.token not in stored
        viewer_row = next(r for r in rows if r.user_id == callers.viewer.user_id)
        assert viewer_row.last_used_at is not None


def test_a_revoked_token_stops_working_and_the_revocation_is_audited(client, callers):
    me = client.get("/api/v1/me", headers=callers.viewer.headers)
    assert me.status_code == 200
    from tests.auth.test_cli import token_id_of

    token_id = token_id_of(client.application, callers.viewer.email)
    response = client.delete(f"/api/v1/me/tokens/{token_id}", headers=callers.viewer.headers)
    assert response.status_code == 200 and response.get_json()["revoked_at"]
    assert client.get("/api/v1/me", headers=callers.viewer.headers).status_code == 401
    events = client.get("/api/v1/audit?entity=api_token", headers=callers.admin.headers).get_json()
    assert any("revoked_at" in e["changes"] for e in events)


def test_nobody_can_revoke_another_users_token(client, callers):
    from tests.auth.test_cli import token_id_of

    token_id = token_id_of(client.application, callers.viewer.email)
    response = client.delete(f"/api/v1/me/tokens/{token_id}", headers=callers.admin.headers)
    assert response.status_code == 404
    assert client.get("/api/v1/me", headers=callers.viewer.headers).status_code == 200


def test_a_deactivated_users_token_stops_working(app, client, callers):
    with app.app_context():
        db.session.get(User, callers.legal.user_id).active = False
        db.session.commit()
    assert client.get("/api/v1/me", headers=callers.legal.headers).status_code == 401


def test_a_token_expires_after_twelve_months_and_renewing_it_gives_twelve_more(client, callers):
    from datetime import timedelta

    from iop.auth import services
    from iop.auth.models import User
    from iop.clock import frozen_at, utcnow

    start = utcnow()
    with client.application.app_context():  # tokens of the default lifetime (the fixtures' last longer)
        officer, viewer = (services.issue_token(user=db.session.get(User, caller.user_id))
                           for caller in (callers.officer, callers.viewer))
        db.session.commit()
    officer_headers, viewer_headers = ({"Authorization": f"Bearer {token}"} for token in (officer, viewer))
    with client.application.app_context():
        officer_id = db.session.scalar(sa.select(ApiToken.id).where(
            ApiToken.token_hash == services.hash_token(officer)))
    with frozen_at(start + timedelta(days=300)):
        listed = client.post(f"/api/v1/me/tokens/{officer_id}/renew", headers=officer_headers)
        assert listed.status_code == 200
        renewed_until = listed.get_json()["expires_at"]
    assert renewed_until.startswith(str((start + timedelta(days=300)).year + 1))
    with frozen_at(start + timedelta(days=400)):
        assert client.get("/api/v1/me", headers=officer_headers).status_code == 200
        assert client.get("/api/v1/me", headers=viewer_headers).status_code == 401  # never renewed
    with frozen_at(start + timedelta(days=300 + 367)):
        response = client.get("/api/v1/me", headers=officer_headers)
        assert response.status_code == 401 and "gått ut" in response.get_json()["message"]


def test_the_token_lifetime_is_a_setting(make_app, database_url):
    from iop.auth import services
    from tests.conftest import app_config

    app = make_app(app_config(database_url, API_TOKEN_MONTHS="3"))
    with app.app_context():
        user = services.create_user(email="kort@kommun.test", role="viewer")
        services.issue_token(user=user)
        row = db.session.scalar(sa.select(ApiToken).where(ApiToken.user_id == user.id))
        assert 89 <= (row.expires_at - row.created_at).days <= 92
        db.session.rollback()


def test_a_revoked_token_cannot_be_renewed(client, callers):
    token_id = own_token_id(client, callers)
    client.delete(f"/api/v1/me/tokens/{token_id}", headers=callers.admin.headers)  # not the admin's: 404
    other = client.post(f"/api/v1/me/tokens/{token_id}/renew", headers=callers.admin.headers)
    assert other.status_code == 404


def own_token_id(client, callers) -> int:
    from iop.auth.services import hash_token

    with client.application.app_context():
        return db.session.scalar(sa.select(ApiToken.id).where(
            ApiToken.token_hash == hash_token(callers.officer.token)))
