"""Organisations funded from more than one source, and sources among them for similar purposes.

Works on the rows of `figures.funding_source_rows` (one per agreement or grant of an
organisation with more than one source in the year, ordered by organisation) and answers
JSON-ready lists. There may be tens of thousands of rows (52,000 in the bench's year), so it
makes one pass and keeps the work per row small: whatever depends only on a text (a
committee's or title's place in Swedish order, a purpose's words) comes from a cache kept per
distinct text (`swedish_key`, `purpose_words`), an amount is rounded in one step, and a pair of
sources is compared only when they share a word.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from itertools import groupby
from operator import itemgetter

from iop.grants.amounts import as_json_number
from iop.reports.figures import as_decimal
from iop.reports.similarity import THRESHOLD, purpose_words, similarity
from iop.sorting import swedish_key

SOURCE_ORDER = {"agreement": 0, "grant": 1}
_ONE = Decimal(1)


def funding_overlaps(rows) -> dict[str, list[dict]]:
    """`funding_overlaps` (API.md), `organisations_with_several_committees` (grants only) and
    `possible_double_funding` (pairs of sources with similar purposes)."""
    overlaps, several, pairs_of = [], [], {}
    for org_number, found in groupby(rows, key=itemgetter(0)):
        found = sorted(found, key=_source_order)
        name = _name(found)
        sources = [{"type": kind, "id": ident, "committee": committee, "title": title,
                    "amount_sek": _kronor(amount)}
                   for _, kind, ident, committee, title, amount, _, _ in found]
        overlaps.append({"org_number": org_number, "name": name,
                         "amount_sek": sum(s["amount_sek"] for s in sources), "sources": sources})
        grants = [s for s in sources if s["type"] == "grant"]
        if len({g["committee"] for g in grants}) > 1:
            several.append(_several(org_number, name, grants))
        if len(sources) > 1:
            pairs_of[org_number] = _similar_pairs(org_number, name, sources)
    by_name = lambda o: (swedish_key(o["name"]), o["org_number"])  # noqa: E731
    overlaps.sort(key=by_name)
    several.sort(key=by_name)
    # Pairs in the organisations' order, each organisation's most similar first.
    by_similarity = lambda p: -p["similarity"]  # noqa: E731
    pairs = [pair for overlap in overlaps
             for pair in sorted(pairs_of.get(overlap["org_number"], ()), key=by_similarity)]
    return {"funding_overlaps": overlaps, "organisations_with_several_committees": several,
            "possible_double_funding": pairs}


def _source_order(row) -> tuple:
    """Agreements before grants, then by committee and title the Swedish way (each text put in
    Swedish order once: `swedish_key` keeps what it worked out), then by id."""
    return SOURCE_ORDER[row[1]], swedish_key(row[3]), swedish_key(row[4]), row[2]


def _kronor(value) -> int:
    """A source's amount in whole kronor: to öre, then half up (what the Numeric(14, 2) amount made
    a Decimal and `figures.whole` gave before), from the float or integer the database sends."""
    if value is None:
        return 0
    if type(value) in (float, int) and value >= 0:
        if value == int(value):  # whole kronor, as grants are
            return int(value)
        ore = "%.2f" % value  # noqa: UP031 (the same formatting as SQLAlchemy's Decimal processor)
        return int(ore[:-3]) + (ore[-2:] >= "50")
    return int(as_decimal(value).quantize(Decimal("0.01")).quantize(_ONE, rounding=ROUND_HALF_UP))


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
    """The sources whose purposes (an agreement's title, a grant's purpose) are similar: an
    agreement beside an agreement or a grant, or grants from different committees (a committee
    sees its own)."""
    titles = [source["title"] for source in sources]
    own = [purpose_words(title) for title in titles]
    grant = [source["type"] == "grant" for source in sources]
    committees = [source["committee"] for source in sources]
    found = []
    count = len(sources)
    for i in range(count - 1):
        first_words = own[i]
        if not first_words:
            continue
        first_title, first_grant, first_committee = titles[i], grant[i], committees[i]
        for j in range(i + 1, count):
            if first_grant and grant[j] and first_committee == committees[j]:
                continue
            if first_words.isdisjoint(own[j]):
                continue
            score, shared = similarity(first_title, titles[j])
            if score >= THRESHOLD:
                found.append({"org_number": org_number, "name": name, "similarity": round(score, 2),
                              "shared_words": shared, "sources": [sources[i], sources[j]]})
    return found
