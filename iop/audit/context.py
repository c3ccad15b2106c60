"""Who is acting, set once at the boundary (request, CLI command, job) and read by the log."""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    label: str
    user_id: int | None = None


SYSTEM = Actor("system")
ANONYMOUS = Actor("anonymous")
_current: ContextVar[Actor] = ContextVar("audit_actor", default=SYSTEM)


def current_actor() -> Actor:
    return _current.get()


def set_actor(actor: Actor) -> None:
    _current.set(actor)


@contextmanager
def acting_as(actor: Actor):
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)
