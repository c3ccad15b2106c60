"""GET /api/v1/templates: every role sees which agreement templates exist."""

import json

import pytest


@pytest.mark.parametrize("role", ["admin", "coordinator", "officer", "legal", "viewer"])
def test_every_role_lists_the_templates(client, callers, role):
    response = client.get("/api/v1/templates", headers=callers.by_role()[role].headers)
    assert response.status_code == 200
    listed = {t["key"]: t for t in response.get_json()}
    assert sorted(listed) == ["annual", "iop"]
    assert set(listed["iop"]) >= {"key", "kind", "name", "version", "required_fields"}
    assert listed["iop"]["name"] == "Idéburet offentligt partnerskap"
    assert "market_assessment" in listed["iop"]["required_fields"]
    pagination = json.loads(response.headers["X-Pagination"])
    assert pagination["total"] == 2 and pagination["page"] == 1


def test_the_template_list_is_paged_like_other_lists(client, callers):
    response = client.get("/api/v1/templates?per_page=1&page=2", headers=callers.viewer.headers)
    assert [t["key"] for t in response.get_json()] == ["iop"]
    assert json.loads(response.headers["X-Pagination"])["total_pages"] == 2
    assert client.get("/api/v1/templates?page=0", headers=callers.viewer.headers).status_code == 422


def test_the_template_list_needs_a_token(client):
    assert client.get("/api/v1/templates").status_code == 401


def test_one_template_by_key(client, callers):
    response = client.get("/api/v1/templates/annual", headers=callers.officer.headers)
    assert response.status_code == 200
    assert response.get_json()["kind"] == "annual"
    missing = client.get("/api/v1/templates/lease", headers=callers.officer.headers)
    assert missing.status_code == 404 and missing.get_json()["message"] == "Mallen lease finns inte."


def test_a_broken_manifest_answers_a_clear_error(app, client, callers, tmp_path, monkeypatch):
    (tmp_path / "iop.json").write_text("{")
    monkeypatch.setitem(app.config, "TEMPLATES_DIR", str(tmp_path))
    response = client.get("/api/v1/templates", headers=callers.admin.headers)
    assert response.status_code == 500
    assert "iop.json" in response.get_json()["message"]
