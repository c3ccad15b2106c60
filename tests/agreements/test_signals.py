"""What the agreements code announces, as a subscriber (the reminder planner, notifications)
receives it: real flows through the API and the daily sweep."""

from datetime import date

import pytest

from iop.agreements.signals import (
    agreement_activated,
    agreement_dates_changed,
    agreement_decided,
    agreement_ended,
    agreement_submitted,
)
from iop.reminders import jobs
from tests.agreements.factories import (
    SIGNATORIES,
    clean_iop,
    draft,
    patch,
    review,
    signed_agreement,
    transition,
)
from tests.signals import heard

ALL = (agreement_submitted, agreement_decided, agreement_activated, agreement_dates_changed, agreement_ended)


def ok(response, status: int = 200):
    assert response.status_code == status, response.get_json()


def test_each_step_from_draft_to_termination_is_announced_with_who_and_what(client, callers, organisation_id):
    officer, legal = callers.officer.user_id, callers.legal.user_id
    agreement_id = draft(client, callers.officer, clean_iop(organisation_id))["id"]
    with heard(*ALL) as signals:
        ok(patch(client, callers.officer, agreement_id, {"title": "Läxhjälp i Norra Sjöstad"}))
        ok(patch(client, callers.officer, agreement_id, {
            "end_date": "2029-06-30", "milestones": [{"date": "2027-04-30", "title": "Start"}],
            "reminder_days": [30]}))
        ok(transition(client, callers.officer, agreement_id, action="submit"))
        ok(review(client, callers, agreement_id, "request_changes", "Förtydliga mandatet."), 201)
        ok(patch(client, callers.officer, agreement_id, {"governance": "Styrgruppen beslutar."}))
        ok(transition(client, callers.officer, agreement_id, action="submit"))
        ok(review(client, callers, agreement_id, "approve"), 201)
        ok(transition(client, callers.officer, agreement_id, action="activate", signed_on="2026-11-20",
                      signatories=SIGNATORIES))
        ok(transition(client, callers.officer, agreement_id, action="terminate", effective_on="2027-06-30",
                      reason="Verksamheten upphör."))
    assert signals == [
        ("agreement-dates-changed", agreement_id, "draft",
         {"actor": officer, "changed": ["end_date", "milestones", "reminder_days"]}),
        ("agreement-submitted", agreement_id, "in_review", {"actor": officer, "revision": 3}),
        ("agreement-decided", agreement_id, "draft", {"actor": legal, "decision": "request_changes",
                                                      "revision": 3, "comment": "Förtydliga mandatet."}),
        ("agreement-submitted", agreement_id, "in_review", {"actor": officer, "revision": 4}),
        ("agreement-decided", agreement_id, "approved", {"actor": legal, "decision": "approve",
                                                         "revision": 4, "comment": None}),
        ("agreement-activated", agreement_id, "active", {"actor": officer, "signed_on": date(2026, 11, 20)}),
        ("agreement-ended", agreement_id, "terminated", {
            "actor": officer, "status": "terminated", "ended_on": date(2027, 6, 30),
            "reason": "Verksamheten upphör."}),
    ]


def test_a_refused_step_announces_nothing(client, callers, organisation_id):
    agreement_id = draft(client, callers.officer, clean_iop(organisation_id, challenge=None))["id"]
    with heard(*ALL) as signals:
        ok(transition(client, callers.officer, agreement_id, action="submit"), 409)
        ok(patch(client, callers.officer, agreement_id, {"end_date": "2026-01-01"}), 422)
    assert signals == []


def test_a_withdrawal_is_announced_as_an_end(client, callers, organisation_id):
    agreement_id = draft(client, callers.officer, clean_iop(organisation_id))["id"]
    with heard(agreement_ended) as signals:
        ok(transition(client, callers.officer, agreement_id, action="withdraw",
                      reason="Föreningen drog sig ur."))
    [(name, sender, status, arguments)] = signals
    assert (name, sender, status) == ("agreement-ended", agreement_id, "withdrawn")
    assert arguments["actor"] == callers.officer.user_id and arguments["status"] == "withdrawn"
    assert arguments["reason"] == "Föreningen drog sig ur." and isinstance(arguments["ended_on"], date)


@pytest.fixture
def mail(smtp):
    return smtp


def test_the_sweep_announces_an_expiry_by_the_system(app, client, callers, organisation_id, mail):
    agreement_id = signed_agreement(client, callers, organisation_id)["id"]  # ends 2028-12-31
    with heard(*ALL) as signals, app.app_context():
        report = jobs.run_sweep(today=date(2029, 1, 2))
    assert report.plan.expired == [agreement_id]
    assert signals == [("agreement-ended", agreement_id, "expired", {
        "actor": None, "status": "expired", "ended_on": date(2028, 12, 31), "reason": None})]
