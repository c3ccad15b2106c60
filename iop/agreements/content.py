"""An agreement's content as plain data: what a revision stores and a document renders from.

The shape is the contract in `iop/documents/sample.py`.
"""

from __future__ import annotations

from decimal import Decimal

from iop import swedish
from iop.agreements.models import Agreement, Party, ResourceType
from iop.organisations.models import LEGAL_FORM_LABELS

RESOURCE_TYPE_LABELS = swedish.labels(ResourceType, "resource_type")
PARTY_LABELS = swedish.labels(Party, "party")

TEXT_FIELDS = ("background", "governance", "challenge", "purpose", "added_value", "market_assessment",
               "follow_up_description", "activities")


def number(value: Decimal | int | float | None):
    """An amount as a JSON number: an int when whole, so 250000.00 stays 250000."""
    if value is None:
        return None
    value = Decimal(str(value))
    return int(value) if value == value.to_integral_value() else float(value)


def document_data(agreement: Agreement, *, municipality: str) -> dict:
    """The content of the agreement as it stands, with the parties' names and numbers of today."""
    organisations = [p.organisation for p in agreement.parties]
    names = {o.id: o.name for o in organisations}
    department = agreement.department
    predecessor = agreement.predecessor
    return {
        "template_key": agreement.template_key,
        "template_version": None,
        "kind": agreement.kind.value,
        "title": agreement.title,
        "case_number": agreement.case_number,
        "revision": agreement.revision,
        "municipality": {"name": municipality},
        "department": {"code": department.code, "name": department.name,
                       "committee": department.committee.name, "email": department.email},
        "organisations": [{
            "id": o.id, "name": o.name, "org_number": o.org_number, "legal_form": o.legal_form.value,
            "legal_form_label": LEGAL_FORM_LABELS[o.legal_form], "address": o.address,
            "email": o.email, "phone": o.phone} for o in organisations],
        **{field: getattr(agreement, field) for field in TEXT_FIELDS},
        "resources": [{
            "party": r.party.value, "organisation_id": r.organisation_id,
            "organisation_name": names.get(r.organisation_id) if r.organisation_id else None,
            "type": r.type.value, "type_label": RESOURCE_TYPE_LABELS[r.type],
            "description": r.description, "amount_sek": number(r.amount_sek), "hours": number(r.hours),
            "per": r.per.value} for r in agreement.resources],
        "start_date": _iso(agreement.start_date),
        "end_date": _iso(agreement.end_date),
        "notice_period_months": agreement.notice_period_months,
        "extension_months": agreement.extension_months,
        "max_extensions": agreement.max_extensions,
        "automatic_extension": agreement.automatic_extension,
        "general_economic_interest": agreement.general_economic_interest,
        "decision": {
            "body": agreement.decision_body, "date": _iso(agreement.decision_date),
            "section": agreement.decision_section, "case_number": agreement.decision_case_number,
            "delegation": agreement.decision_delegation},
        "payment_terms": agreement.payment_terms.value if agreement.payment_terms else None,
        "processes_personal_data": agreement.processes_personal_data,
        "signatories": [{"party": s.party.value, "name": s.name, "title": s.title,
                         "organisation_id": s.organisation_id} for s in agreement.signatories],
        "milestones": [{"date": m.date.isoformat(), "title": m.title} for m in agreement.milestones],
        "follow_ups": [{"date": f.date.isoformat(), "title": f.title} for f in agreement.follow_ups],
        "responsible_email": agreement.responsible_email,
        "predecessor": {"id": predecessor.id, "title": predecessor.title,
                        "case_number": predecessor.case_number} if predecessor else None,
    }


def _iso(day):
    return day.isoformat() if day else None
