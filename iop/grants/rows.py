"""Checking one row of a grants file: every problem in it, in Swedish, or a clean row."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from iop.departments.models import Committee, committee_key
from iop.departments.services import closest_committees
from iop.grants.amounts import AmountError, parse_amount
from iop.organisations.numbers import normalise_org_number, org_number_problem

MIN_YEAR, MAX_YEAR = 1990, 2100
MAX_NAME, MAX_PURPOSE = 300, 500


@dataclass(frozen=True)
class GrantRow:
    year: int
    committee_id: int
    org_number: str
    organisation_name: str
    purpose: str
    amount_sek: Decimal

    @property
    def key(self) -> tuple[int, int, str, str]:
        return (self.year, self.committee_id, self.org_number, self.purpose)


def check_row(raw: dict[str, object],
              committees: dict[str, Committee]) -> tuple[GrantRow | None, list[str]]:
    """The row as a grant, or the reasons it cannot be one (all of them, not just the first)."""
    problems: list[str] = []
    year = _year(raw.get("year"), problems)
    committee_id = _committee(raw.get("committee"), committees, problems)
    org_number = _org_number(raw.get("org_number"), problems)
    name = _text(raw.get("organisation"), "Organisationens namn", MAX_NAME, problems)
    purpose = _text(raw.get("purpose"), "Ändamålet", MAX_PURPOSE, problems)
    amount = _amount(raw.get("amount_sek"), problems)
    if problems:
        return None, problems
    return GrantRow(year, committee_id, org_number, name, purpose, amount), []


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _shown(value) -> str:
    text = str(value).strip()
    return text if len(text) <= 60 else text[:57] + "..."


def _year(value, problems: list[str]) -> int | None:
    if _blank(value):
        problems.append("Året saknas.")
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.date, bool)) or not str(value).strip().isdigit():
        problems.append(f"Året ska vara fyra siffror, inte »{_shown(value)}«.")
        return None
    year = int(str(value).strip())
    if not MIN_YEAR <= year <= MAX_YEAR:
        problems.append(f"Året {year} är inte rimligt (ska vara {MIN_YEAR}–{MAX_YEAR}).")
        return None
    return year


def _committee(value, committees: dict[str, Committee], problems: list[str]) -> int | None:
    if _blank(value):
        problems.append("Nämnden saknas.")
        return None
    committee = committees.get(committee_key(str(value)))
    if committee is None:
        closest = closest_committees(str(value), committees.values())
        hint = (f"Menade du {' eller '.join(f'»{name}«' for name in closest)}?" if closest else
                "Skriv nämndens namn som i förteckningen över förvaltningar.")
        problems.append(f"Nämnden »{_shown(value)}« finns inte i tjänsten. {hint} "
                        "En ny nämnd läggs upp av en administratör.")
        return None
    return committee.id


def _org_number(value, problems: list[str]) -> str | None:
    if _blank(value):
        problems.append("Organisationsnumret saknas.")
        return None
    text = str(int(value)) if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)
    problem = org_number_problem(text)
    if problem:
        problems.append(_with_value(problem, text))
        return None
    return normalise_org_number(text)


def _text(value, label: str, limit: int, problems: list[str]) -> str | None:
    if _blank(value):
        problems.append(f"{label} saknas.")
        return None
    text = " ".join(str(value).split())
    if any(ord(char) < 32 or 0xD800 <= ord(char) <= 0xDFFF for char in text):
        problems.append(f"{label} innehåller tecken som inte kan lagras.")
        return None
    if len(text) > limit:
        problems.append(f"{label} är för långt (högst {limit} tecken).")
        return None
    return text


def _amount(value, problems: list[str]) -> Decimal | None:
    if _blank(value):
        problems.append("Beloppet saknas.")
        return None
    try:
        return parse_amount(value)
    except AmountError as error:
        problems.append(_with_value(str(error), value))
        return None


def _with_value(message: str, value) -> str:
    """"Beloppet får inte vara negativt." -> "Beloppet får inte vara negativt (»-5«)."."""
    return f"{message.rstrip('.')} (»{_shown(value)}«)."
