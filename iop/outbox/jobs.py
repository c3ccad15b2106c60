"""Delivering queued e-mail between the daily sweeps, so a failed send is retried on its back-off."""

from __future__ import annotations

from iop.outbox.delivery import deliver_due_messages


def deliver_pending() -> None:
    """The scheduler's frequent job: send what is due, retries included."""
    deliver_due_messages()
