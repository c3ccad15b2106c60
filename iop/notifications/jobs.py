"""The daily follow-up report check, for the scheduler: a catch-up, safe to run twice."""

from __future__ import annotations

import logging
from datetime import date

from flask import current_app

from iop import clock
from iop.audit.context import SYSTEM, acting_as
from iop.extensions import db
from iop.notifications.services import notify_overdue_follow_ups

log = logging.getLogger(__name__)


def overdue_follow_ups(*, today: date | None = None) -> int:
    """Queue the overdue follow-up report e-mails due today (in an app context); how many were.
    `iop reminders run` or the outbox job delivers them."""
    with acting_as(SYSTEM):
        queued = notify_overdue_follow_ups(today=today or clock.today(current_app.config["TIMEZONE"]))
        db.session.commit()
    log.info("overdue follow-up reports: %s e-mails queued", queued)
    return queued
