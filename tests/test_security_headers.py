"""Security headers on every answer, and request size limits with a clean 413."""

import re

import pytest

from tests.conftest import app_config


@pytest.mark.parametrize("path", ["/login", "/api/v1/health", "/api/v1/finns-inte", "/finns-inte"])
def test_every_answer_carries_the_security_headers(client, path):
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in headers  # the test base URL is http


def test_api_answers_are_not_stored_by_caches(client, callers):
    response = client.get("/api/v1/organisations", headers=callers.viewer.headers)
    assert response.headers["Cache-Control"] == "no-store"


def test_https_deployments_get_strict_transport_security(make_app, database_url):
    app = make_app(app_config(database_url, BASE_URL="https://iop.kommun.se"))
    hsts = app.test_client().get("/api/v1/health").headers["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts


def test_the_pages_have_no_inline_script_or_style_the_policy_would_block(client):
    html = client.get("/login").get_data(as_text=True)
    assert "<script>" not in html and "style=" not in html and "<style" not in html


@pytest.fixture
def small_app(make_app, database_url, app):
    return make_app(app_config(database_url, MAX_CONTENT_LENGTH=4096))


def test_an_oversized_api_request_gets_a_json_413(small_app, callers):
    body = {"name": "x" * 10_000, "org_number": "802456-1238", "legal_form": "ideell_forening"}
    response = small_app.test_client().post("/api/v1/organisations", json=body,
                                            headers=callers.officer.headers)
    assert response.status_code == 413
    assert response.get_json() == {"code": 413, "status": "Request Entity Too Large",
                                   "message": "Begäran är för stor."}


def test_an_oversized_form_gets_a_swedish_page(small_app):
    response = small_app.test_client().post("/login", data={"email": "a@b.se", "password": "x" * 10_000})
    assert response.status_code == 413
    assert response.mimetype == "text/html" and "för stor" in response.get_data(as_text=True)


def test_a_proxy_is_believed_only_when_configured(make_app, database_url, app):
    trusted = make_app(app_config(database_url, TRUSTED_PROXIES=1))

    @trusted.route("/whoami")
    def whoami():
        from flask import request

        return request.remote_addr or ""

    headers = {"X-Forwarded-For": "203.0.113.9"}
    assert trusted.test_client().get("/whoami", headers=headers).get_data(as_text=True) == "203.0.113.9"


INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=|javascript:", re.I)
LINK = re.compile(r'href="(/[^"#?]*)')


def test_no_page_has_inline_script_or_style_the_policy_would_block(app, client, callers):
    """Crawl every page an admin can reach from the start page (organisations and all)."""
    from tests.web import sign_in

    client.post("/api/v1/organisations", headers=callers.officer.headers, json={
        "name": "Läxhjälpen", "org_number": "802456-1238", "legal_form": "ideell_forening",
        "contacts": [{"name": "Lena Lind"}]})
    client.post("/api/v1/initiatives", headers=callers.officer.headers, json={
        "title": "Spontanidrott", "description": "Öppen hall på fredagar.", "departments": ["KFF", "SOC"]})
    sign_in(client, app, role="admin", email="crawler@kommun.test")
    seen, queue, offenders = set(), ["/"], []
    while queue and len(seen) < 80:
        path = queue.pop(0)
        if path in seen or path.startswith(("/api/", "/static/", "/logout")):
            continue
        seen.add(path)
        response = client.get(path)
        if response.mimetype != "text/html":
            continue
        html = response.get_data(as_text=True)
        offenders += [f"{path}: {m.group(0)}" for m in INLINE.finditer(html)]
        queue += [link for link in LINK.findall(html) if link not in seen]
    assert len(seen) > 3, seen
    assert not offenders, offenders
