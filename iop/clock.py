"""The one source of "now": a sweep run with `--date 2027-01-04` and a test's fixed day hold everywhere."""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

DEFAULT_TZ = "Europe/Stockholm"
_frozen: ContextVar[datetime | None] = ContextVar("frozen_now", default=None)


def utcnow() -> datetime:
    frozen = _frozen.get()
    return frozen.astimezone(UTC) if frozen is not None else datetime.now(UTC)


def now(tz: str = DEFAULT_TZ) -> datetime:
    return utcnow().astimezone(ZoneInfo(tz))


def today(tz: str = DEFAULT_TZ) -> date:
    return now(tz).date()


@contextmanager
def frozen_at(moment: datetime | date, tz: str = DEFAULT_TZ):
    """Treat `moment` as now (a date means 07:00 local time that day, when the sweep runs)."""
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time(7, 0), tzinfo=ZoneInfo(tz))
    elif moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(tz))
    token = _frozen.set(moment)
    try:
        yield moment
    finally:
        _frozen.reset(token)


def set_frozen(moment: datetime | None) -> None:
    """Freeze (or with None, unfreeze) the clock for this context; for tests and dev servers."""
    _frozen.set(moment)


# Sessions time out by the wall clock, not by the business day: a sweep run "as if today were
# 2027-01-04" (or a test of next year's report) must not end anybody's sign-in. Tests of the
# timeouts move this clock on its own.
_wall_frozen: ContextVar[datetime | None] = ContextVar("frozen_wall_now", default=None)


def wall_utcnow() -> datetime:
    frozen = _wall_frozen.get()
    return frozen.astimezone(UTC) if frozen is not None else datetime.now(UTC)


@contextmanager
def wall_frozen_at(moment: datetime):
    """Treat `moment` as the wall clock's now (session timeouts)."""
    token = _wall_frozen.set(moment if moment.tzinfo else moment.replace(tzinfo=UTC))
    try:
        yield moment
    finally:
        _wall_frozen.reset(token)
