"""Active agreements built directly with the models, for tests of what happens after signing."""

from __future__ import annotations

import itertools
from datetime import date

import sqlalchemy as sa

from iop.agreements import lifecycle
from iop.agreements.models import Agreement, AgreementParty, FollowUp, Kind, Milestone, Status
from iop.departments.models import Department
from iop.extensions import db
from iop.organisations.models import LegalForm, Organisation

_numbers = itertools.count(1)


def organisation(name: str = "Läxhjälpen i Sjöstad", org_number: str = "802456-1238") -> Organisation:
    found = db.session.scalar(sa.select(Organisation).filter_by(org_number=org_number))
    if found is None:
        found = Organisation(name=name, org_number=org_number, legal_form=LegalForm("ideell_forening"))
        db.session.add(found)
        db.session.flush()
    return found


def active_agreement(*, title: str = "Läxhjälp för högstadieelever", department: str = "KFF",
                     start_date: date = date(2026, 1, 1), end_date: date | None = date(2027, 12, 31),
                     notice_period_months: int | None = 3, follow_ups=(), milestones=(),
                     responsible_email: str | None = "karin@kommun.test", reminder_days=None,
                     case_number: str | None = None, organisations=None) -> Agreement:
    """An agreement approved and then activated (flushed, not committed), as the lifecycle does it;
    follow_ups/milestones as (date, title) pairs."""
    number = next(_numbers)
    agreement = Agreement(
        kind=Kind.IOP, template_key="iop", title=title, status=Status.APPROVED,
        case_number=case_number or f"{department} 2026/{number:04d}",
        department_id=db.session.scalar(sa.select(Department.id).filter_by(code=department)),
        start_date=start_date, end_date=end_date, notice_period_months=notice_period_months,
        responsible_email=responsible_email, reminder_days=reminder_days, signed_on=start_date,
        follow_ups=[FollowUp(date=d, title=t, position=i) for i, (d, t) in enumerate(follow_ups)],
        milestones=[Milestone(date=d, title=t, position=i) for i, (d, t) in enumerate(milestones)],
        parties=[AgreementParty(organisation=o, position=i)
                 for i, o in enumerate(organisations or [organisation()])],
    )
    db.session.add(agreement)
    db.session.flush()
    lifecycle.move(agreement, "activate")
    return agreement
