"""The dates the service takes in, and date arithmetic that never overflows.

Every date a user can send (API, pages, imports, CLI) must lie within IOP_DATE_MIN ..
IOP_DATE_MAX (default 1900-01-01 .. 2199-12-31). Rows stored before that rule may hold
dates near Python's limits (0001-01-01, 9999-12-31): the readers use `shift` and the
agreements' `add_months`, which stop at those limits instead of raising.
"""

from __future__ import annotations

from datetime import date, timedelta

from flask import current_app, has_app_context

DEFAULT_MIN = date(1900, 1, 1)
DEFAULT_MAX = date(2199, 12, 31)


def bounds() -> tuple[date, date]:
    """The configured range (the defaults outside an app)."""
    if not has_app_context():
        return DEFAULT_MIN, DEFAULT_MAX
    config = current_app.config
    return config.get("DATE_MIN", DEFAULT_MIN), config.get("DATE_MAX", DEFAULT_MAX)


def out_of_range(day: date) -> str | None:
    """The Swedish message for a date outside the range; None when it is inside."""
    low, high = bounds()
    if low <= day <= high:
        return None
    return f"Ange ett datum från {low.isoformat()} till {high.isoformat()}."


def clamp(day: date) -> date:
    """`day` moved to the nearest end of the range when it lies outside it."""
    low, high = bounds()
    return min(max(day, low), high)


def shift(day: date, days: int) -> date:
    """`day` + `days`, stopping at date.min / date.max instead of overflowing."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def parse_setting(key: str, value) -> date:
    """An IOP_DATE_MIN/IOP_DATE_MAX value as a date (ValueError with the setting's name)."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError as error:
        raise ValueError(f"IOP_{key} must be a date like 1900-01-01, not {value!r}") from error
