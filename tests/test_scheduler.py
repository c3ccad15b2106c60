"""The job registry and the scheduler: when jobs run, in which process, and what a failing job does."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from iop import scheduler
from iop.audit.context import current_actor
from tests.mailserver import free_port

IOP = str(Path(sys.executable).with_name("iop"))
STOCKHOLM = ZoneInfo("Europe/Stockholm")
calls: list[str] = []


def record_call():
    from flask import current_app

    calls.append(f"{current_app.name} as {current_actor().label}")


def fail():
    raise RuntimeError("trasigt jobb")


def test_the_reminder_sweep_runs_daily_at_seven_stockholm_time_and_catches_up_when_late(app):
    built = scheduler.build_scheduler(app)
    job = next(j for j in built.get_jobs() if j.id == "reminders.sweep")
    assert isinstance(job.trigger, CronTrigger)
    assert job.misfire_grace_time is None and job.coalesce and job.max_instances == 1
    # Across the spring clock change, it is still seven o'clock in Stockholm.
    after = datetime(2027, 3, 27, 8, 0, tzinfo=STOCKHOLM)
    assert job.trigger.get_next_fire_time(None, after) == datetime(2027, 3, 28, 7, 0, tzinfo=STOCKHOLM)


def test_pending_emails_go_out_within_a_minute(app):
    job = next(j for j in scheduler.build_scheduler(app).get_jobs() if j.id == "outbox.deliver")
    assert isinstance(job.trigger, IntervalTrigger) and job.trigger.interval.total_seconds() == 60
    assert job.misfire_grace_time is None and job.coalesce


def test_the_wiring_registers_every_features_job(app):
    assert {j.name for j in scheduler.registered_jobs(app)} == {
        "reminders.sweep", "outbox.deliver", "initiatives.escalate", "followups.overdue"}


def test_adding_a_job_is_one_line_in_the_registry(app):
    extra = scheduler.registered_jobs(app) + (scheduler.every("test.record", record_call, minutes=1),)
    built = scheduler.build_scheduler(app, jobs=extra)
    assert {j.id for j in built.get_jobs()} == {"reminders.sweep", "outbox.deliver", "initiatives.escalate",
                                                "followups.overdue", "test.record"}


def test_a_job_runs_in_an_app_context_as_the_system(app):
    calls.clear()
    scheduler.run_job(app, scheduler.every("test.record", record_call, minutes=1))
    assert calls == [f"{app.name} as job:test.record"]


def test_a_failing_job_is_logged_and_does_not_stop_the_scheduler(app, caplog):
    scheduler.run_job(app, scheduler.every("test.fail", fail, minutes=1))
    assert "job test.fail failed" in caplog.text and "trasigt jobb" in caplog.text


def test_building_the_app_starts_no_scheduler(make_app, database_url):
    from tests.conftest import app_config

    make_app(app_config(database_url, SCHEDULER="on"))
    assert not [t for t in threading.enumerate() if "APScheduler" in t.name or "apscheduler" in repr(t)]


def _environment(app) -> dict:
    return {**os.environ, "IOP_DATABASE_URL": app.config["DATABASE_URL"], "IOP_SECRET_KEY": "test",
            "IOP_SMTP_PORT": str(free_port()), "PYTHONUNBUFFERED": "1"}


def _read_until(process: subprocess.Popen, texts: set[str], lines: list[str]) -> None:
    for line in process.stdout:
        lines.append(line)
        if all(text in "".join(lines) for text in texts):
            return
    raise AssertionError("".join(lines))


@pytest.mark.parametrize("command, env", [
    (["run", "--port", "PORT"], {"IOP_SCHEDULER": "on"}),
    (["scheduler"], {}),
])
def test_the_scheduler_starts_in_its_one_process_and_says_when_jobs_run_next(app, command, env):
    port = str(free_port())
    args = [IOP, *[port if part == "PORT" else part for part in command]]
    process = subprocess.Popen(args, env={**_environment(app), **env}, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    try:
        _read_until(process, {"reminders.sweep: nästa körning", "outbox.deliver: nästa körning"}, lines)
    finally:
        process.send_signal(signal.SIGTERM)
        rest, _ = process.communicate(timeout=30)
    assert "Traceback" not in "".join(lines) + rest
    if command == ["scheduler"]:
        assert process.returncode == 0 and "stoppas" in rest
