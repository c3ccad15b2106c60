"""Which status an agreement may move to from which, and the one function that moves it.

draft → in_review → approved → active → expired | terminated; in_review → draft when
changes are requested; draft, in_review and approved may be withdrawn.
"""

from __future__ import annotations

from iop import swedish
from iop.agreements.models import Agreement, Status
from iop.audit.recording import session_action
from iop.errors import InvalidTransition
from iop.extensions import db

STATUS_LABELS = swedish.labels(Status, "agreement_status")

# step name -> (allowed from, to)
STEPS: dict[str, tuple[frozenset[Status], Status]] = {
    "submit": (frozenset({Status.DRAFT}), Status.IN_REVIEW),
    "request_changes": (frozenset({Status.IN_REVIEW}), Status.DRAFT),
    "approve": (frozenset({Status.IN_REVIEW}), Status.APPROVED),
    "activate": (frozenset({Status.APPROVED}), Status.ACTIVE),
    "expire": (frozenset({Status.ACTIVE}), Status.EXPIRED),
    "terminate": (frozenset({Status.ACTIVE}), Status.TERMINATED),
    "withdraw": (frozenset({Status.DRAFT, Status.IN_REVIEW, Status.APPROVED}), Status.WITHDRAWN),
}


def check_step(agreement: Agreement, step: str) -> Status:
    """The status `step` leads to from the agreement's status, or InvalidTransition (409)."""
    allowed_from, target = STEPS[step]
    if agreement.status not in allowed_from:
        raise InvalidTransition(
            f"Åtgärden {step} är inte möjlig när överenskommelsen har status "
            f"{agreement.status.value} ({STATUS_LABELS[agreement.status].lower()}).",
            {"status": [agreement.status.value]},
        )
    return target


def move(agreement: Agreement, step: str) -> None:
    """Apply `step` to the agreement's status; the audit log names the step."""
    target = check_step(agreement, step)
    with session_action(db.session, step):
        agreement.status = target
        db.session.flush()
