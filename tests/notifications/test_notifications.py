"""Work finds its people: lifecycle steps e-mail whoever must act next, through the outbox and a
real SMTP server, once per event."""

from __future__ import annotations

import pytest

from iop import clock
from tests.agreements.factories import clean_iop, draft, patch, review, transition
from tests.initiatives.conftest import SPONTANIDROTT, TODAY, InitiativeApi, freeze

RESPONSIBLE = "officer.kff@kommun.test"  # the officer caller: responsible_email must be a user


def run_reminders(runner) -> str:
    result = runner.invoke(args=["reminders", "run"])
    assert result.exit_code == 0, result.output
    return result.output


def inbox(smtp, address: str) -> list:
    return [r.message for r in smtp.received if address in r.recipients]


def parts(message) -> tuple[str, str]:
    return (message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content())


@pytest.fixture
def today(app):
    freeze(TODAY)
    yield TODAY
    clock.set_frozen(None)


@pytest.fixture
def submitted(client, callers, organisation_id):
    agreement = draft(client, callers.officer, clean_iop(organisation_id, responsible_email=RESPONSIBLE))
    assert transition(client, callers.officer, agreement["id"], action="submit").status_code == 200
    return agreement


def test_a_submitted_agreement_is_mailed_to_the_lawyers_once(submitted, runner, smtp, callers):
    assert "1 skickade" in run_reminders(runner)
    [mail] = inbox(smtp, callers.legal.email)
    assert mail["Subject"] == "Granskning begärd: Läxhjälp och föräldrastöd i Norra Sjöstad (KFN 2026/0042)"
    text, html = parts(mail)
    assert "Officer har skickat överenskommelsen \"Läxhjälp och föräldrastöd i Norra Sjöstad\"" in text
    assert "Vad du behöver göra: granska revision 1" in text
    assert f"http://iop.test/overenskommelser/{submitted['id']}/granskning" in text
    assert f'href="http://iop.test/overenskommelser/{submitted["id"]}/granskning"' in html
    assert "Uppsägningstid:  6 månader" in text
    run_reminders(runner)
    assert len(smtp.received) == 1  # never twice


def test_changes_requested_mail_the_responsible_officer_the_lawyers_comment(
        submitted, client, callers, runner, smtp):
    client.post(f"/api/v1/agreements/{submitted['id']}/comments", headers=callers.legal.headers,
                json={"section": "market_assessment", "body": "Beskriv varför ingen privat aktör finns."})
    comment = "Marknadsbedömningen behöver utvecklas & motiveras."
    assert review(client, callers, submitted["id"], "request_changes", comment=comment).status_code == 201
    run_reminders(runner)
    [mail] = inbox(smtp, RESPONSIBLE)
    assert mail["Subject"].startswith("Ändringar begärs: Läxhjälp och föräldrastöd")
    text, html = parts(mail)
    assert comment in text and "Marknadsbedömningen behöver utvecklas &amp; motiveras." in html
    assert "1 kommentar i dokumentet att besvara:" in text
    assert "– Marknadsbedömning: Beskriv varför ingen privat aktör finns." in text
    assert "markera den som löst" in text
    assert f"http://iop.test/overenskommelser/{submitted['id']}" in text
    run_reminders(runner)
    assert len(inbox(smtp, RESPONSIBLE)) == 1


def test_a_second_submit_after_changes_is_mailed_again_and_approval_reaches_the_officer(
        submitted, client, callers, runner, smtp):
    sent_back = review(client, callers, submitted["id"], "request_changes", comment="Ändra syftet.")
    assert sent_back.status_code == 201
    assert patch(client, callers.officer, submitted["id"], {"purpose": "Fler elever ska nå behörighet."}
                 ).status_code == 200
    assert transition(client, callers.officer, submitted["id"], action="submit").status_code == 200
    assert review(client, callers, submitted["id"], "approve").status_code == 201
    run_reminders(runner)
    to_lawyers = inbox(smtp, callers.legal.email)
    assert len(to_lawyers) == 2 and "igen, efter de ändringar som begärdes" in parts(to_lawyers[1])[0]
    subjects = [m["Subject"] for m in inbox(smtp, RESPONSIBLE)]
    assert [s.split(":")[0] for s in subjects] == ["Ändringar begärs", "Godkänd av kommunjurist"]
    run_reminders(runner)
    assert len(smtp.received) == 4


def test_a_legal_mailbox_replaces_the_lawyers_when_configured(submitted, client, callers, app, runner, smtp,
                                                              monkeypatch):
    monkeypatch.setitem(app.config, "LEGAL_MAILBOX", "Juridik@Kommun.test")
    assert review(client, callers, submitted["id"], "request_changes").status_code == 201
    assert transition(client, callers.officer, submitted["id"], action="submit").status_code == 200
    run_reminders(runner)
    assert [r.recipients for r in smtp.received if "Granskning" in r.message["Subject"]] == [
        [callers.legal.email], ["juridik@kommun.test"]]


def test_an_assigned_initiative_is_mailed_to_the_department_and_its_officers(client, callers, runner, smtp,
                                                                            today):
    api = InitiativeApi(client)
    initiative = api.create(callers.officer, departments=["KFF", "SOC"])  # two: the network decides
    assert api.step(callers.coordinator, initiative["id"], "assign", department="SOC").status_code == 200
    run_reminders(runner)
    [received] = smtp.received
    assert sorted(received.recipients) == ["officer.soc@kommun.test", "soc@kommun.test"]
    assert received.message["Subject"] == f"Initiativ till SOC: {SPONTANIDROTT['title']}"
    text, html = parts(received.message)
    assert "Coordinator har gjort Socialförvaltningen ansvarig för initiativet" in text
    assert "Vad du behöver göra: ta kontakt med den som lämnade initiativet" in text
    assert f"http://iop.test/initiativ/{initiative['id']}" in text and "<table" in html
    run_reminders(runner)
    assert len(smtp.received) == 1


def test_a_long_swedish_subject_keeps_every_space_through_smtp(client, callers, organisation_id, runner,
                                                               smtp):
    title = ("Överenskommelse om läxhjälp, språkstöd och föräldraträffar för barn och unga i Sjöstads "
             "förorter under åren två tusen tjugosju till två tusen tjugonio")
    agreement = draft(client, callers.officer, clean_iop(organisation_id, title=title))
    assert transition(client, callers.officer, agreement["id"], action="submit").status_code == 200
    run_reminders(runner)
    [received] = smtp.received
    assert received.message["Subject"] == f"Granskning begärd: {title} (KFN 2026/0042)"
    raw = received.message.as_bytes()
    assert max(len(line) for line in raw.split(b"\n")) <= 78  # it was folded


def test_an_overdue_follow_up_report_reminds_the_officer_once_then_the_departments_mailbox(
        app, client, callers, organisation_id, runner, smtp):
    """Past its date without a report: the responsible officer is reminded once; after
    IOP_FOLLOW_UP_ESCALATION_DAYS working days the department's mailbox is told, once."""
    from datetime import date

    from iop.departments.models import Department
    from iop.extensions import db
    from iop.notifications.jobs import overdue_follow_ups
    from tests.agreements.factories import signed_agreement

    app.config["FOLLOW_UP_ESCALATION_DAYS"] = 5
    agreement = signed_agreement(client, callers, organisation_id, responsible_email=RESPONSIBLE,
                                 follow_ups=[{"date": "2027-06-30", "title": "Halvårsredovisning"}])
    with app.app_context():
        kff = db.session.scalar(db.select(Department).filter_by(code="KFF"))
        kff.email = "kff@kommun.test"
        db.session.commit()
        assert overdue_follow_ups(today=date(2027, 6, 30)) == 0  # on its day it is not late
        assert overdue_follow_ups(today=date(2027, 7, 1)) == 1
    run_reminders(runner)

    def overdue_mail(address: str) -> list:
        return [m for m in inbox(smtp, address) if m["Subject"].startswith("Återrapport")]

    [reminder] = overdue_mail(RESPONSIBLE)
    assert reminder["Subject"] == ("Återrapport försenad: Läxhjälp och föräldrastöd i Norra Sjöstad "
                                   "(KFN 2026/0042)")
    text, html = parts(reminder)
    assert "återrapport för uppföljningen 30 juni 2027 har inte kommit in" in text
    assert "försenad med 1 arbetsdag." in text and "– Halvårsredovisning" in text
    assert f"http://iop.test/overenskommelser/{agreement['id']}#uppfoljning" in text
    assert f'href="http://iop.test/overenskommelser/{agreement["id"]}#uppfoljning"' in html
    with app.app_context():
        assert overdue_follow_ups(today=date(2027, 7, 2)) == 0  # reminded once
        assert overdue_follow_ups(today=date(2027, 7, 7)) == 1  # Wednesday: 5 working days late
        assert overdue_follow_ups(today=date(2027, 7, 8)) == 0
    run_reminders(runner)
    run_reminders(runner)
    [escalation] = overdue_mail("kff@kommun.test")
    assert escalation["Subject"].startswith("Återrapport fortfarande försenad: ")
    text, _ = parts(escalation)
    assert "fortfarande inte kommit in, 5 arbetsdagar efter datumet" in text
    assert f"Den ansvariga handläggaren ({RESPONSIBLE})" in text
    assert len(overdue_mail(RESPONSIBLE) + overdue_mail("kff@kommun.test")) == 2  # never twice


def test_a_follow_up_with_its_report_in_is_not_mailed_as_overdue(app, client, callers, organisation_id, smtp):
    from datetime import date

    from iop.clock import frozen_at
    from iop.notifications.jobs import overdue_follow_ups
    from tests.agreements.factories import signed_agreement

    agreement = signed_agreement(client, callers, organisation_id, responsible_email=RESPONSIBLE,
                                 follow_ups=[{"date": "2027-06-30", "title": "Halvårsredovisning"}])
    with frozen_at(date(2027, 7, 2)):
        response = client.post(f"/api/v1/agreements/{agreement['id']}/follow-up-reports",
                               headers=callers.officer.headers,
                               json={"follow_up_date": "2027-06-30", "received_on": "2027-07-01",
                                     "summary": "Inkommen.", "assessment": "met"})
    assert response.status_code == 201
    with app.app_context():
        assert overdue_follow_ups(today=date(2027, 7, 20)) == 0
