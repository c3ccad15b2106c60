"""How an initiative reads on a page: Swedish labels and tags, for its pages and the start page."""

from __future__ import annotations

from flask import Blueprint

from iop import swedish
from iop.initiatives import services
from iop.initiatives.models import OUTCOME_LABELS, STATUS_LABELS, InitiativeStatus

STATUS_TAGS = {InitiativeStatus.RECEIVED: "neutral", InitiativeStatus.IN_NETWORK: "warning",
               InitiativeStatus.ASSIGNED: "success", InitiativeStatus.CLOSED: "neutral"}
MATTER_LABELS = {value: swedish.label(value, "yes_no") for value in (True, False, None)}


def install(bp: Blueprint) -> None:
    """Prefixed names: the agreement pages already give templates `status_labels`."""
    bp.add_app_template_global(services.is_overdue, "initiative_overdue")
    bp.add_app_template_global(services.days_to_first_handling, "days_to_first_handling")

    @bp.app_context_processor
    def labels() -> dict:
        return {"initiative_status_labels": STATUS_LABELS, "initiative_status_tags": STATUS_TAGS,
                "outcome_labels": OUTCOME_LABELS, "matter_labels": MATTER_LABELS}
