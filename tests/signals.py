"""Listening to the lifecycle signals as a subscriber would, for tests of what they carry."""

from __future__ import annotations

import enum
from contextlib import ExitStack, contextmanager
from datetime import date


def plain(value):
    """A signal's argument as a test compares it: users and departments by id or code, enums by value."""
    if value is None or isinstance(value, (str, int, date)):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, frozenset):
        return sorted(value)
    if hasattr(value, "code"):
        return value.code
    return value.id


@contextmanager
def heard(*signals):
    """The signals sent meanwhile, in order, as (name, sender id, sender status, arguments);
    each is read when it is received, as a subscriber sees it."""
    found = []

    def receiver_for(signal):
        def receive(sender, **kwargs):
            found.append((signal.name, sender.id, sender.status.value,
                          {key: plain(value) for key, value in kwargs.items()}))
        return receive

    with ExitStack() as stack:
        for signal in signals:
            stack.enter_context(signal.connected_to(receiver_for(signal)))
        yield found
