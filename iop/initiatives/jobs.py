"""The daily escalation, for the scheduler: thin, a catch-up, and safe to run twice."""

from __future__ import annotations

from flask import current_app

from iop import clock
from iop.audit.context import SYSTEM, acting_as
from iop.extensions import db
from iop.initiatives.escalation import escalate_overdue_initiatives


def escalate_initiatives() -> int:
    """Escalate every initiative past its deadline today (in an app context); how many were."""
    with acting_as(SYSTEM):
        escalated = escalate_overdue_initiatives(today=clock.today(current_app.config["TIMEZONE"]))
        db.session.commit()
    return len(escalated)
