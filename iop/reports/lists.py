"""The report's lists, named row by row: agreements, initiatives, organisations; and the small
aggregations of the ärende (goals, gender equality statements). All in SQL.

Each list is one statement ordered in the database with an optional LIMIT (the Word report
shows the first rows, the XLSX all of them) and the full length as a window count, so a
capped list still says how long it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

from iop.agreements.models import (
    Agreement,
    AgreementGoal,
    AgreementParty,
    MunicipalGoal,
    Party,
    Resource,
    ResourceType,
    Status,
)
from iop.departments.models import Committee, Department
from iop.extensions import db
from iop.grants.models import Grant
from iop.initiatives.models import Initiative, InitiativeDepartment, InitiativeStatus
from iop.organisations.models import Organisation
from iop.reports.counting import counts_in, days_in_year, effective_end, pro_rata, signed, year_bounds
from iop.reports.figures import whole
from iop.workdays import working_days_between

AGREEMENT_LISTS = ("active", "started", "ended", "renewed")
STATEMENT_ROWS = 50


@dataclass
class Listed:
    """The first rows of a list and how many it has in all."""

    rows: list[dict] = field(default_factory=list)
    total: int = 0

    @property
    def capped(self) -> bool:
        return self.total > len(self.rows)


def _run(statement, limit: int | None) -> Listed:
    if limit is not None:
        statement = statement.limit(limit)
    found = [dict(row._mapping) for row in db.session.connection().execute(statement)]
    return Listed([{k: v for k, v in row.items() if k != "total"} for row in found],
                  found[0]["total"] if found else 0)


def _money(year: int):
    """Per counted agreement: the municipality's SEK and the volunteer hours in the year, pro rata."""
    first, last = year_bounds(year)
    days = days_in_year(year)
    amount = pro_rata(Resource.amount_sek, Resource.per, first, last, days)
    hours = pro_rata(Resource.hours, Resource.per, first, last, days)
    return (sa.select(Resource.agreement_id,
                      sa.func.sum(sa.case((Resource.party == Party.MUNICIPALITY, amount))).label("sek"),
                      sa.func.sum(sa.case((Resource.type == ResourceType.VOLUNTEER_HOURS, hours)))
                      .label("hours"))
            .join(Agreement, Agreement.id == Resource.agreement_id)
            .where(counts_in(first, last)).group_by(Resource.agreement_id).subquery("money"))


def _parties():
    return (sa.select(AgreementParty.agreement_id, sa.func.min(Organisation.name).label("organisation"),
                      sa.func.count().label("parties"))
            .join(Organisation, Organisation.id == AgreementParty.organisation_id)
            .group_by(AgreementParty.agreement_id).subquery("parties"))


def agreements(year: int, which: str = "active", limit: int | None = None) -> Listed:
    """Agreements counted in the year (or those of them started, ended or renewed), the most
    money first: title, organisation, committee, period, the municipality's SEK and hours."""
    first, last = year_bounds(year)
    money, parties = _money(year), _parties()
    end = effective_end()
    conditions = [counts_in(first, last)]
    if which == "started":
        conditions.append(Agreement.start_date.between(first, last))
    elif which == "ended":
        conditions.append(end.between(first, last))
    elif which == "renewed":
        successor = sa.orm.aliased(Agreement)
        renewed = (sa.select(successor.predecessor_id).where(successor.predecessor_id.is_not(None),
                                                             signed(successor)))
        conditions.append(Agreement.id.in_(renewed))
    sek = sa.func.coalesce(money.c.sek, 0)
    statement = (
        sa.select(Agreement.id, Agreement.title, Agreement.kind, Agreement.case_number,
                  parties.c.organisation, sa.func.coalesce(parties.c.parties, 0).label("parties"),
                  Committee.name.label("committee"), Agreement.start_date, end.label("end_date"),
                  (Agreement.status == Status.TERMINATED).label("terminated"),
                  sek.label("municipality_sek"), sa.func.coalesce(money.c.hours, 0).label("volunteer_hours"),
                  sa.func.count().over().label("total"))
        .join(Department, Department.id == Agreement.department_id)
        .join(Committee, Committee.id == Department.committee_id)
        .outerjoin(money, money.c.agreement_id == Agreement.id)
        .outerjoin(parties, parties.c.agreement_id == Agreement.id)
        .where(*conditions)
        .order_by(sek.desc(), Agreement.title, Agreement.id))
    listed = _run(statement, limit)
    for row in listed.rows:
        row["municipality_sek"] = whole(row["municipality_sek"])
        row["volunteer_hours"] = whole(row["volunteer_hours"])
    return listed


def _lead_department():
    return (sa.select(Department.id, Department.name).subquery("lead"))


def initiatives(year: int, *, network: bool = False, limit: int | None = None) -> Listed:
    """Initiatives received in the year, oldest first: how they were handled and how fast
    (working days to the first handling). `network`: only the network's cases (in its queue,
    concerning several departments, or flagged for waiting too long)."""
    first, last = year_bounds(year)
    lead = _lead_department()
    concerns = (sa.select(InitiativeDepartment.initiative_id, sa.func.count().label("departments"))
                .group_by(InitiativeDepartment.initiative_id).subquery("concerns"))
    conditions = [Initiative.received_on.between(first, last)]
    if network:
        conditions.append(sa.or_(Initiative.status == InitiativeStatus.IN_NETWORK, concerns.c.departments > 1,
                                 Initiative.flagged.is_(True)))
    statement = (
        sa.select(Initiative.id, Initiative.title,
                  sa.func.coalesce(Organisation.name, "").label("organisation"), Initiative.received_on,
                  Initiative.first_handled_on, Initiative.closed_on, Initiative.status,
                  Initiative.outcome, Initiative.flagged, lead.c.name.label("department"),
                  sa.func.coalesce(concerns.c.departments, 0).label("departments"),
                  sa.func.count().over().label("total"))
        .outerjoin(Organisation, Organisation.id == Initiative.organisation_id)
        .outerjoin(lead, lead.c.id == Initiative.assigned_department_id)
        .outerjoin(concerns, concerns.c.initiative_id == Initiative.id)
        .where(*conditions)
        .order_by(Initiative.received_on, Initiative.id))
    listed = _run(statement, limit)
    for row in listed.rows:
        row["days_to_first_handling"] = (working_days_between(row["received_on"], row["first_handled_on"])
                                         if row["first_handled_on"] else None)
    return listed


def organisations(year: int, limit: int | None = None) -> Listed:
    """Every organisation with money in the year, from agreements (the municipality's SEK, pro rata)
    and grants together, the most first."""
    first, last = year_bounds(year)
    money = _money(year)
    agreements_ = (
        sa.select(Organisation.org_number.label("org_number"), Organisation.name.label("name"),
                  sa.func.coalesce(money.c.sek, 0).label("agreements_sek"),
                  sa.literal(0).label("grants_sek"), sa.literal(1).label("agreements"),
                  sa.literal(0).label("grants"))
        .select_from(AgreementParty)
        .join(Organisation, Organisation.id == AgreementParty.organisation_id)
        .join(Agreement, Agreement.id == AgreementParty.agreement_id)
        .outerjoin(money, money.c.agreement_id == Agreement.id)
        .where(counts_in(first, last)))
    grants = (sa.select(Grant.org_number, sa.func.coalesce(Organisation.name, Grant.organisation_name),
                        sa.literal(0), Grant.amount_sek, sa.literal(0), sa.literal(1))
              .outerjoin(Organisation, Organisation.id == Grant.organisation_id)
              .where(Grant.year == year))
    sources = sa.union_all(agreements_, grants).subquery("sources")
    total_sek = sa.func.sum(sources.c.agreements_sek) + sa.func.sum(sources.c.grants_sek)
    statement = (
        sa.select(sources.c.org_number, sa.func.min(sources.c.name).label("name"),
                  sa.func.sum(sources.c.agreements).label("agreements"),
                  sa.func.sum(sources.c.agreements_sek).label("agreements_sek"),
                  sa.func.sum(sources.c.grants).label("grants"),
                  sa.func.sum(sources.c.grants_sek).label("grants_sek"),
                  total_sek.label("amount_sek"), sa.func.count().over().label("total"))
        .group_by(sources.c.org_number)
        .order_by(total_sek.desc(), sources.c.org_number))
    listed = _run(statement, limit)
    for row in listed.rows:
        for key in ("agreements_sek", "grants_sek", "amount_sek"):
            row[key] = whole(row[key])
    return listed


def goals(year: int) -> list[dict]:
    """Per municipal goal: the agreements of the year that serve it and the municipality's SEK in them."""
    first, last = year_bounds(year)
    money = _money(year)
    statement = (
        sa.select(MunicipalGoal.id, MunicipalGoal.number, MunicipalGoal.name,
                  sa.func.count(Agreement.id).label("agreements"),
                  sa.func.sum(money.c.sek).label("municipality_sek"))
        .select_from(MunicipalGoal)
        .outerjoin(AgreementGoal, AgreementGoal.goal_id == MunicipalGoal.id)
        .outerjoin(Agreement, sa.and_(Agreement.id == AgreementGoal.agreement_id, counts_in(first, last)))
        .outerjoin(money, money.c.agreement_id == Agreement.id)
        .group_by(MunicipalGoal.id, MunicipalGoal.number, MunicipalGoal.name)
        # As in the plan: by number, goals without one last (on both databases).
        .order_by(MunicipalGoal.number.is_(None), MunicipalGoal.number, MunicipalGoal.name))
    return [{**row._mapping, "municipality_sek": whole(row.municipality_sek)}
            for row in db.session.connection().execute(statement)]


def received_initiatives(year: int) -> int:
    first, last = year_bounds(year)
    return db.session.scalar(sa.select(sa.func.count()).select_from(Initiative)
                             .where(Initiative.received_on.between(first, last)))


def gender_equality(year: int, limit: int = STATEMENT_ROWS) -> dict:
    """How many agreements of the year and initiatives received in it state how they concern girls
    and boys, women and men, and (the first `limit` of) their statements."""
    first, last = year_bounds(year)
    stated_agreement = sa.and_(Agreement.gender_equality.is_not(None), Agreement.gender_equality != "")
    stated_initiative = sa.and_(Initiative.gender_equality.is_not(None), Initiative.gender_equality != "")
    of_year = Initiative.received_on.between(first, last)
    session = db.session
    # One pass over the year's agreements and one over its initiatives, counting what each states.
    tagged = sa.select(AgreementGoal.agreement_id).distinct().subquery("tagged")
    agreements_, stating, untagged = session.execute(
        sa.select(sa.func.count(), sa.func.sum(sa.case((stated_agreement, 1), else_=0)),
                  sa.func.sum(sa.case((tagged.c.agreement_id.is_(None), 1), else_=0)))
        .select_from(Agreement).outerjoin(tagged, tagged.c.agreement_id == Agreement.id)
        .where(counts_in(first, last))).one()
    initiatives_, initiatives_stating = session.execute(
        sa.select(sa.func.count(), sa.func.sum(sa.case((stated_initiative, 1), else_=0)))
        .select_from(Initiative).where(of_year)).one()
    return {
        "agreements": agreements_, "agreements_stating": stating or 0, "untagged_agreements": untagged or 0,
        "initiatives": initiatives_, "initiatives_stating": initiatives_stating or 0,
        "statements": [
            {"type": "agreement", "title": title, "text": text} for title, text in session.execute(
                sa.select(Agreement.title, Agreement.gender_equality)
                .where(counts_in(first, last), stated_agreement).order_by(Agreement.title).limit(limit))
        ] + [
            {"type": "initiative", "title": title, "text": text} for title, text in session.execute(
                sa.select(Initiative.title, Initiative.gender_equality)
                .where(of_year, stated_initiative).order_by(Initiative.title).limit(limit))
        ],
    }




