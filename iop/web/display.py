"""How values read on a page: Swedish labels, local times."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app

from iop.roles import ROLE_LABELS, Role


def role_label(role: Role | str) -> str:
    return ROLE_LABELS[Role(role)]


def local_time(moment: datetime | None) -> str:
    """`2026-03-31 14:05` in the service's time zone (stored times are UTC)."""
    if moment is None:
        return ""
    return moment.astimezone(ZoneInfo(current_app.config["TIMEZONE"])).strftime("%Y-%m-%d %H:%M")


def local_date(moment: datetime | date | None) -> str:
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        moment = moment.astimezone(ZoneInfo(current_app.config["TIMEZONE"])).date()
    return moment.isoformat()
