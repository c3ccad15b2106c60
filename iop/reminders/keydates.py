"""Key dates of an agreement and when reminders of them fall due: pure functions over plain values."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from iop.months import notice_deadline
from iop.workdays import next_working_day_after, previous_working_day


class KeyDateKind(enum.StrEnum):
    NOTICE_DEADLINE = "notice_deadline"
    END_DATE = "end_date"
    FOLLOW_UP = "follow_up"
    MILESTONE = "milestone"


@dataclass(frozen=True)
class KeyDate:
    kind: KeyDateKind
    date: date
    titles: tuple[str, ...] = ()  # the follow-ups or milestones that fall on this date


def key_dates(*, end_date: date | None, notice_period_months: int | None,
              follow_ups: Iterable[tuple[date, str]] = (),
              milestones: Iterable[tuple[date, str]] = ()) -> list[KeyDate]:
    """Every key date of an agreement, in date order; items sharing a kind and a date are one key date."""
    found: list[KeyDate] = []
    deadline = notice_deadline(end_date, notice_period_months)
    if deadline is not None:
        found.append(KeyDate(KeyDateKind.NOTICE_DEADLINE, deadline))
    if end_date is not None:
        found.append(KeyDate(KeyDateKind.END_DATE, end_date))
    for kind, items in ((KeyDateKind.FOLLOW_UP, follow_ups), (KeyDateKind.MILESTONE, milestones)):
        by_date: dict[date, list[str]] = {}
        for day, title in items:
            by_date.setdefault(day, []).append(title)
        found.extend(KeyDate(kind, day, tuple(titles)) for day, titles in by_date.items())
    return sorted(found, key=lambda k: (k.date, list(KeyDateKind).index(k.kind)))


def due_on(key_date: date, offset_days: int) -> date:
    """The day a reminder `offset_days` before `key_date` goes out: a working day, never later."""
    return previous_working_day(key_date - timedelta(days=offset_days))


def due_offsets(key_date: date, offsets: Iterable[int], today: date) -> list[int]:
    """The offsets whose reminder is due by `today` for a key date that has not passed."""
    if key_date < today:
        return []
    return sorted((o for o in set(offsets) if due_on(key_date, o) <= today), reverse=True)


def candidate_window(today: date, max_offset: int) -> tuple[date, date]:
    """The key dates that can have a reminder due by `today`: from today to the last one whose
    reminder `max_offset` days before falls before the next working day."""
    return today, next_working_day_after(today) + timedelta(days=max_offset - 1)


def newly_due_window(last_sweep: date | None, today: date, offset: int) -> tuple[date, date] | None:
    """The key dates whose reminder `offset` days before fell due after `last_sweep` and by
    `today`, and that have not passed; None when there are none. Without a last sweep, every
    reminder due by today counts."""
    low, high = today, next_working_day_after(today) + timedelta(days=offset - 1)
    if last_sweep is not None:
        low = max(low, next_working_day_after(last_sweep) + timedelta(days=offset))
    return (low, high) if low <= high else None
