"""The reminder sweep against a real SMTP server: when reminders go out, once, and what survives failures."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from iop.agreements.models import Agreement, Milestone, Status
from iop.agreements.signals import agreement_dates_changed
from iop.clock import frozen_at
from iop.extensions import db
from iop.outbox.models import OutboundMessage
from iop.reminders import jobs
from iop.reminders.models import Reminder
from iop.reminders.services import cancel_pending_reminders
from tests.mailserver import free_port
from tests.reminders.factories import active_agreement

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def sweep(day: date, at: time | None = None):
    moment = datetime.combine(day, at, tzinfo=STOCKHOLM) if at else day
    with frozen_at(moment):
        return jobs.run_sweep(today=day)


def reminders() -> list[Reminder]:
    return db.session.scalars(sa.select(Reminder).order_by(Reminder.key_date, Reminder.id)).all()


@pytest.fixture
def setup(ctx, departments, smtp):
    return smtp


def test_a_reminder_is_sent_on_its_due_day_and_not_before(setup):
    # Notice deadline 2027-09-30 (end 2027-12-31 minus 3 months): 90 days before is Friday 2 July.
    active_agreement(end_date=date(2027, 12, 31), notice_period_months=3)
    db.session.commit()
    sweep(date(2027, 7, 1))
    assert setup.received == [] and reminders() == []
    report = sweep(date(2027, 7, 2))
    assert report.delivery.sent == 1
    [received] = setup.received
    assert sorted(received.recipients) == ["karin@kommun.test", "kff@kommun.test"]
    assert "sista dag att säga upp 30 september 2027" in received.message["Subject"]
    [reminder] = reminders()
    assert (reminder.kind, reminder.key_date, reminder.offset_days, reminder.due_on) == (
        "notice_deadline", date(2027, 9, 30), 90, date(2027, 7, 2))
    assert reminder.status == "sent" and reminder.attempts == 1


def test_a_reminder_due_on_midsommarafton_goes_out_the_working_day_before(setup, app, monkeypatch):
    monkeypatch.setitem(app.config, "REMINDER_DAYS", (30,))
    # 30 days before the follow-up on Sunday 25 July 2027 is Midsommarafton, Friday 25 June.
    active_agreement(end_date=date(2029, 12, 31), notice_period_months=None,
                     follow_ups=[(date(2027, 7, 25), "Halvårsrapport")])
    db.session.commit()
    sweep(date(2027, 6, 23))
    assert setup.received == []
    sweep(date(2027, 6, 24))
    [received] = setup.received
    assert "Halvårsrapport" in received.message.get_body(("plain",)).get_content()
    assert reminders()[0].due_on == date(2027, 6, 24)
    sweep(date(2027, 6, 25))
    assert len(setup.received) == 1


def test_a_reminder_due_on_a_sunday_goes_out_on_the_friday(setup):
    # The agreement's own reminder days: 7 days before the milestone on Sunday 14 March 2027 is a Sunday.
    active_agreement(end_date=date(2029, 12, 31), notice_period_months=None, reminder_days=[7],
                     milestones=[(date(2027, 3, 14), "Lokalen invigs")])
    db.session.commit()
    sweep(date(2027, 3, 4))
    assert setup.received == []
    sweep(date(2027, 3, 5))
    assert len(setup.received) == 1
    assert reminders()[0].due_on == date(2027, 3, 5)


def test_a_reminder_is_not_sent_twice_when_the_sweep_reruns(setup):
    active_agreement(end_date=date(2027, 12, 31), notice_period_months=3)
    db.session.commit()
    for day in (date(2027, 7, 2), date(2027, 7, 2), date(2027, 7, 5), date(2027, 7, 6)):
        sweep(day)
    assert len(setup.received) == 1
    assert len(reminders()) == 1


def test_reminders_missed_while_the_service_was_down_are_caught_up_in_one_email(setup):
    # Due: notice deadline 90 days (2 July) and 30 days (31 August); nothing ran until 3 September.
    active_agreement(end_date=date(2027, 12, 31), notice_period_months=3)
    db.session.commit()
    sweep(date(2027, 9, 3))
    [received] = setup.received
    assert [(r.offset_days, r.status) for r in reminders()] == [(90, "sent"), (30, "sent")]
    text = received.message.get_body(("plain",)).get_content()
    assert "torsdag 30 september 2027 (om 27 dagar)" in text


def test_no_reminder_is_caught_up_for_a_key_date_that_has_passed(setup):
    active_agreement(end_date=date(2027, 12, 31), notice_period_months=3)
    db.session.commit()
    sweep(date(2027, 10, 4))  # the notice deadline, 30 September, has passed; the end date has not
    assert {r.kind for r in reminders()} == {"end_date"}
    assert len(setup.received) == 1


def test_key_dates_on_the_same_day_give_one_email(setup):
    active_agreement(end_date=date(2027, 12, 31), notice_period_months=0)
    db.session.commit()
    sweep(date(2027, 10, 1))  # 90 days before Friday 31 December 2027 is a Saturday
    [received] = setup.received
    assert sorted(r.kind for r in reminders()) == ["end_date", "notice_deadline"]
    assert {r.status for r in reminders()} == {"sent"}
    text = received.message.get_body(("plain",)).get_content()
    assert "Sista dag att säga upp överenskommelsen: fredag 31 december 2027" in text
    assert "Överenskommelsen upphör: fredag 31 december 2027" in text


def test_agreements_past_their_end_date_expire(setup):
    ending = active_agreement(end_date=date(2027, 6, 30), notice_period_months=None)
    db.session.commit()
    sweep(date(2027, 6, 30))
    assert db.session.get(Agreement, ending.id).status == Status.ACTIVE
    report = sweep(date(2027, 7, 1))
    assert report.plan.expired == [ending.id]
    expired = db.session.get(Agreement, ending.id)
    assert expired.status == Status.EXPIRED and expired.ended_on == date(2027, 6, 30)


def test_only_active_agreements_get_reminders(setup):
    draft = active_agreement(end_date=date(2027, 12, 31), notice_period_months=3)
    draft.status = Status.DRAFT
    db.session.commit()
    sweep(date(2027, 7, 2))
    assert setup.received == [] and reminders() == []


def test_a_send_that_fails_is_recorded_retried_after_its_back_off_and_then_delivered_once(
        setup, app, monkeypatch):
    active_agreement(end_date=date(2027, 12, 31), notice_period_months=3)
    db.session.commit()
    monkeypatch.setitem(app.config, "SMTP_PORT", free_port())  # nothing listens there
    report = sweep(date(2027, 7, 2))
    assert report.delivery.retrying == 1
    [reminder] = reminders()
    assert (reminder.status, reminder.attempts) == ("pending", 1)
    assert "ConnectionRefusedError" in reminder.error
    monkeypatch.setitem(app.config, "SMTP_PORT", setup.port)
    sweep(date(2027, 7, 2))  # the same moment again: the 5-minute back-off has not passed
    assert setup.received == []
    sweep(date(2027, 7, 2), at=time(7, 5))
    sweep(date(2027, 7, 2), at=time(7, 10))
    assert len(setup.received) == 1
    db.session.expire_all()
    [reminder] = reminders()
    assert (reminder.status, reminder.attempts) == ("sent", 2)


def test_a_send_fails_for_good_after_the_last_attempt(setup, app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_RETRY_MINUTES", (5, 30))
    monkeypatch.setitem(app.config, "SMTP_PORT", free_port())
    active_agreement(end_date=date(2027, 12, 31), notice_period_months=3)
    db.session.commit()
    for at in (time(7, 0), time(7, 5), time(7, 30), time(8, 5), time(9, 0)):
        sweep(date(2027, 7, 2), at=at)
    [reminder] = reminders()
    assert (reminder.status, reminder.attempts) == ("failed", 3)
    assert "ConnectionRefusedError" in reminder.error


def test_an_agreement_without_any_address_fails_at_once_and_says_why(setup):
    agreement = active_agreement(end_date=date(2027, 12, 31), notice_period_months=3, responsible_email=None)
    agreement.department.email = None
    db.session.commit()
    sweep(date(2027, 7, 2))
    [reminder] = reminders()
    assert reminder.status == "failed" and "Ingen mottagare" in reminder.error


def test_a_terminated_agreements_unsent_reminders_are_cancelled(setup, app, monkeypatch):
    agreement = active_agreement(end_date=date(2027, 12, 31), notice_period_months=3)
    db.session.commit()
    monkeypatch.setitem(app.config, "SMTP_PORT", free_port())
    sweep(date(2027, 7, 2))
    assert cancel_pending_reminders(agreement=agreement) == 1
    db.session.commit()
    monkeypatch.setitem(app.config, "SMTP_PORT", setup.port)
    sweep(date(2027, 7, 5))
    assert setup.received == []
    db.session.expire_all()
    assert [r.status for r in reminders()] == ["cancelled"]


def test_after_the_first_sweep_only_agreements_with_a_reminder_due_are_read(setup):
    for _ in range(30):
        active_agreement(end_date=date(2031, 12, 31), notice_period_months=6,
                         follow_ups=[(date(2029, 5, 1), "Rapport")])
    near = active_agreement(end_date=date(2027, 12, 31), notice_period_months=3).id
    db.session.commit()
    sweep(date(2027, 7, 1))  # the first sweep reads every new agreement once
    db.session.expunge_all()
    loaded = []

    def record(agreement, context):
        loaded.append(agreement.id)

    sa.event.listen(Agreement, "load", record)
    try:
        sweep(date(2027, 7, 2))
        sweep(date(2027, 7, 5))
    finally:
        sa.event.remove(Agreement, "load", record)
    assert loaded == [near]
    assert [r.agreement_id for r in reminders()] == [near]


def test_an_agreement_activated_after_its_first_reminder_fell_due_gets_it_at_the_next_sweep(setup):
    for day in (date(2027, 7, 1), date(2027, 7, 2), date(2027, 7, 5)):
        sweep(day)
    active_agreement(end_date=date(2027, 12, 31), notice_period_months=3)  # due 2 July
    db.session.commit()
    sweep(date(2027, 7, 6))
    assert [(r.offset_days, r.due_on) for r in reminders()] == [(90, date(2027, 7, 2))]
    assert len(setup.received) == 1


def test_reminders_that_fell_due_between_two_sweeps_days_apart_are_caught_up(setup):
    active_agreement(end_date=date(2027, 12, 31), notice_period_months=3)
    db.session.commit()
    sweep(date(2027, 6, 1))
    assert reminders() == []
    sweep(date(2027, 7, 9))
    assert [(r.offset_days, r.due_on) for r in reminders()] == [(90, date(2027, 7, 2))]


def test_changed_dates_of_a_planned_agreement_are_planned_again(setup):
    agreement = active_agreement(end_date=date(2028, 12, 31), notice_period_months=3)
    db.session.commit()
    sweep(date(2027, 7, 1))
    # No page changes a signed agreement's dates today; the agreements code announces any change so.
    agreement.milestones.append(Milestone(date=date(2027, 8, 20), title="Ny lokal"))
    agreement_dates_changed.send(agreement, actor=None, changed=frozenset({"milestones"}))
    db.session.commit()
    sweep(date(2027, 7, 2))  # 90 days before the new milestone was in May: caught up now
    assert [(r.kind, r.offset_days, r.due_on) for r in reminders()] == [("milestone", 90, date(2027, 5, 21))]


def test_the_message_keeps_its_message_id_in_the_outbox(setup):
    active_agreement(end_date=date(2027, 12, 31), notice_period_months=3)
    db.session.commit()
    sweep(date(2027, 7, 2))
    message = db.session.scalar(sa.select(OutboundMessage))
    assert setup.received[0].message["Message-ID"] == message.message_id
    assert message.message_id.endswith("@sjostad.example>")


@pytest.mark.postgresql_only
def test_a_sweep_plans_nothing_while_another_holds_the_sweep_lock(setup):
    from iop.reminders.services import SWEEP_LOCK

    active_agreement(end_date=date(2027, 12, 31), notice_period_months=3)
    db.session.commit()
    with db.engine.connect() as other:
        other.execute(sa.select(sa.func.pg_advisory_xact_lock(SWEEP_LOCK)))
        report = sweep(date(2027, 7, 2))
        assert report.plan.locked_out and reminders() == []
        other.rollback()
    assert not sweep(date(2027, 7, 2)).plan.locked_out
    assert len(setup.received) == 1


def test_an_agreement_with_no_reminder_days_of_its_own_gets_no_reminders(setup):
    active_agreement(end_date=date(2027, 12, 31), notice_period_months=3, reminder_days=[])
    db.session.commit()
    for day in (date(2027, 7, 2), date(2027, 9, 30), date(2027, 12, 31)):
        sweep(day)
    assert reminders() == [] and setup.received == []
