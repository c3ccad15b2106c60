"""The one registry of periodic jobs, and the scheduler that runs them (APScheduler 3).

The scheduler runs in exactly one process: `iop scheduler`, or `iop run` with
IOP_SCHEDULER=on. Never at import time and never in a web worker (under gunicorn every
worker would run every job). Jobs are thin and safe to run twice, since their state
lives in rows with unique keys; a daily job also runs when the scheduler starts, so days
the service was down are caught up.

Adding a job is one line in JOBS: a name, "module:function" (called with no arguments
inside an app context; it commits its own work) and when it runs.
"""

from __future__ import annotations

import importlib
import logging
import signal
import threading
from dataclasses import dataclass

import click
from apscheduler.events import EVENT_SCHEDULER_STARTED
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from flask import Flask, current_app
from flask.cli import with_appcontext

from iop import clock
from iop.audit.context import Actor, acting_as
from iop.extensions import db

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    target: str  # "package.module:function"
    daily_at: str | None = None  # "HH:MM" local time (IOP_TIMEZONE); runs at start-up too
    every_minutes: int | None = None


def daily(name: str, target: str, *, at: str) -> Job:
    return Job(name, target, daily_at=at)


def every(name: str, target: str, *, minutes: int) -> Job:
    return Job(name, target, every_minutes=minutes)


JOBS: tuple[Job, ...] = (
    daily("reminders.sweep", "iop.reminders.jobs:daily_sweep", at="07:00"),
    every("outbox.deliver", "iop.outbox.jobs:deliver_pending", minutes=1),
    daily("initiatives.escalate", "iop.initiatives.jobs:escalate_initiatives", at="07:15"),
)


def build_scheduler(app: Flask, *, blocking: bool = False, jobs: tuple[Job, ...] = JOBS) -> BaseScheduler:
    """A scheduler with every job registered, not yet started."""
    timezone = app.config["TIMEZONE"]
    scheduler_class = BlockingScheduler if blocking else BackgroundScheduler
    # One worker thread: jobs run one after another, so two never deliver the same e-mail at once.
    scheduler = scheduler_class(timezone=timezone, executors={"default": ThreadPoolExecutor(1)})
    for job in jobs:
        # APScheduler's default grace of 1 s silently skips a run that starts late; None runs it
        # however late, and coalesce makes several missed runs one.
        scheduler.add_job(run_job, _trigger(job, timezone), args=(app, job), id=job.name, name=job.name,
                          misfire_grace_time=None, coalesce=True, max_instances=1,
                          **({"next_run_time": clock.now(timezone)} if job.daily_at else {}))
    return scheduler


def start_in_background(app: Flask) -> BackgroundScheduler:
    """Start the jobs in a thread of this process (for the single-process `iop run`)."""
    ensure_logging()
    scheduler = build_scheduler(app)
    scheduler.start()
    return scheduler


def run_job(app: Flask, job: Job) -> None:
    """Run one job in an app context, as the system; its errors are logged, the scheduler goes on."""
    module_name, _, function_name = job.target.partition(":")
    function = getattr(importlib.import_module(module_name), function_name)
    with app.app_context(), acting_as(Actor(f"job:{job.name}")):
        try:
            function()
        except Exception:
            log.exception("job %s failed; it runs again at its next time", job.name)
        finally:
            db.session.remove()


def next_runs(scheduler: BaseScheduler) -> list[str]:
    """One line per job naming its next run, and log them."""
    lines = []
    for job in scheduler.get_jobs():
        moment = getattr(job, "next_run_time", None)
        lines.append(f"Schemalagt jobb {job.id}: nästa körning "
                     f"{moment.isoformat(timespec='seconds') if moment else 'pausad'}")
        log.info("job %s next runs at %s", job.id, moment)
    return lines


def ensure_logging() -> None:
    """INFO and up to standard error, unless the operator has configured logging already."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


@click.command("scheduler")
@with_appcontext
def scheduler_command():
    """Kör de schemalagda jobben (påminnelser, e-post) i en egen process tills den stoppas."""
    ensure_logging()
    scheduler = build_scheduler(current_app._get_current_object(), blocking=True)
    scheduler.add_listener(lambda event: [click.echo(line) for line in next_runs(scheduler)],
                           EVENT_SCHEDULER_STARTED)

    def stop(signum, frame):
        # Not an exception: one raised inside an APScheduler listener would be logged and ignored.
        # From another thread, since shutdown waits for a running job to finish.
        threading.Thread(target=scheduler.shutdown, name="scheduler-shutdown").start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    click.echo("Schemaläggaren startar; avsluta med Ctrl+C.")
    scheduler.start()  # returns once stopped
    click.echo("Schemaläggaren stoppas; ett pågående jobb får köra klart.")


def _trigger(job: Job, timezone: str):
    if job.daily_at:
        hour, minute = (int(part) for part in job.daily_at.split(":"))
        return CronTrigger(hour=hour, minute=minute, timezone=timezone)
    return IntervalTrigger(minutes=job.every_minutes, timezone=timezone)
