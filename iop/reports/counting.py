"""When an agreement and its resources count for a year: the rules of API.md, as SQL.

An agreement counts for a year when it was signed (active, expired or terminated now,
with a signing date) and its period overlaps the year. A terminated agreement's period
ends on the day the termination took effect (`ended_on`), when that is before its end date.
Money and hours count pro rata by days: a resource given `per: "year"` counts its amount times
the days of the period inside the year over the days of that year; one given `per: "total"`
counts its amount times the days of the period inside the year over the days of the period as
agreed (start to end date, so that a later termination does not change a closed year's figures).
A year's figures therefore never overstate, and the years of an agreement sum to what it gives.

Date arithmetic differs between the databases (SQLite's julianday, PostgreSQL's date
subtraction): `DaysBetween` is the one expression with a compiled form per dialect.

Every condition compares a column with a computed date, never a function of a column
with a date, so the indexes on status and dates stay usable.
"""

from __future__ import annotations

import calendar
from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

from iop.agreements.models import SIGNED_STATUSES, Agreement, Per, Status

SIGNED = sorted(SIGNED_STATUSES)


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def days_in_year(year: int) -> int:
    return 366 if calendar.isleap(year) else 365  # year 9999 too: no date after it to subtract


class DaysBetween(FunctionElement):
    """`later - earlier` in days, as a number (fractional on SQLite: divisions stay exact)."""

    type = sa.Float()
    inherit_cache = True
    name = "days_between"


@compiles(DaysBetween, "sqlite")
def _days_between_sqlite(element, compiler, **kw):
    later, earlier = list(element.clauses)
    return f"(julianday({compiler.process(later, **kw)}) - julianday({compiler.process(earlier, **kw)}))"


@compiles(DaysBetween)
def _days_between(element, compiler, **kw):
    """PostgreSQL (and the standard): date minus date is a whole number of days."""
    later, earlier = list(element.clauses)
    return f"({compiler.process(later, **kw)} - {compiler.process(earlier, **kw)})"


def _earlier(first, second):
    return sa.case((first < second, first), else_=second)


def _later(first, second):
    return sa.case((first > second, first), else_=second)


def days_inside(first_day, last_day, agreement=Agreement):
    """Days of the (possibly terminated) period from `first_day` to `last_day`; only for counted rows."""
    return DaysBetween(_earlier(effective_end(agreement), last_day),
                       _later(agreement.start_date, first_day)) + 1


def days_of_period(agreement=Agreement):
    """Days of the period as agreed, start to end date."""
    return DaysBetween(agreement.end_date, agreement.start_date) + 1


def pro_rata(value, per, first_day, last_day, year_days, agreement=Agreement):
    """`value` (SEK or hours) of a counted agreement's resource, for the days inside the year."""
    inside = days_inside(first_day, last_day, agreement)
    return sa.case((per == Per.YEAR, value * inside / year_days),
                   else_=value * inside / days_of_period(agreement))


def year_shares(start: date, last: date, period_end: date | None = None) -> dict[int, tuple[int, int]]:
    """For a period from `start` to `last` (inclusive), each year's (days inside, days of the year);
    the plain reading the SQL follows, for a single agreement."""
    shares = {}
    for year in range(start.year, last.year + 1):
        first, end = year_bounds(year)
        shares[year] = ((min(last, end) - max(start, first)).days + 1, days_in_year(year))
    return shares


def effective_end(agreement=Agreement):
    """The last day of the period: the end date, or the day a termination took effect."""
    return sa.case(
        (sa.and_(agreement.status == Status.TERMINATED, agreement.ended_on.is_not(None),
                 agreement.ended_on < agreement.end_date), agreement.ended_on),
        else_=agreement.end_date)


def signed(agreement=Agreement):
    return sa.and_(agreement.status.in_(SIGNED), agreement.signed_on.is_not(None))


def counts_in(first_day, last_day, agreement=Agreement):
    """The agreement counts for the year from `first_day` to `last_day` (dates or columns)."""
    end = effective_end(agreement)
    return sa.and_(signed(agreement), agreement.start_date <= last_day,
                   agreement.end_date >= first_day,  # implied by the next line; this one uses the index
                   end >= first_day, end >= agreement.start_date)


def starts_in(first_day, last_day, agreement=Agreement):
    return agreement.start_date.between(first_day, last_day)

