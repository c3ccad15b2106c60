import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iop.months import add_months
from iop.reminders.keydates import (
    KeyDate,
    KeyDateKind,
    candidate_window,
    due_offsets,
    due_on,
    key_dates,
    newly_due_window,
    notice_deadline,
)
from iop.workdays import is_working_day

# A year's holidays are computed on first use, slowly on a busy machine: no time limit per example.
no_deadline = settings(deadline=None)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))
offsets = st.lists(st.integers(min_value=0, max_value=200), min_size=1, max_size=4)


@pytest.mark.parametrize("end, months, expected", [
    (date(2027, 8, 31), 6, date(2027, 2, 28)),
    (date(2028, 8, 31), 6, date(2028, 2, 29)),   # a leap year
    (date(2027, 12, 31), 3, date(2027, 9, 30)),
    (date(2027, 3, 31), 1, date(2027, 2, 28)),
    (date(2027, 1, 15), 2, date(2026, 11, 15)),  # across a new year
    (date(2027, 6, 30), 0, date(2027, 6, 30)),
    (date(2027, 6, 30), 24, date(2025, 6, 30)),
])
def test_the_notice_deadline_is_the_end_date_minus_the_notice_period(end, months, expected):
    assert notice_deadline(end, months) == expected


def test_no_notice_period_or_no_end_date_gives_no_notice_deadline():
    assert notice_deadline(None, 3) is None
    assert notice_deadline(date(2027, 6, 30), None) is None


@no_deadline
@given(days, st.integers(min_value=0, max_value=600))
def test_subtracting_months_keeps_the_day_or_takes_the_last_day_of_a_shorter_month(day, months):
    result = add_months(day, -months)
    assert (day.year * 12 + day.month) - (result.year * 12 + result.month) == months
    last = calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(day.day, last)


def test_key_dates_are_listed_in_date_order_and_items_on_one_date_are_one_key_date():
    found = key_dates(end_date=date(2027, 12, 31), notice_period_months=3,
                      follow_ups=[(date(2027, 6, 1), "Halvårsrapport"), (date(2027, 6, 1), "Budget")],
                      milestones=[(date(2027, 3, 1), "Starta läxhjälpen")])
    assert found == [
        KeyDate(KeyDateKind.MILESTONE, date(2027, 3, 1), ("Starta läxhjälpen",)),
        KeyDate(KeyDateKind.FOLLOW_UP, date(2027, 6, 1), ("Halvårsrapport", "Budget")),
        KeyDate(KeyDateKind.NOTICE_DEADLINE, date(2027, 9, 30)),
        KeyDate(KeyDateKind.END_DATE, date(2027, 12, 31)),
    ]


def test_a_reminder_due_on_midsommarafton_goes_out_the_day_before():
    # 2026-06-19 is Midsommarafton; 30 days before 2026-07-19
    assert due_on(date(2026, 7, 19), 30) == date(2026, 6, 18)


def test_a_reminder_due_on_a_sunday_goes_out_on_the_friday():
    assert due_on(date(2026, 3, 15), 7) == date(2026, 3, 6)


def test_due_offsets_catch_up_until_the_key_date_has_passed():
    key = date(2027, 3, 31)  # 90 days before is Nyårsafton: due on the 30th
    assert due_offsets(key, (90, 30, 7), date(2026, 12, 29)) == []
    assert due_offsets(key, (90, 30, 7), date(2026, 12, 30)) == [90]
    assert due_offsets(key, (90, 30, 7), date(2027, 3, 1)) == [90, 30]
    assert due_offsets(key, (90, 30, 7), date(2027, 3, 31)) == [90, 30, 7]
    assert due_offsets(key, (90, 30, 7), date(2027, 4, 1)) == []


@no_deadline
@given(days, offsets, st.integers(min_value=0, max_value=400))
def test_a_reminder_is_due_on_a_working_day_no_later_than_its_offset(key, offs, offset):
    day = due_on(key, offset)
    assert is_working_day(day)
    assert day <= key - timedelta(days=offset)
    assert (key - timedelta(days=offset) - day).days <= 6


@no_deadline
@given(days, offsets, st.integers(min_value=-250, max_value=250))
def test_every_key_date_with_a_due_reminder_lies_in_the_candidate_window(today, offs, distance):
    key = today + timedelta(days=distance)
    low, high = candidate_window(today, max(offs))
    if due_offsets(key, offs, today):
        assert low <= key <= high
    if key == high:
        assert due_offsets(key, offs, today) == [max(offs)]  # the window is no wider than needed


@no_deadline
@given(days, st.integers(min_value=0, max_value=40), st.integers(min_value=0, max_value=200),
       st.integers(min_value=-10, max_value=250))
def test_the_newly_due_window_holds_exactly_the_key_dates_due_since_the_last_sweep(
        last, gap, offset, distance):
    today = last + timedelta(days=gap)
    key = today + timedelta(days=distance)
    window = newly_due_window(last, today, offset)
    newly_due = last < due_on(key, offset) <= today and key >= today
    assert newly_due == (window is not None and window[0] <= key <= window[1])


@no_deadline
@given(days, st.integers(min_value=0, max_value=200), st.integers(min_value=-10, max_value=250))
def test_without_a_last_sweep_the_window_holds_every_due_key_date(today, offset, distance):
    key = today + timedelta(days=distance)
    window = newly_due_window(None, today, offset)
    assert (due_offsets(key, [offset], today) == [offset]) == (window[0] <= key <= window[1])
