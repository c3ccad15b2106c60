"""The report's two charts: what each draws from the report, and the same figures in words.

The Word report and the web page both take their charts from here, so the picture and the
text beside it (a web page's alt text) always show the same figures.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from iop import swedish
from iop.reports import charts
from iop.sorting import swedish_key


def money_per_committee_rows(report: dict) -> list[tuple[str, float, float]]:
    """(committee, the municipality's SEK in agreements, SEK in grants), by committee name."""
    money: dict[str, list[float]] = {}
    for entry in report["agreements"]["by_committee"]:
        money.setdefault(entry["committee"], [0, 0])[0] = entry["municipality_sek"]
    for entry in report["grants"]["by_committee"]:
        money.setdefault(entry["committee"], [0, 0])[1] = entry["amount_sek"]
    return [(name, *money[name]) for name in sorted(money, key=swedish_key)]


def agreements_over_time_rows(report: dict) -> list[tuple[int, int]]:
    """(year, agreements that counted in it) for the report's year and the four before."""
    return [(y["year"], y["agreements"]) for y in report["agreements"]["over_time"]]


def describe_money_per_committee(report: dict) -> str:
    rows = money_per_committee_rows(report)
    if not rows:
        return f"Diagram: inga överenskommelser eller föreningsbidrag under {report['year']}."
    parts = [f"{name}: {swedish.kronor(agreements)} i överenskommelser och "
             f"{swedish.kronor(grants)} i föreningsbidrag"
             for name, agreements, grants in rows]
    return f"Stapeldiagram över kommunens pengar per nämnd {report['year']}. " + "; ".join(parts) + "."


def describe_agreements_over_time(report: dict) -> str:
    parts = [f"{year}: {swedish.number(count)}" for year, count in agreements_over_time_rows(report)]
    return "Stapeldiagram över gällande överenskommelser per år. " + "; ".join(parts) + "."


@dataclass(frozen=True)
class Chart:
    name: str  # in the chart's address: /arsrapport/2026/diagram/<name>.png
    caption: str
    draw: Callable[[dict], bytes]
    describe: Callable[[dict], str]


CHARTS = {chart.name: chart for chart in (
    Chart("overenskommelser-per-ar",
          "Figur 1. Överenskommelser som gällt under vart och ett av de senaste fem åren.",
          lambda report: charts.agreements_over_time(agreements_over_time_rows(report)),
          describe_agreements_over_time),
    Chart("pengar-per-namnd",
          "Figur 2. Kommunens pengar per nämnd: insatser i överenskommelser och föreningsbidrag.",
          lambda report: charts.money_per_committee(money_per_committee_rows(report)),
          describe_money_per_committee),
)}
AGREEMENTS_OVER_TIME, MONEY_PER_COMMITTEE = CHARTS.values()
