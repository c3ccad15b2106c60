"""The one shape every benchmark answers in: rows of figure, baseline, ratio, target and verdict.

Each bench module has `run(...) -> list[Row]`; `python -m bench` prints them all as one table.
A ratio is always figure / baseline, both measured in the same run (the machine is shared:
absolute numbers drift with the neighbours' load, ratios much less).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    name: str
    figure: str            # what was measured, with its unit ("1,234 req/s", "31.0 ms")
    baseline: str          # what it is compared with, or "" for an absolute target
    ratio: float | None    # figure / baseline (or None for an absolute target)
    target: str            # the target as DESIGN.md states it
    passed: bool | None    # None: not judged (a figure shown for context)
    note: str = ""


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def at_least(ratio: float, target: float) -> bool:
    return ratio >= target


def at_most(ratio: float, target: float) -> bool:
    return ratio <= target


def verdict(passed: bool | None) -> str:
    return {True: "pass", False: "FAIL", None: "-"}[passed]


def format_table(rows: Sequence[Row]) -> str:
    header = ("benchmark", "figure", "baseline", "ratio", "target", "result")
    lines = [header] + [(r.name, r.figure, r.baseline, "" if r.ratio is None else f"{r.ratio:.2f}x",
                         r.target, verdict(r.passed)) for r in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for index, line in enumerate(lines):
        out.append("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip())
        if index == 0:
            out.append("  ".join("-" * width for width in widths))
    notes = [f"- {r.name}: {r.note}" for r in rows if r.note]
    return "\n".join(out + ([""] + notes if notes else []))


def interleaved(measures: dict[str, Callable[[], float]], rounds: int) -> dict[str, list[float]]:
    """Run each measure once per round, alternating, so a neighbour's burst of load hits all alike."""
    results: dict[str, list[float]] = {name: [] for name in measures}
    for _ in range(rounds):
        for name, measure in measures.items():
            results[name].append(measure())
    return results
