"""Initiative figures for the yearly report to kommunstyrelsen: how many, how handled, how fast.

Equal treatment is shown by the days to first handling, counted in Swedish working
days like the response deadline, so a week with Easter in it does not look slow.
"""

from __future__ import annotations

import statistics
from datetime import date

import sqlalchemy as sa

from iop.extensions import db
from iop.initiatives.models import Initiative, InitiativeDepartment, InitiativeStatus, Outcome
from iop.initiatives.workdays import working_days_between


def summarise_year(*, year: int) -> dict:
    """The report's `initiatives` part for the initiatives received during `year`."""
    of_year = Initiative.received_on.between(date(year, 1, 1), date(year, 12, 31))
    by_status = dict(db.session.execute(
        sa.select(Initiative.status, sa.func.count()).where(of_year).group_by(Initiative.status)).all())
    by_outcome = dict(db.session.execute(
        sa.select(Initiative.outcome, sa.func.count()).where(of_year, Initiative.outcome.is_not(None))
        .group_by(Initiative.outcome)).all())
    several = (sa.select(InitiativeDepartment.initiative_id).join(Initiative).where(of_year)
               .group_by(InitiativeDepartment.initiative_id).having(sa.func.count() > 1).subquery())
    handled = db.session.execute(sa.select(Initiative.received_on, Initiative.first_handled_on)
                                 .where(of_year, Initiative.first_handled_on.is_not(None))).all()
    days = [working_days_between(received, first) for received, first in handled]
    return {
        "received": sum(by_status.values()),
        "by_status": {s.value: by_status.get(s, 0) for s in InitiativeStatus},
        "by_outcome": {o.value: by_outcome.get(o, 0) for o in Outcome},
        "cross_department": db.session.scalar(sa.select(sa.func.count()).select_from(several)),
        "flagged": db.session.scalar(sa.select(sa.func.count()).where(of_year, Initiative.flagged.is_(True))),
        "median_days_to_first_handling": statistics.median(days) if days else None,
    }
