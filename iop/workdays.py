"""Swedish working days: weekdays that are neither public holidays nor de facto ones.

`holidays.Sweden()` alone has the 13 public holidays; Midsommarafton, Julafton and
Nyårsafton are days off in practice and come only with the "de_facto" category.
Reminders move to the previous working day; initiatives' response deadlines and days
to first handling are counted in working days.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

_DAY = timedelta(days=1)


@lru_cache(maxsize=64)
def _days_off(year: int) -> frozenset[date]:
    calendar = holidays.Sweden(years=year, categories=("public", "de_facto"))
    return frozenset(calendar)


def is_working_day(day: date) -> bool:
    """A weekday that is not a Swedish public or de facto holiday."""
    return day.weekday() < 5 and day not in _days_off(day.year)


def previous_working_day(day: date) -> date:
    """`day` itself when it is a working day, otherwise the last working day before it."""
    while not is_working_day(day):
        day -= _DAY
    return day


def next_working_day_after(day: date) -> date:
    """The first working day strictly after `day`."""
    day += _DAY
    while not is_working_day(day):
        day += _DAY
    return day


def add_working_days(start: date, days: int) -> date:
    """The `days`-th working day after `start` (`start` itself is not counted)."""
    day = start
    remaining = days
    while remaining > 0:
        day += _DAY
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`; 0 when `end` is not after `start`."""
    count = 0
    day = start
    while day < end:
        day += _DAY
        count += is_working_day(day)
    return count


def working_days_before(end: date, days: int) -> date:
    """The day `days` working days before `end`: add_working_days(result, days) == end for a working day."""
    day = end
    remaining = days
    while remaining > 0:
        day -= _DAY
        if is_working_day(day):
            remaining -= 1
    return day
