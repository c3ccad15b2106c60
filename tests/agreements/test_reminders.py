"""Agreements and their reminders: signing plans them, ending an agreement withdraws them."""

from tests.agreements.factories import signed_agreement, transition
from tests.mailserver import free_port


def test_terminating_an_agreement_withdraws_its_unsent_reminders(
        client, callers, organisation_id, runner, app, monkeypatch):
    agreement = signed_agreement(client, callers, organisation_id, reminder_days=[90])
    monkeypatch.setitem(app.config, "SMTP_PORT", free_port())  # nobody answers: the e-mail waits
    assert runner.invoke(args=["reminders", "run", "--date", "2028-04-03"]).exit_code == 0
    url = f"/api/v1/reminders?agreement_id={agreement['id']}"
    [waiting] = client.get(url, headers=callers.viewer.headers).get_json()
    assert (waiting["kind"], waiting["key_date"], waiting["status"]) == ("notice_deadline", "2028-06-30",
                                                                         "pending")
    ended = transition(client, callers.officer, agreement["id"], action="terminate",
                       effective_on="2027-12-31", reason="Verksamheten upphör.")
    assert ended.status_code == 200
    [withdrawn] = client.get(url, headers=callers.viewer.headers).get_json()
    assert withdrawn["status"] == "cancelled"


def test_an_agreement_can_have_its_own_reminder_days(client, callers, organisation_id):
    from tests.agreements.factories import clean_iop, draft

    agreement = draft(client, callers.officer, clean_iop(organisation_id, reminder_days=[60, 14]))
    assert agreement["reminder_days"] == [60, 14]
    response = client.post("/api/v1/agreements", headers=callers.officer.headers,
                           json=clean_iop(organisation_id, case_number=None, reminder_days=[400]))
    assert response.status_code == 422 and "reminder_days" in response.get_json()["errors"]
