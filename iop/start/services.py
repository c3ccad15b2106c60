"""One search across agreements, organisations and initiatives (the header's search box).

Agreements by title and case number, organisations by name and number (with or without
the dash), initiatives by title; an exact match comes before a partial one, then by name.
Only features the user's role may read are searched.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from iop.agreements.models import Agreement
from iop.database import LIKE_ESCAPE, like_pattern
from iop.extensions import db
from iop.initiatives.models import Initiative
from iop.organisations.models import Organisation
from iop.roles import allows

PER_KIND = 20


@dataclass(frozen=True)
class Found:
    """One kind's matches: the first `PER_KIND` of `total`, exact matches first."""

    kind: str
    items: list
    total: int


def _dashed(q: str) -> str | None:
    digits = q.replace(" ", "")
    return f"{digits[:6]}-{digits[6:]}" if digits.isdigit() and len(digits) > 6 else None


def _found(kind: str, statement, exact, name, limit: int) -> Found:
    total = db.session.scalar(sa.select(sa.func.count()).select_from(statement.subquery())) or 0
    first = sa.case((exact, 0), else_=1)
    items = db.session.scalars(statement.order_by(first, sa.func.lower(name)).limit(limit)).all()
    return Found(kind, list(items), total)


def search_everything(*, q: str, role, limit: int = PER_KIND) -> list[Found]:
    """Agreements, organisations and initiatives matching `q`, for a user of `role`."""
    q = q.strip()
    if not q or not allows(role, "read"):
        return []
    pattern, lowered = like_pattern(q), q.lower()

    def like(column):
        return sa.func.lower(column).like(pattern, escape=LIKE_ESCAPE)

    agreements = sa.select(Agreement).where(sa.or_(like(Agreement.title), like(Agreement.case_number)))
    agreement_exact = sa.or_(sa.func.lower(Agreement.title) == lowered,
                             sa.func.lower(Agreement.case_number) == lowered)

    dashed = _dashed(q)
    organisation_match = [like(Organisation.name), Organisation.org_number.like(pattern, escape=LIKE_ESCAPE)]
    organisation_exact = [sa.func.lower(Organisation.name) == lowered, Organisation.org_number == q]
    if dashed:
        organisation_match.append(Organisation.org_number.like(like_pattern(dashed), escape=LIKE_ESCAPE))
        organisation_exact.append(Organisation.org_number == dashed)
    organisations = sa.select(Organisation).where(sa.or_(*organisation_match))

    initiatives = sa.select(Initiative).where(like(Initiative.title))
    return [
        _found("agreements", agreements, agreement_exact, Agreement.title, limit),
        _found("organisations", organisations, sa.or_(*organisation_exact), Organisation.name, limit),
        _found("initiatives", initiatives, sa.func.lower(Initiative.title) == lowered, Initiative.title,
               limit),
    ]
