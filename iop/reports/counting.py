"""When an agreement and its resources count for a year: the rules of API.md, as SQL.

An agreement counts for a year when it was signed (active, expired or terminated now,
with a signing date) and its period overlaps the year. A terminated agreement's period
ends on the day the termination took effect (`ended_on`), when that is before its end date.
A resource given `per: "year"` counts once for each such year; `per: "total"` counts in
the year the period starts.

Every condition compares a column with a computed date, never a function of a column
with a date, so the indexes on status and dates stay usable.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from iop.agreements.models import SIGNED_STATUSES, Agreement, Per, Resource, Status

SIGNED = sorted(SIGNED_STATUSES)


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


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


def resource_counts_in(first_day, last_day, agreement=Agreement, resource=Resource):
    """A resource of a counted agreement counts this year: every year, or in its start year."""
    return sa.or_(resource.per == Per.YEAR, starts_in(first_day, last_day, agreement))
