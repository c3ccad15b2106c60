"""`iop reminders run [--date]` as an operator uses it."""

from datetime import date

import pytest

from iop.extensions import db
from tests.mailserver import free_port
from tests.reminders.factories import active_agreement


@pytest.fixture
def agreement(app, departments, smtp):
    with app.app_context():
        active_agreement(end_date=date(2027, 12, 31), notice_period_months=3)
        db.session.commit()
    return smtp


def test_the_sweep_runs_as_if_it_were_the_given_day(runner, agreement):
    before = runner.invoke(args=["reminders", "run", "--date", "2027-07-01"])
    assert before.exit_code == 0, before.output
    assert agreement.received == []
    result = runner.invoke(args=["reminders", "run", "--date", "2027-07-02"])
    assert result.exit_code == 0, result.output
    assert "Påminnelser 2027-07-02: 1 ny påminnelse i 1 e-postmeddelande" in result.output
    assert "E-post: 1 skickade" in result.output
    assert agreement.received[0].message["Date"] == "Fri, 02 Jul 2027 05:00:00 +0000"  # 07:00 in Stockholm
    again = runner.invoke(args=["reminders", "run", "--date", "2027-07-02"])
    assert "0 nya påminnelser" in again.output and len(agreement.received) == 1


def test_the_given_day_is_now_for_retries_too(runner, agreement, app, monkeypatch):
    monkeypatch.setitem(app.config, "SMTP_PORT", free_port())
    down = runner.invoke(args=["reminders", "run", "--date", "2027-07-02"])
    assert "1 väntar på nytt försök" in down.output
    monkeypatch.setitem(app.config, "SMTP_PORT", agreement.port)
    same_moment = runner.invoke(args=["reminders", "run", "--date", "2027-07-02"])
    assert "E-post: 0 skickade" in same_moment.output
    next_day = runner.invoke(args=["reminders", "run", "--date", "2027-07-03"])
    assert "E-post: 1 skickade" in next_day.output and len(agreement.received) == 1


@pytest.mark.parametrize("value", ["2027-02-30", "igår", "02/07/2027"])
def test_a_date_that_is_not_a_date_is_refused_in_swedish(runner, value):
    result = runner.invoke(args=["reminders", "run", "--date", value])
    assert result.exit_code == 2 and "inte ett datum som ÅÅÅÅ-MM-DD" in result.output
