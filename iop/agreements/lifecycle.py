"""Which status an agreement may move to from which, and the one function that moves it.

draft → in_review → approved → active → expired | terminated; in_review → draft when
changes are requested; draft, in_review and approved may be withdrawn. Every step is announced
with a signal of `iop.agreements.signals` once it is flushed.
"""

from __future__ import annotations

from iop import swedish
from iop.agreements import signals
from iop.agreements.models import Agreement, Status
from iop.audit.recording import session_action
from iop.auth.models import User
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


def move(agreement: Agreement, step: str, *, actor: User | None = None, comment: str | None = None) -> None:
    """Apply `step` to the agreement's status and announce it; the audit log names the step.

    `actor` is who took the step (None: the system); `comment` goes with a decision.
    """
    target = check_step(agreement, step)
    with session_action(db.session, step):
        agreement.status = target
        db.session.flush()
    if step == "submit":
        signals.agreement_submitted.send(agreement, actor=actor, revision=agreement.revision)
    elif step in ("approve", "request_changes"):
        signals.agreement_decided.send(agreement, actor=actor, decision=step, revision=agreement.revision,
                                       comment=comment)
    elif step == "activate":
        signals.agreement_activated.send(agreement, actor=actor, signed_on=agreement.signed_on)
    else:
        signals.agreement_ended.send(agreement, actor=actor, status=target, ended_on=agreement.ended_on,
                                     reason=agreement.end_reason)


def decide(agreement: Agreement, *, decision: str, revision: int, document_sha256: str, actor: User,
           comment: str | None = None) -> None:
    """A lawyer's decision on the revision under review: "approve" binds the approval to the
    revision and the document read; "request_changes" makes the agreement a draft again.
    The review itself (who, what was weighed) is the caller's record."""
    if decision not in ("approve", "request_changes"):
        raise ValueError(f"unknown decision {decision!r}")
    step = str(decision)
    check_step(agreement, step)
    if step == "approve":
        agreement.approved_revision = revision
        agreement.approved_sha256 = document_sha256
    move(agreement, step, actor=actor, comment=comment)
