"""Swedish working days, for the response deadline and the days to first handling.

A stopgap of this package's own: `iop/reminders/workdays.py` is being written in
parallel and the two are to be unified at merge. Weekends, the public holidays and
the de facto non-working days (Midsommarafton, Julafton, Nyårsafton) are not
working days.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _non_working_days(year: int) -> frozenset[date]:
    return frozenset(holidays.Sweden(years=year, categories=("public", "de_facto")))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _non_working_days(day.year)


def add_working_days(start: date, days: int) -> date:
    """The `days`-th working day after `start` (`start` itself is not counted)."""
    day = start
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`; 0 when `end` is not after `start`."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count


def working_days_before(end: date, days: int) -> date:
    """The day `days` working days before `end`: add_working_days(result, days) == end for a working day."""
    day = end
    remaining = days
    while remaining > 0:
        day -= timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day
