"""How an agreement reads on a page: labels and tags, the renewal clause in words.

Numbers, amounts and dates go through iop.swedish (its filters are registered for every page).
"""

from __future__ import annotations

from flask import Blueprint

from iop import swedish
from iop.agreements.content import PARTY_LABELS, RESOURCE_TYPE_LABELS
from iop.agreements.lifecycle import STATUS_LABELS
from iop.agreements.models import Agreement, Kind, Status
from iop.months import notice_deadline

KIND_LABELS = swedish.labels(Kind, "agreement_kind")
STATUS_TAGS = {Status.DRAFT: "neutral", Status.IN_REVIEW: "warning", Status.APPROVED: "success",
               Status.ACTIVE: "success", Status.EXPIRED: "neutral", Status.TERMINATED: "danger",
               Status.WITHDRAWN: "neutral"}


def extension_text(agreement: Agreement) -> str:
    if not agreement.extension_months and not agreement.automatic_extension:
        return "Kan inte förlängas"
    parts = [f"{swedish.months(agreement.extension_months)} i taget" if agreement.extension_months
             else "Förlängs"]
    parts.append(f"högst {swedish.times(agreement.max_extensions)}"
                 if agreement.max_extensions is not None
                 else "utan övre gräns")
    if agreement.automatic_extension:
        parts.append("automatiskt om ingen part säger upp den")
    return ", ".join(parts)


def organisation_name(agreement: Agreement, organisation_id: int) -> str:
    return next((p.organisation.name for p in agreement.parties if p.organisation_id == organisation_id), "")


def install(bp: Blueprint) -> None:
    """Make these available to every template (the start page lists agreements too)."""
    for function in (notice_deadline, extension_text, organisation_name):
        bp.add_app_template_global(function)

    @bp.app_context_processor
    def labels() -> dict:
        return {"status_labels": STATUS_LABELS, "status_tags": STATUS_TAGS, "kind_labels": KIND_LABELS,
                "party_labels": PARTY_LABELS, "type_labels": RESOURCE_TYPE_LABELS}
