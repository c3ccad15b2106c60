from datetime import date

import pytest

from iop.initiatives.workdays import (
    add_working_days,
    is_working_day,
    working_days_before,
    working_days_between,
)


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


def test_an_ordinary_weekday_is_a_working_day():
    assert is_working_day(date(2026, 3, 16))


def test_working_days_are_counted_after_the_start_day():
    assert add_working_days(date(2026, 3, 13), 1) == date(2026, 3, 16)  # Friday -> Monday
    assert add_working_days(date(2026, 12, 23), 2) == date(2026, 12, 29)  # over Christmas
    assert working_days_between(date(2026, 3, 13), date(2026, 3, 16)) == 1
    assert working_days_between(date(2026, 3, 16), date(2026, 3, 16)) == 0


def test_counting_back_is_the_inverse_of_counting_forward():
    for end in (date(2026, 1, 7), date(2026, 4, 7), date(2026, 6, 22)):
        assert add_working_days(working_days_before(end, 14), 14) == end
