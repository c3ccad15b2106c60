"""Organisations funded from more than one source, and sources among them for similar purposes.

Works on the rows of `figures.funding_source_rows` (one per agreement or grant of an
organisation with more than one source in the year, ordered by organisation) and answers
JSON-ready lists. There may be tens of thousands of rows, so it makes one pass and keeps the
work per row small: a pair of sources is compared only when they share a word at all.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from itertools import combinations, groupby
from operator import itemgetter

from iop.grants.amounts import as_json_number
from iop.reports.figures import whole
from iop.reports.similarity import THRESHOLD, similarity, stems
from iop.sorting import swedish_key

SOURCE_ORDER = {"agreement": 0, "grant": 1}


def funding_overlaps(rows) -> dict[str, list[dict]]:
    """`funding_overlaps` (API.md), `organisations_with_several_committees` (grants only) and
    `possible_double_funding` (pairs of sources with similar purposes)."""
    overlaps, several, pairs = [], [], []
    for org_number, found in groupby(rows, key=itemgetter(0)):
        found = list(found)
        name = _name(found)
        sources = sorted(({"type": row[1], "id": row[2], "committee": row[3], "title": row[4],
                           "amount_sek": as_json_number(whole(row[5]))} for row in found),
                         key=lambda s: (SOURCE_ORDER[s["type"]], swedish_key(s["committee"]),
                                        swedish_key(s["title"]), s["id"]))
        overlaps.append({"org_number": org_number, "name": name,
                         "amount_sek": sum(s["amount_sek"] for s in sources), "sources": sources})
        grants = [s for s in sources if s["type"] == "grant"]
        if len({g["committee"] for g in grants}) > 1:
            several.append(_several(org_number, name, grants))
        pairs.extend(_similar_pairs(org_number, name, sources))
    by_name = lambda o: (swedish_key(o["name"]), o["org_number"])  # noqa: E731
    overlaps.sort(key=by_name)
    several.sort(key=by_name)
    pairs.sort(key=lambda p: (swedish_key(p["name"]), p["org_number"], -p["similarity"]))
    return {"funding_overlaps": overlaps, "organisations_with_several_committees": several,
            "possible_double_funding": pairs}


def _name(rows) -> str:
    """The registered name when the number matches an organisation, else the (first) name as given."""
    registered = [row[6] for row in rows if row[7]]
    return min(registered) if registered else min(row[6] for row in rows)


def _several(org_number: str, name: str, grants: list[dict]) -> dict:
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for grant in grants:
        sums[grant["committee"]] += Decimal(grant["amount_sek"])
    committees = sorted(sums, key=swedish_key)
    return {"org_number": org_number, "name": name, "committees": committees,
            "amount_sek": as_json_number(sum(sums.values(), Decimal(0))),
            "by_committee": [{"committee": c, "amount_sek": as_json_number(sums[c])} for c in committees]}


def _similar_pairs(org_number: str, name: str, sources: list[dict]) -> list[dict]:
    """Sources whose purposes (an agreement's title, a grant's purpose) are similar: an agreement
    beside an agreement or a grant, or grants from different committees (a committee sees its own)."""
    words = [stems(source["title"]).keys() for source in sources]
    found = []
    for (i, first), (j, second) in combinations(enumerate(sources), 2):
        if first["type"] == second["type"] == "grant" and first["committee"] == second["committee"]:
            continue
        if not words[i] & words[j]:
            continue
        score, shared = similarity(first["title"], second["title"])
        if score >= THRESHOLD:
            found.append({"org_number": org_number, "name": name, "similarity": round(score, 2),
                          "shared_words": list(shared), "sources": [first, second]})
    return found
