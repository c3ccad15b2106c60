"""A settled follow-up gets no more reminders: `iop reminders run` against a real SMTP server."""

from datetime import date

import pytest

from iop.clock import frozen_at
from tests.agreements.factories import signed_agreement
from tests.mailserver import free_port

REPORT = {"follow_up_date": "2027-06-30", "received_on": "2027-06-01",
          "summary": "Halvårsredovisningen kom in i tid.", "assessment": "partly_met"}


@pytest.fixture
def pair(client, callers, organisation_id, smtp):
    """Two equal agreements with a follow-up on 30 June 2027, each with its own responsible officer."""
    return [signed_agreement(client, callers, organisation_id, case_number=f"KFN 2026/00{n}",
                             responsible_email=f"{who}@kommun.test")
            for n, who in ((51, "anna"), (52, "bertil"))]


def report(client, callers, agreement_id):
    with frozen_at(date(2027, 6, 2)):
        response = client.post(f"/api/v1/agreements/{agreement_id}/follow-up-reports", json=REPORT,
                               headers=callers.officer.headers)
    assert response.status_code == 201, response.get_json()


def sweep(runner, day: str):
    result = runner.invoke(args=["reminders", "run", "--date", day])
    assert result.exit_code == 0, result.output
    return result


def reminder_mails(smtp):
    """The reminders, not the notifications that signing the pair sent (review, approval)."""
    return [mail for mail in smtp.received
            if mail.message["Subject"].startswith(("Påminnelse", "Försenad påminnelse"))]


def follow_up_reminders(client, callers, agreement_id):
    listed = client.get(f"/api/v1/reminders?agreement_id={agreement_id}", headers=callers.viewer.headers)
    return [r for r in listed.get_json() if r["kind"] == "follow_up"]


def test_the_sweep_reminds_only_of_the_follow_up_without_a_report(client, callers, runner, pair, smtp):
    settled, owing = pair
    report(client, callers, settled["id"])
    sweep(runner, "2027-06-23")  # 7 days before the follow-up
    recipients = {address for mail in reminder_mails(smtp) for address in mail.recipients}
    assert "bertil@kommun.test" in recipients and "anna@kommun.test" not in recipients
    assert follow_up_reminders(client, callers, settled["id"]) == []
    assert {r["status"] for r in follow_up_reminders(client, callers, owing["id"])} == {"sent"}


def test_a_waiting_reminder_is_withdrawn_when_the_report_comes_in(
        client, callers, runner, pair, smtp, app, monkeypatch):
    settled, owing = pair
    monkeypatch.setitem(app.config, "SMTP_PORT", free_port())  # nobody answers: the e-mails wait
    sweep(runner, "2027-06-01")  # 30 days before (a Tuesday)
    assert {r["status"] for r in follow_up_reminders(client, callers, settled["id"])} == {"pending"}
    report(client, callers, settled["id"])
    monkeypatch.setitem(app.config, "SMTP_PORT", smtp.port)
    sweep(runner, "2027-06-03")
    assert [mail.recipients for mail in reminder_mails(smtp)] == [["bertil@kommun.test", "kff@kommun.test"]]
    assert {r["status"] for r in follow_up_reminders(client, callers, settled["id"])} == {"cancelled"}
    sweep(runner, "2027-06-23")
    assert all("anna@kommun.test" not in mail.recipients for mail in reminder_mails(smtp))
