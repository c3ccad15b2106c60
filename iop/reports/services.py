"""The yearly report as plain data: API.md's JSON shape and the sections the board also asks for."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from flask import current_app

from iop.agreements.models import Kind, Party, ResourceType
from iop.clock import today
from iop.errors import Invalid
from iop.followups.services import count_year as count_follow_up_reports
from iop.grants.amounts import as_json_number
from iop.initiatives.statistics import summarise_year
from iop.reports import figures, lists
from iop.reports.funding import funding_overlaps
from iop.reports.similarity import THRESHOLD as SIMILARITY_THRESHOLD
from iop.sorting import swedish_key

MIN_YEAR, MAX_YEAR = 1990, 2100


def build_report(*, year: int) -> dict:
    """Every figure of the yearly report for `year`, JSON-ready (money in whole kronor as numbers)."""
    check_year(year=year)
    resources = figures.resource_rows(year)
    funding = funding_overlaps(figures.funding_source_rows(year))
    gender_equality = lists.gender_equality(year)
    return {
        "year": year,
        "preliminary": is_preliminary(year=year),
        "agreements": _plain(agreements_section(year, resources)),
        "resources": _plain(resources_section(resources)),
        "grants": grants_section(year, funding["organisations_with_several_committees"]),
        "initiatives": summarise_year(year=year),
        "follow_up_reports": count_follow_up_reports(year=year, today=today(current_app.config["TIMEZONE"])),
        # Already plain: they may be long.
        "funding_overlaps": funding["funding_overlaps"],
        "possible_double_funding": funding["possible_double_funding"],
        "similarity_threshold": SIMILARITY_THRESHOLD,
        "previous_year": previous_year(year=year - 1),
        "goals": _plain(lists.goals(year)),
        "untagged_agreements": gender_equality.pop("untagged_agreements"),
        "gender_equality": gender_equality,
    }


def build_lists(*, year: int, limit: int | None = None) -> dict:
    """The report's named lists, each its first `limit` rows (all when None) and its length."""
    check_year(year=year)
    found = {which: lists.agreements(year, which, limit) for which in lists.AGREEMENT_LISTS}
    found["initiatives"] = lists.initiatives(year, limit=limit)
    found["network"] = lists.initiatives(year, network=True, limit=limit)
    found["organisations"] = lists.organisations(year, limit=limit)
    return found


def previous_year(*, year: int) -> dict:
    """The figures of the year before, for the analysis beside this year's."""
    resources = figures.resource_rows(year)
    municipality = sum((r["amount_sek"] for r in resources if r["party"] == Party.MUNICIPALITY), Decimal(0))
    hours = sum((r["hours"] for r in resources if r["type"] == ResourceType.VOLUNTEER_HOURS), Decimal(0))
    rows = figures.agreement_rows(year)
    grants = figures.grant_committee_rows(year)
    return _plain({
        "year": year,
        "active": sum(r["agreements"] for r in rows),
        "started": sum(r["started"] or 0 for r in rows),
        "ended": sum(r["ended"] or 0 for r in rows),
        "municipality_sek": municipality, "volunteer_hours": hours,
        "grants": sum(g["grants"] for g in grants),
        "grants_sek": sum((g["amount_sek"] for g in grants), Decimal(0)),
        "initiatives": lists.received_initiatives(year),
    })


def is_preliminary(*, year: int) -> bool:
    """A year that is not over yet (by the service's clock): its figures may still change."""
    return year >= today(current_app.config["TIMEZONE"]).year


def check_year(*, year: int) -> None:
    """Refuse a year the report is not made for."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Invalid({"year": f"Ange ett år mellan {MIN_YEAR} och {MAX_YEAR}."})


def agreements_section(year: int, resources: list[dict]) -> dict:
    departments: dict[int, dict] = {}
    for row in figures.agreement_rows(year):
        entry = departments.setdefault(row["id"], {
            "department": row["code"], "name": row["name"], "committee": row["committee"],
            "agreements": 0, "iop": 0, "annual": 0, "started": 0, "ended": 0, "renewed": 0,
            "municipality_sek": Decimal(0), "organisation_sek": Decimal(0), "volunteer_hours": Decimal(0)})
        entry["agreements"] += row["agreements"]
        entry[Kind(row["kind"]).value] += row["agreements"]
        for key in ("started", "ended", "renewed"):
            entry[key] += row[key] or 0
    for row in resources:
        entry = departments[row["department_id"]]
        entry[f"{row['party'].value}_sek"] += row["amount_sek"]
        if row["type"] == ResourceType.VOLUNTEER_HOURS:
            entry["volunteer_hours"] += row["hours"]
    by_department = sorted(departments.values(), key=lambda d: swedish_key(d["department"]))
    totals = _sum(by_department, ("agreements", "iop", "annual", "started", "ended", "renewed",
                                  "municipality_sek", "organisation_sek", "volunteer_hours"))
    return {
        "active": totals["agreements"], "started": totals["started"], "ended": totals["ended"],
        "renewed": totals["renewed"], "by_kind": {"iop": totals["iop"], "annual": totals["annual"]},
        "municipality_sek": totals["municipality_sek"], "organisation_sek": totals["organisation_sek"],
        "volunteer_hours": totals["volunteer_hours"],
        "by_committee": _by_committee(by_department),
        "by_department": by_department,
        "over_time": figures.over_time_rows(year),
    }


def _by_committee(by_department: list[dict]) -> list[dict]:
    committees: dict[str, dict] = {}
    for entry in by_department:
        committee = committees.setdefault(entry["committee"], {
            "committee": entry["committee"], "agreements": 0, "municipality_sek": Decimal(0),
            "volunteer_hours": Decimal(0), "organisation_sek": Decimal(0)})
        for key in ("agreements", "municipality_sek", "volunteer_hours", "organisation_sek"):
            committee[key] += entry[key]
    return sorted(committees.values(), key=lambda c: swedish_key(c["committee"]))


def resources_section(resources: list[dict]) -> dict:
    sums: dict[tuple, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for row in resources:
        sums[(row["party"], row["type"])][0] += row["amount_sek"]
        sums[(row["party"], row["type"])][1] += row["hours"]
    by_type = [{"party": party.value, "type": type_.value, "amount_sek": sums[(party, type_)][0],
                "hours": sums[(party, type_)][1]} for party in Party for type_ in ResourceType]

    def total(party=None, types=None, field="amount_sek"):
        return sum((row[field] for row in by_type if (party is None or row["party"] == party)
                    and (types is None or row["type"] in types)), Decimal(0))

    in_kind = [t.value for t in ResourceType if t != ResourceType.MONEY]
    return {
        "municipality_sek": total("municipality"),
        "municipality_money_sek": total("municipality", ["money"]),
        "municipality_in_kind_sek": total("municipality", in_kind),
        "organisation_sek": total("organisation"),
        "organisation_money_sek": total("organisation", ["money"]),
        "organisation_in_kind_sek": total("organisation", in_kind),
        "volunteer_hours": total(types=["volunteer_hours"], field="hours"),
        "staff_hours": total(types=["staff_hours"], field="hours"),
        "by_party_and_type": by_type,
    }


def grants_section(year: int, several: list[dict]) -> dict:
    by_committee = sorted(figures.grant_committee_rows(year), key=lambda c: swedish_key(c["committee"]))
    return {
        "total_sek": as_json_number(sum((c["amount_sek"] for c in by_committee), Decimal(0))),
        "grants": sum(c["grants"] for c in by_committee),
        "by_committee": _plain(by_committee),
        "organisations_with_several_committees": several,  # already plain: they may be long
    }


def _sum(entries: list[dict], keys) -> dict:
    return {key: sum((entry[key] for entry in entries), Decimal(0) if key.endswith(("_sek", "_hours")) else 0)
            for key in keys}


def _plain(value):
    """Decimals become JSON numbers (whole kronor and hours as integers)."""
    if isinstance(value, Decimal):
        return as_json_number(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value
