"""The report's initiatives section.

PLACEHOLDER until `iop.initiatives` is merged: the contract's shape with zeros. The lead
replaces the body with one SQL aggregation over the year's initiatives (received in the
year; by status and outcome; cross-department = naming more than one department or with
the municipal matter unclear; median days from received_on to first_handled_on).
"""

from __future__ import annotations

STATUSES = ("received", "in_network", "assigned", "closed")
OUTCOMES = ("answered", "declined", "agreement", "grant", "not_municipal")


def initiative_figures(year: int) -> dict:
    """Initiatives received in `year`: counts by status and outcome, and how fast they were handled."""
    return {
        "received": 0,
        "by_status": dict.fromkeys(STATUSES, 0),
        "by_outcome": dict.fromkeys(OUTCOMES, 0),
        "cross_department": 0,
        # None while no initiative of the year has been handled: a median of nothing is no number.
        "median_days_to_first_handling": None,
    }
