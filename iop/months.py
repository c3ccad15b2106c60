"""Months counted the way a contract counts them: notice deadlines, terms, shifted dates."""

from __future__ import annotations

from calendar import monthrange
from datetime import date


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, clamped to the month's last day (31 Aug − 6 months = 28/29 Feb).

    Beyond what a date can hold it stops at date.min or date.max: rows stored before the
    date range was enforced (0001-06-01, 9999-12-31) must still be readable."""
    years, month_index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month_index + 1
    if year < date.min.year:
        return date.min
    if year > date.max.year:
        return date.max
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def notice_deadline(end_date: date | None, notice_period_months: int | None) -> date | None:
    """The last day to give notice: the end date minus the notice period."""
    if end_date is None or notice_period_months is None:
        return None
    return add_months(end_date, -notice_period_months)


def term_months(start: date | None, end: date | None) -> int | None:
    """Whole months the period covers, counting a started month as a month."""
    if start is None or end is None:
        return None
    months = (end.year - start.year) * 12 + (end.month - start.month)
    return months + (1 if end.day >= start.day else 0)
