"""The report's figures: one SQL aggregation per section, grouped in the database.

Python only arranges the grouped rows (a few per department, committee or year); it
never loads agreements, resources or grants one by one.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from itertools import chain

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from iop.agreements.models import Agreement, AgreementParty, Party, Per, Resource, ResourceType
from iop.departments.models import Committee, Department
from iop.extensions import db
from iop.grants.models import Grant
from iop.organisations.models import Organisation
from iop.reports.counting import (
    counts_in,
    days_in_year,
    days_inside,
    days_of_period,
    effective_end,
    pro_rata,
    signed,
    starts_in,
    year_bounds,
)

YEARS_OVER_TIME = 5
FETCH_ROWS = 500  # rows fetched at a time from a long result


def as_decimal(value) -> Decimal:
    """A database sum as Decimal (SQLite sums REAL as float; PostgreSQL gives Decimal)."""
    if isinstance(value, Decimal):
        return value
    return Decimal(0) if value is None else Decimal(str(value))


def whole(value) -> Decimal:
    """A pro rata sum in whole kronor (or hours), half up."""
    return as_decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP)


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
    """Per department, party and type: SEK and hours that count for the year, pro rata by days."""
    first, last = year_bounds(year)
    year_days = days_in_year(year)
    statement = (
        sa.select(Agreement.department_id, Resource.party, Resource.type,
                  sa.func.sum(pro_rata(Resource.amount_sek, Resource.per, first, last, year_days))
                  .label("amount_sek"),
                  sa.func.sum(pro_rata(Resource.hours, Resource.per, first, last, year_days)).label("hours"))
        .join(Agreement, Agreement.id == Resource.agreement_id)
        .where(counts_in(first, last))
        .group_by(Agreement.department_id, Resource.party, Resource.type))
    return [{"department_id": department_id, "party": Party(party), "type": ResourceType(type_),
             "amount_sek": whole(amount), "hours": whole(hours)}
            for department_id, party, type_, amount, hours in _rows(statement)]


def over_time_rows(year: int) -> list[dict]:
    """For the year and the four before it: agreements counted and the municipality's SEK (pro rata)."""
    years = sa.union_all(*[
        # Typed literals, not CAST: SQLite's CAST('2026-01-01' AS DATE) is the number 2026.
        sa.select(sa.literal(y).label("year"), sa.literal(date(y, 1, 1), sa.Date).label("first"),
                  sa.literal(date(y, 12, 31), sa.Date).label("last"),
                  sa.literal(days_in_year(y)).label("days"))
        for y in range(year - YEARS_OVER_TIME + 1, year + 1)]).subquery("years")
    # Each agreement's money summed once, before the join with the years (not once per year).
    per_year, total = (sa.case((Resource.per == per, Resource.amount_sek)) for per in (Per.YEAR, Per.TOTAL))
    money = (sa.select(Resource.agreement_id, sa.func.sum(per_year).label("per_year"),
                       sa.func.sum(total).label("total"))
             .where(Resource.party == Party.MUNICIPALITY).group_by(Resource.agreement_id).subquery("money"))
    inside = days_inside(years.c.first, years.c.last)
    statement = (
        sa.select(years.c.year, sa.func.count().label("agreements"),
                  sa.func.sum(money.c.per_year * inside / years.c.days),
                  sa.func.sum(money.c.total * inside / days_of_period()))
        .select_from(years)
        .join(Agreement, counts_in(years.c.first, years.c.last))
        .outerjoin(money, money.c.agreement_id == Agreement.id)
        .group_by(years.c.year))
    found = {y: (count, whole(as_decimal(per_year) + as_decimal(total)))
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
    return [{**row._mapping, "amount_sek": whole(row.amount_sek)} for row in _rows(statement)]


def funding_source_rows(year: int):
    """Every source of money of each organisation with more than one in the year: its agreements
    (the municipality's SEK in the year, pro rata) and its grants, one row each, in one statement.

    Rows of (org_number, type, id, committee, title, amount_sek, name, registered); `registered`
    is 1 for a registered organisation's name, 0 for a grant's name as given.
    """
    first, last = year_bounds(year)
    year_days = days_in_year(year)
    municipal = sa.func.sum(pro_rata(Resource.amount_sek, Resource.per, first, last, year_days))
    agreements = (
        sa.select(Organisation.org_number, sa.literal("agreement").label("type"), Agreement.id,
                  Committee.name.label("committee"), Agreement.title.label("title"),
                  municipal.label("amount_sek"), Organisation.name.label("name"),
                  sa.literal(1).label("registered"))
        .join(AgreementParty, AgreementParty.agreement_id == Agreement.id)
        .join(Organisation, Organisation.id == AgreementParty.organisation_id)
        .join(Department, Department.id == Agreement.department_id)
        .join(Committee, Committee.id == Department.committee_id)
        .join(Resource, sa.and_(Resource.agreement_id == Agreement.id, Resource.party == Party.MUNICIPALITY))
        .where(counts_in(first, last))
        .group_by(Organisation.org_number, Agreement.id, Committee.name, Agreement.title, Organisation.name)
        .having(municipal > 0))
    grants = (
        sa.select(Grant.org_number, sa.literal("grant"), Grant.id, Committee.name, Grant.purpose,
                  Grant.amount_sek, sa.func.coalesce(Organisation.name, Grant.organisation_name),
                  sa.case((Organisation.name.is_not(None), 1), else_=0))
        .join(Committee, Committee.id == Grant.committee_id)
        .outerjoin(Organisation, Organisation.id == Grant.organisation_id)
        .where(Grant.year == year))
    sources = sa.union_all(agreements, grants).subquery("sources")
    counted = (sa.select(*sources.c, sa.func.count().over(partition_by=sources.c.org_number).label("sources"))
               .subquery("counted"))
    # The amount as the database sends it (a float: the pro rata division is in floating point), not
    # made a Decimal row by row by SQLAlchemy: `funding` rounds it to whole kronor in one step, the
    # same way (to öre as a Numeric(14, 2) would, then half up), for tens of thousands of rows.
    names = ("org_number", "type", "id", "committee", "title", "amount_sek", "name", "registered")
    columns = [sa.type_coerce(counted.c.amount_sek, sa.Float).label("amount_sek") if name == "amount_sek"
               else counted.c[name] for name in names]
    statement = (sa.select(*columns)
                 .where(counted.c.sources > 1)
                 .order_by(counted.c.org_number, counted.c.type, counted.c.id))
    # There may be tens of thousands of rows: plain rows, read once by `funding`, fetched a few
    # hundred at a time rather than all held at once.
    return chain.from_iterable(_rows(statement).partitions(FETCH_ROWS))
