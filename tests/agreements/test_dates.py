from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from iop.months import add_months, notice_deadline


def test_the_notice_deadline_is_the_end_date_minus_the_notice_period():
    assert notice_deadline(date(2028, 12, 31), 6) == date(2028, 6, 30)
    assert notice_deadline(date(2027, 8, 31), 6) == date(2027, 2, 28)
    assert notice_deadline(date(2028, 8, 31), 6) == date(2028, 2, 29)
    assert notice_deadline(date(2028, 8, 31), 0) == date(2028, 8, 31)
    assert notice_deadline(None, 6) is None


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1)), st.integers(-600, 600))
def test_adding_months_lands_in_the_right_month_and_never_past_its_end(day, months):
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day <= day.day
