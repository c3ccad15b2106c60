"""The report's figures: one SQL aggregation per section, grouped in the database.

Python only arranges the grouped rows (a few per department, committee or year); it
never loads agreements, resources or grants one by one.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from iop.agreements.models import Agreement, Party, Per, Resource, ResourceType
from iop.departments.models import Committee, Department
from iop.extensions import db
from iop.grants.models import Grant
from iop.organisations.models import Organisation
from iop.reports.counting import counts_in, effective_end, resource_counts_in, signed, starts_in, year_bounds

YEARS_OVER_TIME = 5


def as_decimal(value) -> Decimal:
    """A database sum as Decimal (SQLite sums REAL as float; PostgreSQL gives Decimal)."""
    if isinstance(value, Decimal):
        return value
    return Decimal(0) if value is None else Decimal(str(value))


def _rows(statement):
    """Plain rows from the database: no ORM loading around a GROUP BY's results."""
    return db.session.connection().execute(statement)


def agreement_rows(year: int) -> list[dict]:
    """Per department and kind: agreements counted, started, ended and renewed in the year."""
    first, last = year_bounds(year)
    successor = aliased(Agreement)
    # A join with the set of renewed ids, not a correlated EXISTS: its plan needs no fresh statistics.
    renewed = (sa.select(successor.predecessor_id.label("id")).where(successor.predecessor_id.is_not(None),
                                                                      signed(successor))
               .distinct().subquery("renewed"))
    end = effective_end()
    statement = (
        sa.select(Department.id, Department.code, Department.name, Committee.name.label("committee"),
                  Agreement.kind, sa.func.count().label("agreements"),
                  sa.func.sum(sa.case((starts_in(first, last), 1), else_=0)).label("started"),
                  sa.func.sum(sa.case((end.between(first, last), 1), else_=0)).label("ended"),
                  sa.func.sum(sa.case((renewed.c.id.is_not(None), 1), else_=0)).label("renewed"))
        .join(Department, Department.id == Agreement.department_id)
        .outerjoin(renewed, renewed.c.id == Agreement.id)
        .join(Committee, Committee.id == Department.committee_id)
        .where(counts_in(first, last))
        .group_by(Department.id, Department.code, Department.name, Committee.name, Agreement.kind))
    return [dict(row._mapping) for row in _rows(statement)]


def resource_rows(year: int) -> list[dict]:
    """Per department, party and type: SEK and hours that count for the year."""
    first, last = year_bounds(year)
    counted = resource_counts_in(first, last)
    statement = (
        sa.select(Agreement.department_id, Resource.party, Resource.type,
                  sa.func.sum(sa.case((counted, Resource.amount_sek))).label("amount_sek"),
                  sa.func.sum(sa.case((counted, Resource.hours))).label("hours"))
        .join(Agreement, Agreement.id == Resource.agreement_id)
        .where(counts_in(first, last))
        .group_by(Agreement.department_id, Resource.party, Resource.type))
    return [{"department_id": department_id, "party": Party(party), "type": ResourceType(type_),
             "amount_sek": as_decimal(amount), "hours": as_decimal(hours)}
            for department_id, party, type_, amount, hours in _rows(statement)]


def over_time_rows(year: int) -> list[dict]:
    """For the year and the four before it: agreements counted and the municipality's SEK."""
    years = sa.union_all(*[
        # Typed literals, not CAST: SQLite's CAST('2026-01-01' AS DATE) is the number 2026.
        sa.select(sa.literal(y).label("year"), sa.literal(date(y, 1, 1), sa.Date).label("first"),
                  sa.literal(date(y, 12, 31), sa.Date).label("last"))
        for y in range(year - YEARS_OVER_TIME + 1, year + 1)]).subquery("years")
    # Each agreement's money summed once, before the join with the years (not once per year).
    per_year, total = (sa.case((Resource.per == per, Resource.amount_sek)) for per in (Per.YEAR, Per.TOTAL))
    money = (sa.select(Resource.agreement_id, sa.func.sum(per_year).label("per_year"),
                       sa.func.sum(total).label("total"))
             .where(Resource.party == Party.MUNICIPALITY).group_by(Resource.agreement_id).subquery("money"))
    statement = (
        sa.select(years.c.year, sa.func.count().label("agreements"), sa.func.sum(money.c.per_year),
                  sa.func.sum(sa.case((starts_in(years.c.first, years.c.last), money.c.total))))
        .select_from(years)
        .join(Agreement, counts_in(years.c.first, years.c.last))
        .outerjoin(money, money.c.agreement_id == Agreement.id)
        .group_by(years.c.year))
    found = {y: (count, as_decimal(per_year) + as_decimal(total))
             for y, count, per_year, total in _rows(statement)}
    return [{"year": y, "agreements": found.get(y, (0, 0))[0], "municipality_sek": found.get(y, (0, 0))[1]}
            for y in range(year - YEARS_OVER_TIME + 1, year + 1)]


def grant_committee_rows(year: int) -> list[dict]:
    """Per committee: grants, organisations and SEK in the year."""
    statement = (
        sa.select(Committee.name.label("committee"), sa.func.count().label("grants"),
                  sa.func.count(sa.distinct(Grant.org_number)).label("organisations"),
                  sa.func.sum(Grant.amount_sek).label("amount_sek"))
        .join(Committee, Committee.id == Grant.committee_id)
        .where(Grant.year == year)
        .group_by(Committee.id, Committee.name))
    return [{**row._mapping, "amount_sek": as_decimal(row.amount_sek)} for row in _rows(statement)]


def several_committee_rows(year: int) -> list:
    """Grants of organisations funded by more than one committee, summed per committee and purpose."""
    several = (sa.select(Grant.org_number).where(Grant.year == year).group_by(Grant.org_number)
               .having(sa.func.count(sa.distinct(Grant.committee_id)) > 1))
    statement = (
        sa.select(Grant.org_number, Committee.name.label("committee"), Grant.purpose,
                  sa.func.sum(Grant.amount_sek).label("amount_sek"),
                  sa.func.min(Grant.organisation_name).label("given_name"),
                  sa.func.min(Organisation.name).label("registered_name"))
        .join(Committee, Committee.id == Grant.committee_id)
        .outerjoin(Organisation, Organisation.id == Grant.organisation_id)
        .where(Grant.year == year, Grant.org_number.in_(several))
        .group_by(Grant.org_number, Committee.name, Grant.purpose))
    # Rows with attributes (org_number, committee, purpose, amount_sek, given_name, registered_name):
    # there may be tens of thousands, and services reads each once.
    return _rows(statement).all()
