"""E-mail to the people whose work an agreement's or an initiative's step starts: the lawyers when
an agreement is submitted, the responsible officer when the lawyer decides, a department when an
initiative is assigned to it, the network when one is escalated. Queued in the outbox in the
step's own transaction (so retried and never doubled), delivered by the outbox's jobs.

Nothing imports this package but the wiring, which calls `connect_signals()`.
"""


def connect_signals() -> None:
    """Listen to the lifecycle signals (called by the wiring; connecting twice is harmless)."""
    from iop.agreements import signals as agreement_signals
    from iop.initiatives import signals as initiative_signals
    from iop.notifications import services

    agreement_signals.agreement_submitted.connect(services.notify_review_requested)
    agreement_signals.agreement_decided.connect(services.notify_decision)
    initiative_signals.initiative_assigned.connect(services.notify_initiative_assigned)
    initiative_signals.initiative_escalated.connect(services.notify_initiative_escalated)
