"""The report's counting rules, checked on generated agreements against a plain reading of API.md.

An agreement counts for a year when it is signed and its period (cut short by a termination)
overlaps the year. Money and hours count pro rata by days: `per: "year"` amounts × days of the
period inside the year ÷ days of the year; `per: "total"` amounts × days inside the year ÷ days
of the period (as agreed: a termination cuts the days inside, not the spread). Hypothesis
draws the agreements; the report's SQL must agree with the few lines of Python below for
every one of them, on SQLite and PostgreSQL alike, to the krona (the sums are rounded once).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iop.extensions import db
from iop.reports.services import build_report
from tests.reports.year_2026 import agreement, hours, money

SIGNED = ("active", "expired", "terminated")
YEARS = range(2023, 2030)


@dataclass(frozen=True)
class Drawn:
    status: str
    start: date
    end: date
    ended_on: date | None
    yearly_sek: int
    total_sek: int
    yearly_hours: int

    def counts_in(self, year: int) -> bool:
        last_day = self.ended_on if self.ended_on and self.ended_on < self.end else self.end
        return (self.status in SIGNED and self.start <= date(year, 12, 31)
                and last_day >= max(date(year, 1, 1), self.start))

    def days_inside(self, year: int) -> int:
        last_day = self.ended_on if self.ended_on and self.ended_on < self.end else self.end
        return (min(last_day, date(year, 12, 31)) - max(self.start, date(year, 1, 1))).days + 1

    def sek_in(self, year: int) -> Fraction:
        if not self.counts_in(year):
            return Fraction(0)
        year_days = (date(year + 1, 1, 1) - date(year, 1, 1)).days
        period_days = (self.end - self.start).days + 1
        return (Fraction(self.yearly_sek * self.days_inside(year), year_days)
                + Fraction(self.total_sek * self.days_inside(year), period_days))

    def hours_in(self, year: int) -> Fraction:
        if not self.counts_in(year):
            return Fraction(0)
        year_days = (date(year + 1, 1, 1) - date(year, 1, 1)).days
        return Fraction(self.yearly_hours * self.days_inside(year), year_days)


@st.composite
def drawn_agreements(draw) -> Drawn:
    start = draw(st.dates(min_value=date(2023, 1, 1), max_value=date(2029, 12, 31)))
    end = start + timedelta(days=draw(st.integers(0, 4 * 366)))
    status = draw(st.sampled_from((*SIGNED, "draft", "approved", "withdrawn")))
    ended_on = None
    if status == "terminated":
        ended_on = start + timedelta(days=draw(st.integers(0, (end - start).days + 30)))
    return Drawn(status, start, end, ended_on, yearly_sek=draw(st.integers(0, 10**7)),
                 total_sek=draw(st.integers(0, 10**7)), yearly_hours=draw(st.integers(0, 5000)))


def stored(drawn: Drawn) -> None:
    signed_on = drawn.start - timedelta(days=10) if drawn.status in SIGNED else None
    resources = [money("municipality", drawn.yearly_sek), money("municipality", drawn.total_sek, "total"),
                 hours("organisation", drawn.yearly_hours)]
    agreement("KFF", "iop", drawn.status, drawn.start, drawn.end, signed_on=signed_on,
              ended_on=drawn.ended_on, resources=resources)


def test_an_agreement_over_two_half_years_counts_half_in_each():
    drawn = Drawn("active", date(2026, 7, 1), date(2027, 6, 30), None, 240000, 0, 1000)
    assert round(drawn.sek_in(2026)) == 120986 and round(drawn.sek_in(2027)) == 119014
    assert drawn.sek_in(2026) + drawn.sek_in(2027) == 240000


@pytest.mark.usefixtures("departments")
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drawn=st.lists(drawn_agreements(), min_size=1, max_size=6), year=st.sampled_from(YEARS))
def test_money_hours_and_counts_per_year_follow_the_counting_rules(app, drawn, year):
    with app.app_context():
        for each in drawn:
            stored(each)
        try:
            report = build_report(year=year)["agreements"]
        finally:
            db.session.rollback()  # each example starts from no agreements

    counted = [each for each in drawn if each.counts_in(year)]
    assert report["active"] == len(counted)
    assert abs(report["municipality_sek"] - sum(each.sek_in(year) for each in drawn)) <= 1
    assert abs(report["volunteer_hours"] - sum(each.hours_in(year) for each in drawn)) <= 1
    assert report["started"] == sum(1 for each in counted if each.start.year == year)
