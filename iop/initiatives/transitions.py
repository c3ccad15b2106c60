"""The steps of an initiative: to the network, to a lead department, closed with an outcome.

received → in_network → assigned → closed. A `received` one may also be assigned or
closed directly by its department, an assigned one handed back to the network or
reassigned by it, and the network may close from its queue (not a municipal matter).
"""

from __future__ import annotations

from iop.audit.recording import record_event, session_action
from iop.auth.models import User
from iop.errors import Conflict, Forbidden, Invalid, InvalidTransition
from iop.extensions import db
from iop.initiatives import services, signals
from iop.initiatives.access import acts_for_network, require_change, require_close, require_take
from iop.initiatives.models import STATUS_LABELS, Initiative, InitiativeStatus, Outcome

_OPEN = frozenset({InitiativeStatus.RECEIVED, InitiativeStatus.IN_NETWORK, InitiativeStatus.ASSIGNED})

# action -> the statuses it may start from
STEPS: dict[str, frozenset[InitiativeStatus]] = {
    "to_network": frozenset({InitiativeStatus.RECEIVED, InitiativeStatus.ASSIGNED}),
    "assign": _OPEN,
    "close": _OPEN,
    "reopen": frozenset({InitiativeStatus.CLOSED}),
}


def check_step(initiative: Initiative, action: str) -> None:
    """InvalidTransition (409), naming the current status, unless `action` may start from it."""
    if initiative.status not in STEPS[action]:
        raise InvalidTransition(
            f"Åtgärden {action} är inte möjlig när initiativet har status {initiative.status.value} "
            f"({STATUS_LABELS[initiative.status].lower()}).", {"status": [initiative.status.value]})


def transition_initiative(*, initiative: Initiative, by: User, action: str, note: str | None = None,
                          **details) -> Initiative:
    """Apply one step (`to_network`, `assign`, `close`, `reopen`) on behalf of `by`, with an optional note."""
    steps = {"to_network": move_to_network, "assign": assign_initiative, "close": close_initiative,
             "reopen": reopen_initiative}
    steps[action](initiative=initiative, by=by, **details)
    if note:
        services.add_note(initiative=initiative, by=by, text=note)
    return initiative


def move_to_network(*, initiative: Initiative, by: User) -> Initiative:
    """Put an initiative in the network's queue; a lead department it had lets go of it."""
    require_change(by, initiative)
    check_step(initiative, "to_network")
    previous = initiative.assigned_department
    with session_action(db.session, "to_network"):
        initiative.status = InitiativeStatus.IN_NETWORK
        initiative.assigned_department = None
        db.session.flush()
    signals.initiative_to_network.send(initiative, actor=by, previous_department=previous)
    return initiative


def assign_initiative(*, initiative: Initiative, by: User, department: str) -> Initiative:
    """Name the lead department; it joins the departments concerned if it was not among them."""
    require_change(by, initiative)
    check_step(initiative, "assign")
    (lead,) = _resolve_department(department)
    if initiative.assigned_department_id == lead.id:
        raise Conflict(f"Initiativet är redan tilldelat {lead.code}.", {"status": [initiative.status.value]})
    require_take(by, initiative, lead)
    with session_action(db.session, "assign"):
        services.add_department(initiative, lead)
        initiative.assigned_department = lead
        initiative.status = InitiativeStatus.ASSIGNED
        _mark_handled(initiative)
        db.session.flush()
    signals.initiative_assigned.send(initiative, actor=by, department=lead)
    return initiative


def close_initiative(*, initiative: Initiative, by: User, outcome: str, agreement_id: int | None = None,
                     grant_reference: str | None = None, grant_id: int | None = None) -> Initiative:
    """Close with an outcome; an agreement or grant it became stays linked."""
    require_change(by, initiative)
    check_step(initiative, "close")
    require_close(by, initiative)
    outcome = Outcome(outcome)
    _check_outcome(initiative, outcome, agreement_id, grant_reference, grant_id)
    with session_action(db.session, "close"):
        if initiative.assigned_department is None and len(initiative.departments) == 1:
            # Answered straight from its department's inbox: that department was the lead.
            initiative.assigned_department = initiative.departments[0]
        if outcome == Outcome.NOT_MUNICIPAL:
            initiative.municipal_matter = False
        initiative.status = InitiativeStatus.CLOSED
        initiative.outcome = outcome
        initiative.agreement_id = agreement_id
        initiative.grant_reference = grant_reference
        initiative.grant_id = grant_id
        initiative.closed_on = services.local_today()
        _mark_handled(initiative)
        db.session.flush()
    signals.initiative_closed.send(initiative, actor=by, outcome=outcome)
    return initiative


def reopen_initiative(*, initiative: Initiative, by: User, reason: str | None = None) -> Initiative:
    """A coordinator opens a closed initiative again; the reason is kept in the audit log."""
    if not acts_for_network(by):
        raise Forbidden("Bara en samordnare kan öppna ett avslutat initiativ igen.")
    check_step(initiative, "reopen")
    if not (reason or "").strip():
        raise Invalid({"reason": "Ange varför initiativet öppnas igen."})
    with session_action(db.session, "reopen"):
        initiative.status = (InitiativeStatus.ASSIGNED if initiative.assigned_department is not None
                             else InitiativeStatus.IN_NETWORK)
        initiative.outcome = None
        initiative.agreement_id = None
        initiative.grant_reference = None
        initiative.grant_id = None
        initiative.closed_on = None
        db.session.flush()
    record_event(db.session, action="reopen_reason", entity="initiative", entity_id=initiative.id,
                 changes={"reason": reason.strip()})
    return initiative


def _check_outcome(initiative: Initiative, outcome: Outcome, agreement_id, grant_reference, grant_id) -> None:
    errors = {}
    if agreement_id is not None and outcome != Outcome.AGREEMENT:
        errors["agreement_id"] = "Anges bara med utfallet agreement."
    elif outcome == Outcome.AGREEMENT:
        problem = services.agreement_problem(initiative, agreement_id)
        if problem:
            errors["agreement_id"] = problem
    if grant_reference and outcome != Outcome.GRANT:
        errors["grant_reference"] = "Anges bara med utfallet grant."
    if grant_id is not None and outcome != Outcome.GRANT:
        errors["grant_id"] = "Anges bara med utfallet grant."
    elif grant_id is not None and (problem := services.grant_problem(initiative, grant_id)):
        errors["grant_id"] = problem
    elif outcome == Outcome.GRANT and grant_id is None and not (grant_reference or "").strip():
        errors["grant_reference"] = "Ange vilket bidrag initiativet blev (beslut eller diarienummer)."
    if outcome == Outcome.NOT_MUNICIPAL and initiative.municipal_matter is True:
        errors["outcome"] = ("Initiativet är markerat som en kommunal angelägenhet. Ändra det först "
                             "om det inte stämmer.")
    if errors:
        raise Invalid(errors)


def _resolve_department(code: str):
    try:
        return services.resolve_departments([code])
    except Invalid as error:
        raise Invalid({"department": error.errors["departments"]}) from error


def _mark_handled(initiative: Initiative) -> None:
    if initiative.first_handled_on is None:
        initiative.first_handled_on = services.local_today()
