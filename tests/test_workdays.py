"""Swedish working days, as reminders and initiatives count them."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iop.workdays import (
    add_working_days,
    is_working_day,
    next_working_day_after,
    previous_working_day,
    working_days_before,
    working_days_between,
)

# A year's holidays are computed on first use, slowly on a busy machine: no time limit per example.
no_deadline = settings(deadline=None)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


@pytest.mark.parametrize("day, name", [
    (date(2026, 6, 19), "Midsommarafton"),
    (date(2026, 12, 24), "Julafton"),
    (date(2026, 12, 31), "Nyårsafton"),
    (date(2026, 6, 6), "Nationaldagen (a Saturday)"),
    (date(2027, 6, 6), "Nationaldagen (a Sunday)"),
    (date(2026, 4, 3), "Långfredagen"),
    (date(2026, 4, 6), "Annandag påsk"),
    (date(2026, 5, 14), "Kristi himmelsfärd"),
    (date(2026, 1, 6), "Trettondedag jul"),
    (date(2026, 5, 1), "Första maj"),
])
def test_swedish_holidays_and_their_eves_are_not_working_days(day, name):
    assert not is_working_day(day), name


def test_an_ordinary_weekday_is_a_working_day():
    assert is_working_day(date(2026, 6, 18))  # the Thursday before Midsommarafton
    assert is_working_day(date(2026, 12, 23))


@pytest.mark.parametrize("day, expected", [
    (date(2026, 6, 19), date(2026, 6, 18)),   # Midsommarafton (Friday) -> Thursday
    (date(2026, 6, 21), date(2026, 6, 18)),   # the Sunday after it -> Thursday
    (date(2026, 3, 8), date(2026, 3, 6)),     # a Sunday -> Friday
    (date(2026, 12, 27), date(2026, 12, 23)), # Julafton to the Sunday after -> the 23rd
    (date(2027, 1, 1), date(2026, 12, 30)),   # Nyårsdagen, after Nyårsafton -> the 30th
    (date(2026, 4, 6), date(2026, 4, 2)),     # Annandag påsk -> Skärtorsdagen
    (date(2026, 3, 10), date(2026, 3, 10)),   # a Tuesday stays
])
def test_previous_working_day_moves_back_over_weekends_and_holidays(day, expected):
    assert previous_working_day(day) == expected


@no_deadline
@given(days)
def test_previous_working_day_is_the_last_working_day_on_or_before(day):
    result = previous_working_day(day)
    assert result <= day and is_working_day(result)
    gap = (day - result).days
    assert all(not is_working_day(result + timedelta(days=i)) for i in range(1, gap + 1))
    assert gap <= 6


@no_deadline
@given(days)
def test_previous_working_day_of_a_working_day_is_itself(day):
    assert previous_working_day(previous_working_day(day)) == previous_working_day(day)


@no_deadline
@given(days)
def test_next_working_day_after_is_the_first_working_day_strictly_after(day):
    result = next_working_day_after(day)
    assert result > day and is_working_day(result)
    assert all(not is_working_day(day + timedelta(days=i)) for i in range(1, (result - day).days))
    assert previous_working_day(result - timedelta(days=1)) <= day




@pytest.mark.parametrize("day, name", [
    (date(2026, 6, 19), "midsommarafton"),
    (date(2026, 12, 24), "julafton"),
    (date(2026, 12, 31), "nyårsafton"),
    (date(2026, 4, 3), "långfredagen"),
    (date(2026, 5, 14), "Kristi himmelsfärdsdag"),
    (date(2026, 3, 21), "en lördag"),
])
def test_holidays_eves_and_weekends_are_not_working_days(day, name):
    assert not is_working_day(day), name


def test_a_monday_in_march_is_a_working_day():
    assert is_working_day(date(2026, 3, 16))


def test_working_days_are_counted_after_the_start_day():
    assert add_working_days(date(2026, 3, 13), 1) == date(2026, 3, 16)  # Friday -> Monday
    assert add_working_days(date(2026, 12, 23), 2) == date(2026, 12, 29)  # over Christmas
    assert working_days_between(date(2026, 3, 13), date(2026, 3, 16)) == 1
    assert working_days_between(date(2026, 3, 16), date(2026, 3, 16)) == 0


def test_counting_back_is_the_inverse_of_counting_forward():
    for end in (date(2026, 1, 7), date(2026, 4, 7), date(2026, 6, 22)):
        assert add_working_days(working_days_before(end, 14), 14) == end
