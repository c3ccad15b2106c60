"""Real `iop reminders run` processes: sweeps at the same moment, and a sweep killed half-way."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from iop.extensions import db
from iop.outbox.models import OutboundMessage
from iop.reminders.models import Reminder
from iop.reminders.services import plan_sweep
from tests.reminders.factories import active_agreement

IOP = str(Path(sys.executable).with_name("iop"))
DUE = date(2027, 7, 2)  # 90 days before the notice deadline 30 September 2027


def start_sweep(app, smtp, day: date = DUE) -> subprocess.Popen:
    env = {**os.environ, "IOP_DATABASE_URL": app.config["DATABASE_URL"], "IOP_SECRET_KEY": "test",
           "IOP_BASE_URL": app.config["BASE_URL"], "IOP_SCHEDULER": "off",
           **{f"IOP_{key}": str(value) for key, value in smtp.settings().items()}}
    return subprocess.Popen([IOP, "reminders", "run", "--date", day.isoformat()], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen) -> str:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return out


def kill(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)


def wait_until_its_transactions_are_gone(engine) -> None:
    """PostgreSQL rolls a killed client's transaction back (and drops its locks) a moment later."""
    if engine.dialect.name != "postgresql":
        return
    deadline = time.monotonic() + 30
    with engine.connect() as connection:
        while time.monotonic() < deadline:
            busy = connection.execute(sa.text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND xact_start IS NOT NULL")).scalar()
            connection.rollback()
            if not busy:
                return
            time.sleep(0.05)
    raise AssertionError("the killed process's transaction is still open")


@pytest.fixture
def due(ctx, departments, smtp):
    """Three agreements, each with one reminder due on DUE: three e-mails to send."""
    for number in range(3):
        active_agreement(title=f"Överenskommelse {number + 1}", end_date=date(2027, 12, 31),
                         notice_period_months=3)
    db.session.commit()
    return smtp


def sent_message_ids() -> set[str]:
    db.session.expire_all()
    return {m.message_id for m in db.session.scalars(sa.select(OutboundMessage))}


def statuses() -> list[str]:
    db.session.expire_all()
    return [r.status for r in db.session.scalars(sa.select(Reminder).order_by(Reminder.id))]


@pytest.mark.postgresql_only
def test_two_sweeps_at_the_same_moment_email_each_reminder_exactly_once(app, due):
    first, second = start_sweep(app, due), start_sweep(app, due)
    finish(first), finish(second)
    assert sorted(due.inbox.message_ids()) == sorted(sent_message_ids())
    assert len(due.received) == 3
    assert statuses() == ["sent"] * 3


@pytest.mark.postgresql_only
def test_two_processes_delivering_at_once_take_different_messages(app, due):
    plan_sweep(today=DUE)
    db.session.commit()
    # The first two messages wait in the server for each other: both processes are sending at once.
    due.inbox.meet = threading.Barrier(2)
    first, second = start_sweep(app, due), start_sweep(app, due)
    finish(first), finish(second)
    assert due.inbox.met
    assert sorted(due.inbox.message_ids()) == sorted(sent_message_ids())
    assert statuses() == ["sent"] * 3


def test_a_sweep_killed_while_sending_loses_nothing_and_doubles_nothing(app, due):
    due.inbox.hold_data_at = 2  # killed while the server is still taking the second e-mail
    process = start_sweep(app, due)
    assert due.inbox.reached.wait(60)
    kill(process)
    due.inbox.release.set()
    assert len(due.received) == 1
    wait_until_its_transactions_are_gone(db.engine)
    finish(start_sweep(app, due))
    assert sorted(due.inbox.message_ids()) == sorted(sent_message_ids())  # each exactly once
    assert statuses() == ["sent"] * 3


def test_a_sweep_killed_after_handing_over_an_email_sends_that_one_again_with_the_same_message_id(app, due):
    due.inbox.hold_quit_at = 2  # the server took the second e-mail; the sweep never recorded it
    process = start_sweep(app, due)
    assert due.inbox.reached.wait(60)
    kill(process)
    due.inbox.release.set()
    wait_until_its_transactions_are_gone(db.engine)
    finish(start_sweep(app, due))
    ids = due.inbox.message_ids()
    assert set(ids) == sent_message_ids() and len(ids) == 4
    assert ids[1] == ids[2]  # at least once: the one caught mid-hand-over, again, recognisably
    assert statuses() == ["sent"] * 3
