"""GET /api/v1/reminders: what was planned and what became of its e-mail, for every role."""

import json
from datetime import date, time

import pytest

from iop.extensions import db
from tests.mailserver import free_port
from tests.reminders.factories import active_agreement
from tests.reminders.test_sweep import sweep


@pytest.fixture
def planned(app, callers, smtp, monkeypatch):
    """Two agreements: one reminder sent, one whose e-mail failed for good."""
    with app.app_context():
        sent = active_agreement(end_date=date(2027, 12, 31), notice_period_months=3).id
        db.session.commit()
        sweep(date(2027, 7, 2))
        failing = active_agreement(end_date=date(2027, 9, 30), notice_period_months=0).id
        db.session.commit()
        monkeypatch.setitem(app.config, "MAIL_RETRY_MINUTES", (5,))
        monkeypatch.setitem(app.config, "SMTP_PORT", free_port())
        sweep(date(2027, 7, 2), at=time(7, 10))
        sweep(date(2027, 7, 2), at=time(7, 20))
        db.session.remove()
    return {"sent": sent, "failing": failing}


@pytest.mark.parametrize("role", ["admin", "coordinator", "officer", "legal", "viewer"])
def test_every_role_reads_the_reminders(client, callers, planned, role):
    response = client.get("/api/v1/reminders", headers=callers.by_role()[role].headers)
    assert response.status_code == 200
    assert len(response.get_json()) == 3


def test_a_reminder_shows_its_key_date_due_day_and_delivery(client, callers, planned):
    body = client.get(f"/api/v1/reminders?agreement_id={planned['sent']}&status=sent",
                      headers=callers.viewer.headers).get_json()
    assert body == [{
        "id": body[0]["id"], "agreement_id": planned["sent"], "kind": "notice_deadline",
        "key_date": "2027-09-30", "offset_days": 90, "due_on": "2027-07-02", "status": "sent",
        "sent_at": "2027-07-02T05:00:00+00:00", "attempts": 1, "error": None}]


def test_a_reminder_whose_email_failed_for_good_is_shown_as_failed_with_the_error(client, callers, planned):
    body = client.get("/api/v1/reminders?status=failed", headers=callers.officer.headers).get_json()
    assert {r["kind"] for r in body} == {"notice_deadline", "end_date"}  # the same day: one e-mail
    assert all(r["agreement_id"] == planned["failing"] for r in body)
    assert all(r["attempts"] == 2 and "ConnectionRefusedError" in r["error"] and r["sent_at"] is None
               for r in body)


def test_reminders_filter_by_due_day_and_page(client, callers, planned):
    get = lambda query: client.get(f"/api/v1/reminders?{query}", headers=callers.viewer.headers)  # noqa: E731
    assert get("due_before=2027-07-01").get_json() == []
    assert len(get("due_before=2027-07-02").get_json()) == 3
    assert [r["kind"] for r in get("kind=end_date").get_json()] == ["end_date"]
    page = get("per_page=2&page=2")
    assert len(page.get_json()) == 1
    assert json.loads(page.headers["X-Pagination"])["total"] == 3


@pytest.mark.parametrize("query, field", [
    ("status=skickad", "status"), ("due_before=2027-02-30", "due_before"), ("agreement_id=x", "agreement_id"),
    ("kind=annat", "kind"), ("page=0", "page"), ("per_page=1000", "per_page"),
])
def test_bad_filters_get_a_message_on_their_field(client, callers, query, field):
    response = client.get(f"/api/v1/reminders?{query}", headers=callers.viewer.headers)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_reminders_need_a_token(client):
    assert client.get("/api/v1/reminders").status_code == 401


def test_the_reminders_page_shows_a_failed_reminder_in_words_not_its_error(client, callers, planned, app):
    from iop.auth import services
    from tests.web import login

    with app.app_context():
        officer = services.get_user(email=callers.officer.email)
        services.set_password(user=officer, password="ett-bra-lösenord")
        db.session.commit()
    assert client.get("/paminnelser").status_code == 302  # login first
    login(client, callers.officer.email, "ett-bra-lösenord")
    page = client.get("/paminnelser?status=failed").get_data(as_text=True)
    assert "misslyckades – kontakta administratören" in page
    assert "ConnectionRefusedError" not in page and "Errno" not in page
    assert "Sista dag att säga upp (90 dagar före)" in page
    assert "Skickad" not in page.split("<tbody>")[1]
    assert client.get("/paminnelser?status=<script>&page=x").status_code == 200
