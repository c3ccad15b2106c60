"""Swedish formats in agreement documents: the template filters, all from iop.swedish."""

from datetime import date
from decimal import Decimal

import pytest

from iop.documents.rendering import FILTERS
from iop.months import add_months
from iop.swedish import NotANumber

NB = "\u00a0"
sek, hours, long_date, months, times = (FILTERS[n] for n in ("sek", "hours", "long_date", "months", "times"))


@pytest.mark.parametrize(("value", "shown"), [
    (250000, f"250{NB}000 kr"), (Decimal("250000.00"), f"250{NB}000 kr"), (1234.5, f"1{NB}234,50 kr"),
    (999, "999 kr"), (1000, f"1{NB}000 kr"), (1234567, f"1{NB}234{NB}567 kr"), ("300000", f"300{NB}000 kr"),
    (0, "0 kr"), (None, "–"),
])
def test_money_is_written_with_no_break_spaces_between_thousands_and_kr(value, shown):
    assert sek(value) == shown


def test_something_that_is_not_a_number_is_refused_as_money():
    with pytest.raises(NotANumber):
        sek("två kronor")
    with pytest.raises(NotANumber):
        sek(True)


@pytest.mark.parametrize(("value", "shown"), [(1200, f"1{NB}200 tim"), (1, "1 tim"), (7.5, "7,5 tim")])
def test_hours(value, shown):
    assert hours(value) == shown


@pytest.mark.parametrize(("value", "shown"), [
    ("2027-03-31", "31 mars 2027"), ("2027-01-01", "1 januari 2027"),
    (date(2026, 12, 15), "15 december 2026"), ("2027-05-01T10:00:00", "1 maj 2027"), (None, "–"),
    ("snart", "snart"),
])
def test_dates_are_written_day_month_year_in_swedish(value, shown):
    assert long_date(value) == shown


def test_months_times_and_labels():
    assert (months(6), months(1)) == ("6 månader", "1 månad")
    assert (times(1), times(2), times(14)) == ("en gång", "två gånger", "14 gånger")
    assert (FILTERS["per_label"]("year"), FILTERS["per_label"]("total")) == ("per år", "totalt")
    assert FILTERS["resource_type_label"]("volunteer_hours") == "Ideella timmar"
    assert FILTERS["resource_type_label"]("rocket") == "rocket"


def test_names_are_joined_with_och():
    assert FILTERS["join_names"](["A"]) == "A"
    assert FILTERS["join_names"](["A", "B", "C"]) == "A, B och C"


@pytest.mark.parametrize(("day", "count", "moved"), [
    (date(2029, 12, 31), -6, date(2029, 6, 30)), (date(2029, 3, 31), -1, date(2029, 2, 28)),
    (date(2028, 1, 15), -3, date(2027, 10, 15)), (date(2027, 12, 31), 0, date(2027, 12, 31)),
])
def test_moving_a_date_by_months_stays_within_the_month(day, count, moved):
    assert add_months(day, count) == moved
