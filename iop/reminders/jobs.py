"""The reminder sweep as one unit of work: the boundary that commits, for the CLI and the scheduler."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import current_app

from iop import clock
from iop.extensions import db
from iop.outbox.delivery import DeliveryReport, deliver_due_messages
from iop.reminders import services
from iop.reminders.services import SweepPlan


@dataclass
class SweepReport:
    today: date
    plan: SweepPlan
    delivery: DeliveryReport


def run_sweep(*, today: date | None = None) -> SweepReport:
    """Expire and plan in one committed transaction, then deliver what is due (after the commit)."""
    today = today or clock.today(current_app.config["TIMEZONE"])
    try:
        plan = services.plan_sweep(today=today)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return SweepReport(today=today, plan=plan, delivery=deliver_due_messages())


def daily_sweep() -> None:
    """The scheduler's daily job."""
    run_sweep()
