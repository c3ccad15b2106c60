"""The reminder sweep as one unit of work: the boundary that commits, for the CLI and the scheduler."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from flask import current_app

from iop import clock
from iop.extensions import db
from iop.outbox.delivery import DeliveryReport, deliver_due_messages
from iop.reminders import services
from iop.reminders.services import SweepPlan

log = logging.getLogger(__name__)


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
    report = run_sweep()
    plan, delivery = report.plan, report.delivery
    log.info("reminder sweep %s: %s; %s reminders planned in %s e-mails, %s agreements expired; "
             "e-mail: %s sent, %s to retry, %s failed", report.today,
             "locked out by another sweep" if plan.locked_out else "planned", len(plan.reminders),
             plan.messages, len(plan.expired), delivery.sent, delivery.retrying, delivery.failed)
