"""Registering, routing, editing and reading initiatives, and their notes.

Routing rule (Linköping): one that concerns more than one department, or no
department yet, or whose municipal matter is unclear, starts in the network's
queue (`in_network`); otherwise it is `received` by its single department.

"Handled" means the initiative got an owner or an answer: an assignment or a
close sets `first_handled_on`. Registration, notes, edits and moves to the
network (by a person or by escalation) do not: the association is still waiting.
Days to first handling are counted in Swedish working days, like the deadline.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import current_app

from iop import clock
from iop.agreements.models import Agreement
from iop.agreements.models import Status as AgreementStatus
from iop.audit.recording import record_event, session_action
from iop.auth.models import User
from iop.database import LIKE_ESCAPE, like_pattern
from iop.departments.models import Department
from iop.errors import Conflict, Invalid, NotFound
from iop.extensions import db
from iop.grants.models import Grant
from iop.initiatives import signals
from iop.initiatives.access import acts_for_network, require_change
from iop.initiatives.models import (
    Initiative,
    InitiativeDepartment,
    InitiativeNote,
    InitiativeStatus,
    Outcome,
)
from iop.organisations.models import Organisation
from iop.roles import authorize
from iop.workdays import add_working_days, working_days_between

# What may still be completed on a closed initiative: the links to what it became.
LINK_FIELDS = frozenset({"agreement_id", "grant_reference", "grant_id", "gender_equality"})
MAX_ID = 2**31 - 1


def local_today() -> date:
    return clock.today(current_app.config["TIMEZONE"])


def response_days() -> int:
    return current_app.config["INITIATIVE_RESPONSE_DAYS"]


def starts_in_network(departments: list[Department], municipal_matter: bool | None) -> bool:
    """The routing rule: anything but one department and a clear municipal matter goes to the network."""
    return len(departments) != 1 or municipal_matter is None


def register_initiative(*, by: User | None, title: str, description: str, departments=(),
                        municipal_matter: bool | None = None, organisation_id: int | None = None,
                        contact_name: str | None = None, contact_email: str | None = None,
                        received_on: date | None = None) -> Initiative:
    """Register an initiative and route it to its department or to the network's queue.

    `by` None: brought by someone outside the municipality, through the portal's public form."""
    if by is not None:
        authorize(by, "initiative.write")
    received_on = received_on or local_today()
    _refuse_future(received_on)
    concerned = resolve_departments(departments)
    initiative = Initiative(
        title=title, description=description, contact_name=contact_name, contact_email=contact_email,
        organisation=_organisation(organisation_id), received_on=received_on,
        respond_by=add_working_days(received_on, response_days()), municipal_matter=municipal_matter,
        status=(InitiativeStatus.IN_NETWORK if starts_in_network(concerned, municipal_matter)
                else InitiativeStatus.RECEIVED),
        registered_by=by)
    initiative.concerns = [InitiativeDepartment(department=d, position=i) for i, d in enumerate(concerned)]
    db.session.add(initiative)
    db.session.flush()
    signals.initiative_registered.send(initiative, actor=by, status=initiative.status)
    return initiative


REGISTRATION_FIELDS = {
    "departments": "Bara nätverkets samordnare kan ändra vilka förvaltningar ett registrerat initiativ "
                   "berör. Skriv en anteckning eller flytta det till nätverket.",
    "received_on": "Bara nätverkets samordnare kan ändra när ett registrerat initiativ kom in: datumet "
                   "styr svarstiden.",
}


def update_initiative(*, initiative: Initiative, by: User, departments=None, reason: str | None = None,
                      **changes) -> Initiative:
    """Change the given fields; a `received` one that now needs the network moves to its queue.

    The departments and the day it came in decide who sees it and when the network is alerted:
    after registration only a coordinator (or admin) changes them, giving a reason for the log.
    """
    require_change(by, initiative)
    given = set(changes) | ({"departments"} if departments is not None else set())
    if initiative.status == InitiativeStatus.CLOSED and given - LINK_FIELDS:
        raise Conflict("Initiativet är avslutat; bara kopplingen till överenskommelse eller bidrag "
                       "kan kompletteras.", {"status": [initiative.status.value]})
    resolved = resolve_departments(departments) if departments is not None else None
    corrected = _registration_changes(initiative, resolved, changes)
    if corrected:
        if not acts_for_network(by):
            raise Invalid({field: [REGISTRATION_FIELDS[field]] for field in corrected})
        if not (reason or "").strip():
            raise Invalid({"reason": ["Ange varför förvaltningarna eller inkomstdatumet ändras."]})
        record_event(db.session, action="registration_corrected", entity="initiative",
                     entity_id=initiative.id, changes={**corrected, "reason": [None, reason.strip()]})
    _check_links(initiative, changes)
    if "received_on" in changes:
        _refuse_future(changes["received_on"])
        changes["respond_by"] = add_working_days(changes["received_on"], response_days())
    if "organisation_id" in changes:
        initiative.organisation = _organisation(changes.pop("organisation_id"))
    for key, value in changes.items():
        setattr(initiative, key, value)
    if resolved is not None:
        set_departments(initiative, resolved)
    # Touching the row moves its version on, so a change to the departments alone changes the ETag.
    initiative.updated_at = clock.utcnow()
    db.session.flush()
    if initiative.status == InitiativeStatus.RECEIVED and starts_in_network(
            initiative.departments, initiative.municipal_matter):
        with session_action(db.session, "route_to_network"):
            initiative.status = InitiativeStatus.IN_NETWORK
            db.session.flush()
        signals.initiative_to_network.send(initiative, actor=by, previous_department=None)
    return initiative


def _registration_changes(initiative: Initiative, departments: list[Department] | None,
                          changes: dict) -> dict:
    """The registration fields this change really changes: field -> [before, after]."""
    corrected = {}
    if departments is not None:
        wanted = [d.code for d in departments]
        lead = initiative.assigned_department
        if lead is not None and lead.code not in wanted:
            wanted.append(lead.code)  # set_departments keeps the lead among them
        if sorted(wanted) != sorted(initiative.department_codes):
            corrected["departments"] = [initiative.department_codes, wanted]
    if "received_on" in changes and changes["received_on"] != initiative.received_on:
        corrected["received_on"] = [initiative.received_on.isoformat(),
                                    changes["received_on"].isoformat() if changes["received_on"] else None]
    return corrected


def get_initiative(*, initiative_id: int) -> Initiative:
    # An id beyond any integer column is simply not there (SQLite would overflow on it).
    initiative = db.session.get(Initiative, initiative_id) if 0 < initiative_id <= MAX_ID else None
    if initiative is None:
        raise NotFound(f"Initiativet {initiative_id} finns inte.")
    return initiative


def list_initiatives(*, status: str | None = None, department: str | None = None,
                     organisation_id: int | None = None, flagged: bool | None = None,
                     overdue: bool | None = None, received_from: date | None = None,
                     received_to: date | None = None, q: str | None = None,
                     sort: str = "newest") -> sa.Select:
    """Initiatives matching the filters, newest received first; `queue` puts the flagged and
    most urgent first, as the network works through its queue."""
    statement = sa.select(Initiative)
    if status:
        statement = statement.where(Initiative.status == InitiativeStatus(status))
    if department:
        concerned = sa.select(InitiativeDepartment.initiative_id).join(Department).where(
            Department.code == department.strip().upper())
        statement = statement.where(sa.or_(
            Initiative.id.in_(concerned),
            Initiative.assigned_department_id.in_(
                sa.select(Department.id).where(Department.code == department.strip().upper()))))
    if organisation_id is not None:
        statement = statement.where(Initiative.organisation_id == organisation_id)
    if flagged is not None:
        statement = statement.where(Initiative.flagged.is_(flagged))
    if overdue is not None:
        late = overdue_clause(local_today())
        statement = statement.where(late if overdue else sa.not_(late))
    if received_from:
        statement = statement.where(Initiative.received_on >= received_from)
    if received_to:
        statement = statement.where(Initiative.received_on <= received_to)
    if q:
        statement = statement.where(_matches(q))
    if sort == "queue":
        return statement.order_by(Initiative.flagged.desc(), Initiative.respond_by, Initiative.id)
    return statement.order_by(Initiative.received_on.desc(), Initiative.id.desc())


def overdue_clause(today: date):
    """Open, never handled, and past its deadline."""
    return sa.and_(Initiative.first_handled_on.is_(None), Initiative.status != InitiativeStatus.CLOSED,
                   Initiative.respond_by < today)


def is_overdue(initiative: Initiative, today: date | None = None) -> bool:
    today = today or local_today()
    return (initiative.first_handled_on is None and initiative.status != InitiativeStatus.CLOSED
            and initiative.respond_by < today)


def days_to_first_handling(initiative: Initiative) -> int | None:
    """Swedish working days from receipt to the first assignment or answer; None while unhandled."""
    if initiative.first_handled_on is None:
        return None
    return working_days_between(initiative.received_on, initiative.first_handled_on)


def add_note(*, initiative: Initiative, by: User, text: str) -> InitiativeNote:
    """Record what someone said or did about an initiative; any officer may, across departments."""
    authorize(by, "initiative.write")
    note = InitiativeNote(initiative_id=initiative.id, author=by, text=text)
    db.session.add(note)
    db.session.flush()
    return note


def list_notes(*, initiative: Initiative) -> sa.Select:
    """An initiative's notes, newest first."""
    return sa.select(InitiativeNote).where(InitiativeNote.initiative_id == initiative.id).order_by(
        InitiativeNote.id.desc())


def resolve_departments(codes) -> list[Department]:
    """Departments by code, in the order given, each once; 422 naming the unknown codes."""
    wanted = list(dict.fromkeys(code.strip().upper() for code in codes))
    if not wanted:
        return []
    found = {d.code: d for d in db.session.scalars(sa.select(Department).where(Department.code.in_(wanted)))}
    unknown = [code for code in wanted if code not in found]
    if unknown:
        raise Invalid({"departments": [f"Förvaltningen {code} finns inte." for code in unknown]})
    return [found[code] for code in wanted]


def set_departments(initiative: Initiative, departments: list[Department]) -> None:
    """Replace the departments it concerns, keeping the lead among them."""
    lead = initiative.assigned_department
    if lead is not None and lead.id not in {d.id for d in departments}:
        departments = [*departments, lead]
    existing = {c.department_id: c for c in initiative.concerns}
    kept = []
    for position, department in enumerate(departments):
        concern = existing.get(department.id) or InitiativeDepartment(department=department)
        concern.position = position
        kept.append(concern)
    initiative.concerns = kept


def add_department(initiative: Initiative, department: Department) -> None:
    if department.id not in {d.id for d in initiative.departments}:
        initiative.concerns.append(InitiativeDepartment(department=department,
                                                        position=len(initiative.concerns)))


def find_agreement(agreement_id: int) -> Agreement:
    agreement = db.session.get(Agreement, agreement_id)
    if agreement is None:
        raise Invalid({"agreement_id": f"Överenskommelsen {agreement_id} finns inte."})
    return agreement


def agreement_problem(initiative: Initiative, agreement_id: int | None) -> str | None:
    """Why this agreement cannot be what the initiative became (same organisation, not
    withdrawn), or None when it can."""
    if agreement_id is None:
        return "Ange vilken överenskommelse initiativet blev."
    try:
        agreement = find_agreement(agreement_id)
    except Invalid as error:
        return error.errors["agreement_id"][0]
    if agreement.status == AgreementStatus.WITHDRAWN:
        return f"Överenskommelse {agreement_id} är återkallad."
    if initiative.organisation_id is not None and \
            initiative.organisation_id not in {p.organisation_id for p in agreement.parties}:
        return f"Överenskommelse {agreement_id} är inte med initiativets organisation."
    return None


def grant_problem(initiative: Initiative, grant_id: int) -> str | None:
    """Why this imported grant cannot be what the initiative became (it must be the same
    organisation's), or None when it can."""
    grant = db.session.get(Grant, grant_id)
    if grant is None:
        return f"Bidraget {grant_id} finns inte."
    organisation = initiative.organisation
    if organisation is not None and grant.organisation_id != organisation.id \
            and grant.org_number != organisation.org_number:
        return f"Bidraget {grant_id} gick inte till initiativets organisation."
    return None


def _check_links(initiative: Initiative, changes: dict) -> None:
    if changes.get("agreement_id") is not None:
        if initiative.outcome != Outcome.AGREEMENT:
            raise Invalid({"agreement_id": "Kan bara anges för ett initiativ som avslutats med "
                                           "utfallet agreement."})
        if problem := agreement_problem(initiative, changes["agreement_id"]):
            raise Invalid({"agreement_id": problem})
    if changes.get("grant_id") is not None:
        if initiative.outcome != Outcome.GRANT:
            raise Invalid({"grant_id": "Kan bara anges för ett initiativ som avslutats med utfallet grant."})
        if problem := grant_problem(initiative, changes["grant_id"]):
            raise Invalid({"grant_id": problem})
    if changes.get("grant_reference") and initiative.outcome != Outcome.GRANT:
        raise Invalid({"grant_reference": "Kan bara anges för ett initiativ som avslutats med "
                                          "utfallet grant."})


def _organisation(organisation_id: int | None) -> Organisation | None:
    if organisation_id is None:
        return None
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None:
        raise Invalid({"organisation_id": f"Organisationen {organisation_id} finns inte."})
    return organisation


def _refuse_future(received_on: date) -> None:
    if received_on > local_today():
        raise Invalid({"received_on": "Ett initiativ kan inte ha kommit in i framtiden."})


def _matches(q: str):
    pattern = like_pattern(q)
    like = lambda column: sa.func.lower(column).like(pattern, escape=LIKE_ESCAPE)  # noqa: E731
    return sa.or_(like(Initiative.title), like(Initiative.description), like(Initiative.contact_name),
                  Initiative.organisation_id.in_(sa.select(Organisation.id).where(like(Organisation.name))))

