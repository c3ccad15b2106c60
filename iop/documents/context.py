"""What a template sees: the document data, filled out to the contract, plus what is derived from it.

Templates stay free of arithmetic: totals per party, the last day to give notice and who signs
for whom are computed here, once, in Python.
"""

from __future__ import annotations

import copy
from decimal import Decimal

from iop import swedish
from iop.documents.contract import DATA, OPTIONAL_DATA, REQUIRED_DATA_KEYS, SIGNATORY, DocumentDataError
from iop.months import notice_deadline as deadline_for_notice
from iop.swedish import NotANumber, hours, join_names, kronor_ore, parse_date, to_decimal

MUNICIPALITY = "municipality"
ORGANISATION = "organisation"
WHOLE_NUMBER_KEYS = ("revision", "notice_period_months", "extension_months", "max_extensions")


def build_context(data: dict, *, template, signed: bool, signed_on, signatories,
                  draft: bool | None = None, archive_copy: bool = False) -> dict:
    """The names a template renders with, for one agreement revision.

    `draft`: whether the document carries the draft marking (only while the agreement is a
    draft; by default, while it is unsigned). `signatories`: who signed (the active rendering);
    when none are given, those named on the draft are printed under the lines.
    """
    if not isinstance(data, dict):
        raise DocumentDataError("Dokumentdata ska vara ett objekt (dict).")
    missing = sorted(REQUIRED_DATA_KEYS - data.keys())
    if missing:
        raise DocumentDataError(f"Dokumentdata saknar {', '.join(missing)}.")
    context = conform({**copy.deepcopy(OPTIONAL_DATA), **data}, DATA)
    if context["decision"] is None:
        context["decision"] = conform({}, DATA["decision"])
    for key, kind in (("municipality", dict), ("department", dict), ("organisations", list),
                      ("resources", list)):
        if not isinstance(context[key], kind):
            raise DocumentDataError(f"{key} har fel form i dokumentdata: {type(context[key]).__name__}.")
    for key in WHOLE_NUMBER_KEYS:
        _check_whole_number(context, key)
    organisations = context["organisations"]
    municipality_name = context["municipality"]["name"]
    signed_people = [conform(person, SIGNATORY) for person in signatories or ()]
    named = [conform(person, SIGNATORY) for person in context.get("signatories") or ()]
    people = signed_people if signed and signed_people else named
    blocks = signature_blocks(people, municipality_name=municipality_name, organisations=organisations,
                              signed=bool(signed))
    lines = signature_lines(blocks, signed_on=signed_on if signed else None)
    groups = resource_groups(context["resources"], municipality_name=municipality_name,
                             organisations=organisations)
    context.update(
        draft=(not signed) if draft is None else bool(draft),
        archive_copy=bool(archive_copy),
        signed=bool(signed),
        signed_on=signed_on,
        signatories=people,
        template={"key": template.key, "name": template.name, "version": template.version},
        organisation_names=join_names(o["name"] for o in organisations),
        notice_deadline=notice_deadline(context["end_date"], context["notice_period_months"]),
        resource_groups=groups,
        municipality_resources=[g for g in groups if g["party"] == MUNICIPALITY],
        organisation_resources=[g for g in groups if g["party"] != MUNICIPALITY],
        signature_blocks=blocks,
        signature_lines=lines,
        signature_rows=[{"left": lines[i], "right": lines[i + 1] if i + 1 < len(lines) else None}
                        for i in range(0, len(lines), 2)],
        municipality_pays=any(r.get("party") == MUNICIPALITY and r.get("type") == "money"
                              for r in context["resources"]),
    )
    return context


def conform(value, shape):
    """`value` with every name its shape promises (missing ones None); extra names are kept."""
    if isinstance(shape, dict) and isinstance(value, dict):
        filled = {key: conform(value[key], sub) if key in value else None for key, sub in shape.items()}
        return {**value, **filled}
    if isinstance(shape, list) and isinstance(value, (list, tuple)):
        return [conform(item, shape[0]) for item in value]
    if isinstance(shape, list) and value is None:
        return []
    return value


def _check_whole_number(context: dict, key: str) -> None:
    value = context.get(key)
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise DocumentDataError(f"{key} ska vara ett heltal, inte {value!r}.")


def notice_deadline(end_date, notice_months) -> str | None:
    """The last day to give notice: the end date minus the notice period (ISO), or None."""
    end = parse_date(end_date)
    if end is None:
        return None
    try:
        return deadline_for_notice(end, int(notice_months or 0)).isoformat()
    except (ValueError, OverflowError):  # a row stored before the date range was enforced
        return None


def _amount(item: dict, index: int, key: str) -> Decimal | None:
    if item.get(key) is None:
        return None
    try:
        return to_decimal(item[key])
    except NotANumber as error:
        raise DocumentDataError(f"resources[{index}].{key}: {error}.") from None


def _group_label(item: dict, municipality_name, organisations: list[dict]) -> str:
    if item.get("party") == MUNICIPALITY:
        return municipality_name or swedish.label(MUNICIPALITY, "party")
    if item.get("organisation_name"):
        return item["organisation_name"]
    by_id = {o.get("id"): o.get("name") for o in organisations}
    if item.get("organisation_id") in by_id:
        return by_id[item["organisation_id"]]
    if len(organisations) == 1 and organisations[0].get("name"):
        return organisations[0]["name"]
    return swedish.label(item.get("party"), "party")


def resource_groups(resources: list[dict], *, municipality_name, organisations: list[dict]) -> list[dict]:
    """Resources grouped per party (each organisation its own), the municipality first, with totals."""
    groups: dict[tuple, dict] = {}
    for index, item in enumerate(resources):
        party = item.get("party")
        key = (party, None if party == MUNICIPALITY else item.get("organisation_id"))
        group = groups.setdefault(key, {
            "party": party, "organisation_id": key[1],
            "label": _group_label(item, municipality_name, organisations), "rows": [],
            "amount_per_year": None, "amount_total": None, "hours_per_year": None, "hours_total": None,
        })
        group["rows"].append(item)
        per = "total" if item.get("per") == "total" else "per_year"
        for key_name, total_name in (("amount_sek", f"amount_{per}"), ("hours", f"hours_{per}")):
            amount = _amount(item, index, key_name)
            if amount is not None:
                group[total_name] = (group[total_name] or Decimal(0)) + amount
    ordered = sorted(groups.values(), key=lambda g: g["party"] != MUNICIPALITY)
    for group in ordered:
        group["amount_text"] = _total_text(group["amount_per_year"], group["amount_total"], kronor_ore)
        group["hours_text"] = _total_text(group["hours_per_year"], group["hours_total"], hours)
    return ordered


def _total_text(per_year, total, fmt) -> str:
    lines = []
    if per_year is not None:
        lines.append(f"{fmt(per_year)} per år")
    if total is not None:
        lines.append(f"{fmt(total)} totalt")
    return "\n".join(lines) or swedish.MISSING


def signature_lines(blocks: list[dict], *, signed_on) -> list[dict]:
    """A signature line per signatory, and one blank line for a party nobody is named for yet;
    the signing date filled in once signed (the place is written by hand on the paper)."""
    date_text = swedish.date_long(signed_on, missing="") if signed_on else ""
    lines = []
    for block in blocks:
        people = block["signatories"] or [None]
        for person in people:
            lines.append({"party": block["party"], "label": block["label"],
                          "name": person["name"] if person else "",
                          "title": (person["title"] or "") if person else "",
                          "date_text": date_text})
    return lines


def signature_blocks(people: list[dict], *, municipality_name, organisations: list[dict],
                     signed: bool) -> list[dict]:
    """Who signs for whom: the municipality, then the organisation(s), each organisation its own
    block when there are several (unless those who signed were not tied to one)."""
    blocks = [{"party": MUNICIPALITY, "label": municipality_name,
               "signatories": [p for p in people if p["party"] == MUNICIPALITY]}]
    for_organisations = [p for p in people if p["party"] == ORGANISATION]
    by_organisation = len(organisations) > 1 and (
        not for_organisations or any(p["organisation_id"] is not None for p in for_organisations))
    if by_organisation:
        for organisation in organisations:
            blocks.append({"party": ORGANISATION, "label": organisation["name"],
                           "signatories": [p for p in for_organisations
                                           if p["organisation_id"] == organisation["id"]]})
    else:
        blocks.append({"party": ORGANISATION, "label": join_names(o["name"] for o in organisations),
                       "signatories": for_organisations})
    placed = {id(p) for block in blocks for p in block["signatories"]}
    others = [p for p in people if id(p) not in placed]
    if others:
        blocks.append({"party": "other", "label": "övriga parter", "signatories": others})
    return blocks
