"""One organisation's whole relationship with the municipality: initiatives, agreements, grants.

This is the overview the departments lack today (Linköping: "förvaltningarna känner
inte till andra förvaltningars kontakter"): every department's dealings in one answer.
"""

from __future__ import annotations

import sqlalchemy as sa

from iop.agreements.models import Agreement, AgreementParty
from iop.departments.models import Department
from iop.errors import NotFound
from iop.extensions import db
from iop.initiatives.models import Initiative
from iop.initiatives.services import MAX_ID
from iop.organisations.models import Organisation
from iop.organisations.services import get_organisation


def organisation_history(*, organisation_id: int) -> dict:
    """Everything of one organisation across departments, newest first in each list."""
    if not 0 < organisation_id <= MAX_ID:
        raise NotFound(f"Organisationen {organisation_id} finns inte.")
    organisation = get_organisation(organisation_id=organisation_id)
    initiatives = list(db.session.scalars(
        sa.select(Initiative).where(Initiative.organisation_id == organisation.id)
        .order_by(Initiative.received_on.desc(), Initiative.id.desc())).unique())
    agreements = agreements_of(organisation)
    departments = {a["department"] for a in agreements}
    for initiative in initiatives:
        departments.update(initiative.department_codes)
    return {"organisation": organisation, "departments": sorted(departments),
            "initiatives": initiatives, "agreements": agreements,
            "grants": grants_of(organisation)}


def agreements_of(organisation: Organisation) -> list[dict]:
    """The agreements the organisation is a party to, newest first, as plain summaries."""
    parties = sa.select(AgreementParty.agreement_id).where(AgreementParty.organisation_id == organisation.id)
    rows = db.session.execute(
        sa.select(Agreement.id, Agreement.title, Agreement.kind, Agreement.status, Agreement.case_number,
                  Department.code.label("department"), Agreement.start_date, Agreement.end_date)
        .join(Department, Agreement.department_id == Department.id)
        .where(Agreement.id.in_(parties))
        .order_by(Agreement.created_at.desc(), Agreement.id.desc()))
    return [dict(row._mapping) for row in rows]


def grants_of(organisation: Organisation) -> list[dict]:
    """The organisation's imported grants (föreningsbidrag), newest year first.

    Empty until the grants register (iop.grants) is merged: fill in there, matching
    grants on the organisation number, which is how the committees' files name them.
    """
    return []
