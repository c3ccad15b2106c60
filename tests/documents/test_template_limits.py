"""A template that loops for ever or blows up is refused when checked, not run inside the service."""

from __future__ import annotations

import time

import pytest

ENDLESS = ("{{ title }}", "{% for a in range(99999) %}{% for b in range(99999) %}{{ title }}"
                          "{% endfor %}{% endfor %}")
HUGE = ("{{ title }}", "{{ title * 900000000 }}")


@pytest.fixture
def limited(app, monkeypatch):
    monkeypatch.setitem(app.config, "TEMPLATE_CHECK_SECONDS", 8)
    monkeypatch.setitem(app.config, "TEMPLATE_CHECK_MEMORY_MB", 700)


def test_iop_templates_check_refuses_a_template_that_never_stops(runner, edited_copy, limited):
    template = edited_copy("iop", dict([ENDLESS]))
    started = time.monotonic()
    result = runner.invoke(args=["templates", "check", "--dir", str(template.path.parent)])
    assert time.monotonic() - started < 60  # stopped by the limit, not left running
    assert result.exit_code == 1
    assert "Provrenderingen tog längre än 8 sekunder och avbröts." in result.output


def test_iop_templates_check_refuses_a_template_that_explodes(runner, edited_copy, limited):
    template = edited_copy("iop", dict([HUGE]))
    result = runner.invoke(args=["templates", "check", "--dir", str(template.path.parent)])
    assert result.exit_code == 1
    assert ("Provrenderingen behövde mer än 700 MB minne och avbröts." in result.output
            or "Provrenderingen tog längre än" in result.output), result.output


def test_the_admins_templates_page_shows_the_refusal_and_answers(app, client, departments, edited_copy,
                                                                  limited, monkeypatch):
    from tests.web import sign_in

    template = edited_copy("iop", dict([ENDLESS]))
    monkeypatch.setitem(app.config, "TEMPLATES_DIR", str(template.path.parent))
    sign_in(client, app, "admin")
    response = client.get("/admin/mallar")
    assert response.status_code == 200
    assert "Provrenderingen tog längre än 8 sekunder och avbröts." in response.get_data(as_text=True)


def test_a_looping_template_is_refused_before_its_first_document_not_run_in_the_service(
        app, client, callers, organisation_id, edited_copy, limited, monkeypatch):
    from tests.agreements.factories import clean_iop, draft

    template = edited_copy("iop", dict([ENDLESS]))
    monkeypatch.setitem(app.config, "TEMPLATES_DIR", str(template.path.parent))
    # A draft is pinned to the template version it is drafted with: this one gets the looping one.
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    started = time.monotonic()
    response = client.get(f"/api/v1/agreements/{agreement['id']}/document", headers=callers.officer.headers)
    assert time.monotonic() - started < 60
    assert response.status_code == 500
    assert "Mallen iop (iop.docx) kan inte användas: Provrenderingen tog längre än" in \
        response.get_json()["message"]
