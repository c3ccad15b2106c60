"""The municipality's goals (kommunala mål): admins keep the list, an agreement's officers tag
it with the goals it serves and may state how it concerns girls and boys, women and men."""

from __future__ import annotations

import sqlalchemy as sa

from iop.agreements.access import ensure_may_write
from iop.agreements.models import Agreement, AgreementGoal, MunicipalGoal
from iop.auth.models import User
from iop.errors import Conflict, Invalid
from iop.extensions import db
from iop.roles import authorize


def list_goals() -> list[MunicipalGoal]:
    statement = sa.select(MunicipalGoal).order_by(MunicipalGoal.number, MunicipalGoal.name)
    return list(db.session.scalars(statement))


def create_goal(*, by: User, name: str, number: int | None = None, description: str = "") -> MunicipalGoal:
    authorize(by, "goal.manage")
    name = " ".join(name.split())
    same = sa.select(MunicipalGoal.id).where(sa.func.lower(MunicipalGoal.name) == name.lower())
    if db.session.scalar(same):
        raise Conflict("Det finns redan ett mål med det namnet.", {"name": ["Finns redan."]})
    goal = MunicipalGoal(name=name, number=number, description=description or "")
    db.session.add(goal)
    db.session.flush()
    return goal


def goal_ids(agreement: Agreement) -> list[int]:
    statement = (sa.select(AgreementGoal.goal_id).where(AgreementGoal.agreement_id == agreement.id)
                 .order_by(AgreementGoal.goal_id))
    return list(db.session.scalars(statement))


_UNSET = object()


def set_agreement_goals(*, agreement: Agreement, by: User, goal_ids: list[int] | None = None,
                        gender_equality=_UNSET) -> Agreement:
    """Tag the agreement with these goals (replacing the ones it had), and/or set its statement on
    gender equality; only the fields given change."""
    authorize(by, "agreement.write")
    ensure_may_write(by, agreement.department)
    if goal_ids is not None:
        wanted = sorted(set(goal_ids))
        known = set(db.session.scalars(sa.select(MunicipalGoal.id).where(MunicipalGoal.id.in_(wanted))))
        unknown = [goal for goal in wanted if goal not in known]
        if unknown:
            raise Invalid({"goal_ids": [f"Målet {goal} finns inte." for goal in unknown]})
        db.session.execute(sa.delete(AgreementGoal).where(AgreementGoal.agreement_id == agreement.id))
        db.session.add_all(AgreementGoal(agreement_id=agreement.id, goal_id=goal) for goal in wanted)
    if gender_equality is not _UNSET:
        agreement.gender_equality = (gender_equality or "").strip() or None
    db.session.flush()
    return agreement
