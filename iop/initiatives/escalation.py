"""Escalation: an initiative nobody has handled within the response deadline goes to the network.

It is flagged (for good: the flag records that the deadline was missed, which the
yearly report's equal-treatment figures need), moved to the network's queue, and
the coordinators, with the network's mailbox if one is configured, are e-mailed (by
iop.notifications, on the initiative_escalated signal). The e-mail is queued in the same
transaction under a key per initiative, and only unflagged initiatives are picked up, so a
second run, or a run in another process, escalates and e-mails nothing twice.
"""

from __future__ import annotations

import logging
from datetime import date

import sqlalchemy as sa

from iop.audit.recording import session_action
from iop.extensions import db
from iop.initiatives.models import Initiative, InitiativeStatus
from iop.initiatives.signals import initiative_escalated

log = logging.getLogger(__name__)


def escalate_overdue_initiatives(*, today: date) -> list[Initiative]:
    """Flag, move to the network and report every unhandled initiative past its deadline on `today`."""
    due = sa.select(Initiative).where(
        Initiative.first_handled_on.is_(None), Initiative.flagged.is_(False),
        Initiative.status.in_([InitiativeStatus.RECEIVED, InitiativeStatus.IN_NETWORK]),
        Initiative.respond_by < today,
    ).order_by(Initiative.id).with_for_update(of=Initiative, skip_locked=True)
    escalated = list(db.session.scalars(due).unique())
    for initiative in escalated:
        with session_action(db.session, "escalate"):
            initiative.flagged = True
            initiative.flagged_on = today
            initiative.status = InitiativeStatus.IN_NETWORK
            db.session.flush()
        # The network's e-mail is queued by a receiver (iop.notifications), in this transaction.
        initiative_escalated.send(initiative, actor=None, flagged_on=today)
    return escalated
