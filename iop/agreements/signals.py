"""What happens to an agreement, announced by the agreements code (the only code that changes one).

Other features subscribe instead of changing an agreement or listening to the database:
the reminder planner (`iop.reminders.connect_signals`), and the notifications that e-mail
the people concerned. Every signal is sent with the agreement as its sender, after the
change is flushed and inside the caller's transaction: a receiver that writes (queues an
e-mail in the outbox, say) commits or rolls back with the change, and an exception in a
receiver undoes the change. Every signal has the keyword argument `actor`: the user who made
the change, or None when the system did (the daily sweep, say). The other keyword arguments
are listed with each signal.

    from iop.agreements.signals import agreement_activated

    @agreement_activated.connect
    def tell_the_organisation(agreement, *, actor, signed_on, **_):
        ...
"""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

agreement_submitted = _signals.signal("agreement-submitted", doc="""\
A draft went to legal review. Keyword arguments: actor, revision (the revision to review).""")

agreement_decided = _signals.signal("agreement-decided", doc="""\
A lawyer decided on the revision under review. Keyword arguments: actor (the lawyer),
decision ("approve": the agreement is approved; "request_changes": it is a draft again),
revision (the revision decided on) and comment (the lawyer's comment, or None).""")

agreement_activated = _signals.signal("agreement-activated", doc="""\
The approved revision was signed: the agreement is in force. Keyword arguments: actor and
signed_on (the date of the signing; None when it was not recorded, as in some tests).""")

agreement_dates_changed = _signals.signal("agreement-dates-changed", doc="""\
Key dates of the agreement changed: its period, notice period, milestones or follow-ups, or the
days before them that reminders go out. Keyword arguments: actor and changed (the names of the
changed fields, a frozenset of "start_date", "end_date", "notice_period_months", "milestones",
"follow_ups", "reminder_days").""")

agreement_ended = _signals.signal("agreement-ended", doc="""\
The agreement ended: its period ran out, it was terminated, or it was withdrawn before it was
signed. Keyword arguments: actor (None when it expired), status (Status.EXPIRED,
Status.TERMINATED or Status.WITHDRAWN), ended_on and reason (None when it expired).""")
