"""What happens to an initiative, announced by the initiatives code (the only code that changes one).

As with `iop.agreements.signals`: the sender is the initiative, every signal is sent after the
change is flushed and inside the caller's transaction (a receiver's writes, a queued e-mail say,
commit or roll back with it), and every signal has the keyword argument `actor`, the user who
made the change or None when the system did. The other keyword arguments are listed with each.
"""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

initiative_registered = _signals.signal("initiative-registered", doc="""\
An initiative was registered. Keyword arguments: actor and status (InitiativeStatus.RECEIVED:
its one department has it; InitiativeStatus.IN_NETWORK: it starts in the network's queue).""")

initiative_to_network = _signals.signal("initiative-to-network", doc="""\
An initiative was put in the network's queue by a person, or by the routing rule after an edit
(not by escalation: see initiative_escalated). Keyword arguments: actor and previous_department
(the lead department that let go of it, or None).""")

initiative_assigned = _signals.signal("initiative-assigned", doc="""\
A lead department was named. Keyword arguments: actor and department (the lead Department).""")

initiative_escalated = _signals.signal("initiative-escalated", doc="""\
Nobody handled the initiative within the response deadline: it is flagged and in the network's
queue (the notifications e-mail the network on this signal). Keyword arguments: actor
(None) and flagged_on.""")

initiative_closed = _signals.signal("initiative-closed", doc="""\
An initiative was closed with an outcome. Keyword arguments: actor and outcome (an Outcome).""")
