"""The report's initiatives section, from `iop.initiatives` when it is there.

The initiatives feature is built on its own branch; until it is merged, this answers the
contract's shape with zeros. Its `statistics.summarise_year(year=...)` answers the same
keys (received, by_status, by_outcome, cross_department, flagged,
median_days_to_first_handling, counted in Swedish working days).
"""

from __future__ import annotations

STATUSES = ("received", "in_network", "assigned", "closed")
OUTCOMES = ("answered", "declined", "agreement", "grant", "not_municipal")


def initiative_figures(year: int) -> dict:
    """Initiatives received in `year`: counts by status and outcome, and how fast they were handled."""
    try:
        from iop.initiatives.statistics import summarise_year
    except ModuleNotFoundError as error:  # TODO(merge): drop this guard once iop.initiatives is merged
        if error.name not in ("iop.initiatives", "iop.initiatives.statistics"):
            raise
        return _zeros()
    return summarise_year(year=year)


def _zeros() -> dict:
    return {
        "received": 0,
        "by_status": dict.fromkeys(STATUSES, 0),
        "by_outcome": dict.fromkeys(OUTCOMES, 0),
        "cross_department": 0,
        "flagged": 0,
        # None while no initiative of the year has been handled: a median of nothing is no number.
        "median_days_to_first_handling": None,
    }
