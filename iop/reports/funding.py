"""Organisations funded by several committees, and grants among them for similar purposes.

Works on the grouped rows of `figures.several_committee_rows` (one per organisation,
committee and purpose) and answers JSON-ready lists; it may see tens of thousands of rows,
so it makes one pass and keeps the work per row small.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from iop.grants.amounts import as_json_number
from iop.reports.figures import as_decimal
from iop.reports.similarity import THRESHOLD, similarity
from iop.sorting import swedish_key


def funding_across_committees(rows) -> tuple[list[dict], list[dict]]:
    """(organisations funded by more than one committee, pairs of possibly double-funded grants)."""
    by_organisation: dict[str, list] = defaultdict(list)
    for row in rows:
        by_organisation[row.org_number].append(row)
    several, pairs = [], []
    for org_number, grants in by_organisation.items():
        name = _name(grants)
        sums: dict[str, Decimal] = defaultdict(Decimal)
        for grant in grants:
            sums[grant.committee] += as_decimal(grant.amount_sek)
        committees = sorted(sums, key=swedish_key)
        several.append({"org_number": org_number, "name": name, "committees": committees,
                        "amount_sek": as_json_number(sum(sums.values(), Decimal(0))),
                        "by_committee": [{"committee": c, "amount_sek": as_json_number(sums[c])}
                                         for c in committees]})
        pairs.extend(_similar_pairs(org_number, name, grants))
    several.sort(key=lambda o: (swedish_key(o["name"]), o["org_number"]))
    pairs.sort(key=lambda p: (swedish_key(p["name"]), p["org_number"], -p["similarity"]))
    return several, pairs


def _name(grants) -> str:
    """The registered name when the number matches an organisation, else the (first) name as given."""
    registered = [g.registered_name for g in grants if g.registered_name]
    return min(registered) if registered else min(g.given_name for g in grants)


def _similar_pairs(org_number: str, name: str, grants) -> list[dict]:
    """Grants from different committees whose purposes are similar (only across committees)."""
    by_committee: dict[str, list] = defaultdict(list)
    for grant in grants:
        by_committee[grant.committee].append(grant)
    committees = sorted(by_committee, key=swedish_key)
    found = []
    for i, committee in enumerate(committees):
        for other in committees[i + 1:]:
            for first in sorted(by_committee[committee], key=lambda g: g.purpose):
                for second in sorted(by_committee[other], key=lambda g: g.purpose):
                    score, shared = similarity(first.purpose, second.purpose)
                    if score >= THRESHOLD:
                        found.append({"org_number": org_number, "name": name,
                                      "similarity": round(score, 2), "shared_words": list(shared),
                                      "grants": [_grant(first), _grant(second)]})
    return found


def _grant(row) -> dict:
    return {"committee": row.committee, "purpose": row.purpose, "amount_sek": as_json_number(row.amount_sek)}
