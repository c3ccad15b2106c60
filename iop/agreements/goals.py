"""The municipality's goals (kommunala mål): admins keep the list, an agreement's officers tag
it with the goals it serves and may state how it concerns girls and boys, women and men."""

from __future__ import annotations

import sqlalchemy as sa

from iop import swedish
from iop.agreements.access import ensure_may_write
from iop.agreements.models import Agreement, AgreementGoal, MunicipalGoal
from iop.audit.recording import record_event, session_action
from iop.auth.models import User
from iop.clock import utcnow
from iop.errors import Conflict, Invalid, NotFound
from iop.extensions import db
from iop.roles import authorize

MAX_ID = 2**31 - 1


def in_plan_order(statement: sa.Select) -> sa.Select:
    """By number as in the municipality's plan, goals without a number last (on both databases)."""
    return statement.order_by(MunicipalGoal.number.is_(None), MunicipalGoal.number, MunicipalGoal.name)


def list_goals() -> list[MunicipalGoal]:
    statement = in_plan_order(sa.select(MunicipalGoal))
    return list(db.session.scalars(statement))


def goal_uses() -> dict[int, int]:
    """How many agreements each goal is tagged on (goals tagged on none left out)."""
    statement = sa.select(AgreementGoal.goal_id, sa.func.count()).group_by(AgreementGoal.goal_id)
    return dict(db.session.execute(statement).all())


def get_goal(*, goal_id: int) -> MunicipalGoal:
    goal = db.session.get(MunicipalGoal, goal_id) if 0 < goal_id <= MAX_ID else None
    if goal is None:
        raise NotFound(f"Målet {goal_id} finns inte.")
    return goal


def _clean_name(name: str, *, other_than: int | None = None) -> str:
    name = " ".join(name.split())
    same = sa.select(MunicipalGoal.id).where(sa.func.lower(MunicipalGoal.name) == name.lower())
    if other_than is not None:
        same = same.where(MunicipalGoal.id != other_than)
    if db.session.scalar(same):
        raise Conflict("Det finns redan ett mål med det namnet.",
                       {"name": ["Det finns redan ett mål med det namnet."]})
    return name


def create_goal(*, by: User, name: str, number: int | None = None, description: str = "") -> MunicipalGoal:
    authorize(by, "goal.manage")
    goal = MunicipalGoal(name=_clean_name(name), number=number, description=(description or "").strip())
    db.session.add(goal)
    db.session.flush()
    return goal


def update_goal(*, goal: MunicipalGoal, by: User, name: str, number: int | None = None,
                description: str = "") -> MunicipalGoal:
    """Rename or renumber a goal, or change its description; the agreements tagged with it keep it."""
    authorize(by, "goal.manage")
    goal.name = _clean_name(name, other_than=goal.id)
    goal.number = number
    goal.description = (description or "").strip()
    db.session.flush()
    return goal


def delete_goal(*, goal: MunicipalGoal, by: User) -> None:
    """Remove a goal no agreement is tagged with. One in use stays: the yearly reports already
    made count agreements and money under it, and its agreements would lose the tag unseen."""
    authorize(by, "goal.manage")
    used = db.session.scalar(sa.select(sa.func.count()).where(AgreementGoal.goal_id == goal.id))
    if used:
        raise Conflict(
            f"Målet {goal.name} kan inte tas bort: "
            f"{swedish.count(used, 'överenskommelse är kopplad', 'överenskommelser är kopplade')} till det. "
            "Ändra målets namn eller beskrivning i stället, eller ta bort kopplingen på "
            "överenskommelserna först.")
    db.session.delete(goal)
    db.session.flush()


def goal_ids(agreement: Agreement) -> list[int]:
    return _tagged(agreement)


def _tagged(agreement: Agreement) -> list[int]:
    statement = (sa.select(AgreementGoal.goal_id).where(AgreementGoal.agreement_id == agreement.id)
                 .order_by(AgreementGoal.goal_id))
    return list(db.session.scalars(statement))


def goals_of(agreement: Agreement) -> list[MunicipalGoal]:
    """The goals the agreement serves, in the municipality's order."""
    statement = (sa.select(MunicipalGoal).join(AgreementGoal, AgreementGoal.goal_id == MunicipalGoal.id)
                 .where(AgreementGoal.agreement_id == agreement.id))
    statement = in_plan_order(statement)
    return list(db.session.scalars(statement))


_UNSET = object()


def set_agreement_goals(*, agreement: Agreement, by: User, goal_ids: list[int] | None = None,
                        gender_equality=_UNSET) -> Agreement:
    """Tag the agreement with these goals (replacing the ones it had), and/or set its statement on
    gender equality; only the fields given change. Either moves the agreement's version on (so a
    page opened before sees the save) and is kept in its history."""
    authorize(by, "agreement.write")
    ensure_may_write(by, agreement.department)
    with session_action(db.session, "goals"):
        if goal_ids is not None:
            wanted = sorted(set(goal_ids))
            known = set(db.session.scalars(sa.select(MunicipalGoal.id).where(MunicipalGoal.id.in_(wanted))))
            unknown = [goal for goal in wanted if goal not in known]
            if unknown:
                raise Invalid({"goal_ids": [f"Målet {goal} finns inte." for goal in unknown]})
            had = set(_tagged(agreement))
            if had != set(wanted):
                before = _goal_names(had)
                db.session.execute(sa.delete(AgreementGoal).where(AgreementGoal.agreement_id == agreement.id))
                db.session.add_all(AgreementGoal(agreement_id=agreement.id, goal_id=goal) for goal in wanted)
                agreement.updated_at = utcnow()  # the row is written, so its version moves on
                record_event(db.session, action="goals", entity="agreement", entity_id=agreement.id,
                             changes={"goals": [before, _goal_names(set(wanted))]})
        if gender_equality is not _UNSET:
            agreement.gender_equality = (gender_equality or "").strip() or None
        db.session.flush()
    return agreement


def _goal_names(ids: set[int]) -> list[str]:
    if not ids:
        return []
    statement = in_plan_order(sa.select(MunicipalGoal.name).where(MunicipalGoal.id.in_(ids)))
    return list(db.session.scalars(statement))
