"""Key dates of active agreements, reminder e-mails before them, and calendar feeds of them."""


def connect_signals() -> None:
    """Follow the agreements' lifecycle (called by the wiring; connecting twice is harmless):
    an agreement activated, or with key dates changed, is planned anew by the next sweep; one
    terminated or withdrawn has its unsent reminders withdrawn."""
    from iop.agreements import signals
    from iop.reminders import services

    signals.agreement_activated.connect(services.replan_agreement)
    signals.agreement_dates_changed.connect(services.replan_agreement)
    signals.agreement_ended.connect(services.cancel_when_ended)
