"""The agreement's page kept between views: fast when nothing changed, never stale when something did.

Everywhere else in the suite every kept page is also checked against one rendered afresh
(KEPT_VERIFY); here that check is off where a test counts what a kept view costs.
"""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from iop.extensions import db
from tests.agreements.factories import clean_iop, draft
from tests.web import page_csrf, sign_in, signed_in_session


def _statements(app, client, path: str) -> tuple[int, str]:
    """How many SQL statements one view of `path` runs, and its HTML."""
    seen = []

    def count(*args):
        seen.append(args[2])

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get(path)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 200
    return len([s for s in seen if s.split()[0].upper() not in ("BEGIN", "COMMIT", "ROLLBACK")]), \
        response.get_data(as_text=True)


@pytest.fixture
def page(client, app, callers, organisation_id, monkeypatch):
    monkeypatch.setitem(app.config, "KEPT_VERIFY", False)
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    sign_in(client, app, "viewer", department=None)
    return f"/overenskommelser/{agreement['id']}"


def test_a_page_viewed_again_unchanged_runs_a_few_small_statements_and_reads_the_same(app, client, page):
    first_count, first = _statements(app, client, page)
    again_count, again = _statements(app, client, page)
    third_count, _ = _statements(app, client, page)
    # the session, and the agreement's version with the newest audit event
    assert again_count == third_count == 2 < first_count
    assert again == first


def test_what_someone_else_changes_shows_on_the_next_view(app, client, callers, organisation_id, page):
    _statements(app, client, page)
    renamed = client.patch(f"/api/v1/organisations/{organisation_id}", json={"name": "Läxhjälpen Norra"},
                           headers={**callers.officer.headers,
                                    "If-Match": client.get(f"/api/v1/organisations/{organisation_id}",
                                                           headers=callers.officer.headers).headers["ETag"]})
    assert renamed.status_code == 200, renamed.get_json()
    count, html = _statements(app, client, page)
    assert "Läxhjälpen Norra" in html and count > 2


def test_aid_granted_elsewhere_shows_its_warning_on_a_kept_page(app, client, callers, organisation_id):
    agreement = draft(client, callers.officer, clean_iop(organisation_id, resources=[
        {"party": "municipality", "type": "money", "amount_sek": 1000000, "per": "total"},
        {"party": "organisation", "type": "volunteer_hours", "hours": 500}]))
    sign_in(client, app, "viewer", department=None)
    page = f"/overenskommelser/{agreement['id']}"
    assert "Inga juridiska varningar" in client.get(page).get_data(as_text=True)

    # A grants import is an audit event: the page's key moves with it.
    grants = ("year,committee,org_number,organisation,purpose,amount_sek\n"
              "2026,Socialnämnden,802456-1238,Läxhjälpen i Sjöstad,Läxhjälp,2500000\n")
    assert client.post("/api/v1/grants/import", data=grants.encode(), headers={
        **callers.admin.headers, "Content-Type": "text/csv"}).get_json()["imported"] == 1
    html = client.get(page).get_data(as_text=True)
    assert "Juridiska varningar (1)" in html and "de minimis" in html.lower()


def test_each_browser_gets_its_own_form_token_in_a_kept_page(app, client, callers, organisation_id,
                                                             officer_id):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    page = f"/overenskommelser/{agreement['id']}"
    first, second = app.test_client(), app.test_client()
    signed_in_session(first, app, officer_id)
    signed_in_session(second, app, officer_id)
    first_token = page_csrf(first, page)
    second_html = second.get(page).get_data(as_text=True)
    second_token = re.search(r'name="csrf_token" value="([^"]+)"', second_html.split('<main')[1]).group(1)
    assert second_token != first_token
    version = re.search(r'name="version" value="(\d+)"', second_html).group(1)
    saved = second.post(f"{page}/mal", data={"csrf_token": second_token, "version": version,
                                             "gender_equality": "Flickor och pojkar deltar lika."})
    assert saved.status_code == 302
    assert "Flickor och pojkar deltar lika." in second.get(page).get_data(as_text=True)


@pytest.fixture
def officer_id(app, callers) -> int:
    from iop.auth.models import User

    with app.app_context():
        return db.session.scalar(db.select(User.id).filter_by(email=callers.officer.email))


@pytest.mark.postgresql_only
def test_nothing_is_kept_while_another_connection_writes(app, client, page):
    """PostgreSQL takes ids before commit: while another transaction writes, a newer-looking state
    may still change underneath, so the page is rendered every time until it ends."""
    with app.app_context():
        writer = db.engine.connect()
    try:
        writer.execute(sa.text("SELECT pg_current_xact_id()"))  # holds a transaction id, as a write does
        counts = [_statements(app, client, page)[0] for _ in range(2)]
    finally:
        writer.rollback()
        writer.close()
    assert counts[0] == counts[1] > 2
    _statements(app, client, page)
    assert _statements(app, client, page)[0] == 2
