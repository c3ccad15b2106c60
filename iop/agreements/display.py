"""How an agreement reads on a page: labels, amounts in kronor, the renewal clause in words."""

from __future__ import annotations

from decimal import Decimal

from flask import Blueprint

from iop.agreements.content import PARTY_LABELS, RESOURCE_TYPE_LABELS
from iop.agreements.dates import notice_deadline
from iop.agreements.lifecycle import STATUS_LABELS
from iop.agreements.models import Agreement, Kind, Status

KIND_LABELS = {Kind.IOP: "IOP", Kind.ANNUAL: "Årlig överenskommelse"}
STATUS_TAGS = {Status.DRAFT: "neutral", Status.IN_REVIEW: "warning", Status.APPROVED: "success",
               Status.ACTIVE: "success", Status.EXPIRED: "neutral", Status.TERMINATED: "danger",
               Status.WITHDRAWN: "neutral"}


def grouped(value: Decimal | int | float | None, decimals: int = 0) -> str:
    """`1234567.5` as `1 234 568` (or with decimals, comma as decimal sign), the Swedish way."""
    if value is None:
        return ""
    text = f"{Decimal(str(value)):,.{decimals}f}"
    return text.replace(",", "\u00a0").replace(".", ",")


def sek(value) -> str:
    if value is None:
        return ""
    whole = Decimal(str(value)) == Decimal(str(value)).to_integral_value()
    return f"{grouped(value, 0 if whole else 2)}\u00a0kr"


def hours(value) -> str:
    if value is None:
        return ""
    whole = Decimal(str(value)) == Decimal(str(value)).to_integral_value()
    return f"{grouped(value, 0 if whole else 1)}\u00a0tim"


def extension_text(agreement: Agreement) -> str:
    if not agreement.extension_months and not agreement.automatic_extension:
        return "Kan inte förlängas"
    parts = [f"{agreement.extension_months} månader i taget" if agreement.extension_months else "Förlängs"]
    parts.append(f"högst {agreement.max_extensions} gånger" if agreement.max_extensions is not None
                 else "utan övre gräns")
    if agreement.automatic_extension:
        parts.append("automatiskt om ingen part säger upp den")
    return ", ".join(parts)


def organisation_name(agreement: Agreement, organisation_id: int) -> str:
    return next((p.organisation.name for p in agreement.parties if p.organisation_id == organisation_id), "")


def install(bp: Blueprint) -> None:
    """Make these available to every template (the start page lists agreements too)."""
    bp.add_app_template_filter(sek, "sek")
    bp.add_app_template_filter(hours, "hours")
    for function in (notice_deadline, extension_text, organisation_name):
        bp.add_app_template_global(function)

    @bp.app_context_processor
    def labels() -> dict:
        return {"status_labels": STATUS_LABELS, "status_tags": STATUS_TAGS, "kind_labels": KIND_LABELS,
                "party_labels": PARTY_LABELS, "type_labels": RESOURCE_TYPE_LABELS}
