"""Swedish formats for agreement documents, registered as Jinja filters on the Word templates.

`250 000 kr` (plain spaces between thousands), `1 200 timmar`, `31 mars 2027`, `6 månader`.
Filters return plain text; the renderer escapes it. A missing value (None or "") shows as
`missing` (an en dash unless the template says otherwise), so a half-filled draft still renders.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

MISSING = "–"

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december")

PARTY_LABELS = {"municipality": "Kommunen", "organisation": "Organisationen"}

RESOURCE_TYPE_LABELS = {
    "money": "Pengar",
    "premises": "Lokaler",
    "staff_hours": "Personaltimmar",
    "volunteer_hours": "Ideella timmar",
    "in_kind": "Annat i natura",
}

PER_LABELS = {"year": "per år", "total": "totalt"}

_COUNT_WORDS = ("noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio",
                "elva", "tolv")


class NotANumber(ValueError):
    """A value that should be an amount or a number of hours is something else."""


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def to_decimal(value) -> Decimal:
    """A number from an int, float, Decimal or numeric string; anything else is refused."""
    if isinstance(value, bool):
        raise NotANumber(f"{value!r} är inte ett tal")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip().replace(" ", "").replace(",", "."))
        except InvalidOperation:
            raise NotANumber(f"{value!r} är inte ett tal") from None
    else:
        raise NotANumber(f"{value!r} är inte ett tal")
    if not number.is_finite():
        raise NotANumber(f"{value!r} är inte ett tal")
    return number


def group_digits(number: Decimal, decimals: int) -> str:
    """`1234567.5`, 2 -> `1 234 567,50`: space between thousands, comma before decimals."""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = number.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = sign + " ".join(groups)
    return f"{text},{fraction}" if fraction else text


def number(value, missing: str = MISSING) -> str:
    """A plain number in Swedish form: `1 200`, `7,5`."""
    if _is_missing(value):
        return missing
    amount = to_decimal(value)
    if amount == amount.to_integral_value():
        return group_digits(amount, 0)
    return group_digits(amount, 2).rstrip("0").rstrip(",")


def sek(value, missing: str = MISSING) -> str:
    """`250000` -> `250 000 kr`; öre only when there are any: `1 234,50 kr`."""
    if _is_missing(value):
        return missing
    amount = to_decimal(value)
    decimals = 0 if amount == amount.to_integral_value() else 2
    return f"{group_digits(amount, decimals)} kr"


def hours(value, missing: str = MISSING) -> str:
    """`1200` -> `1 200 timmar`, `1` -> `1 timme`."""
    if _is_missing(value):
        return missing
    return f"{number(value)} {'timme' if to_decimal(value) == 1 else 'timmar'}"


def months(value, missing: str = MISSING) -> str:
    """`6` -> `6 månader`, `1` -> `1 månad`."""
    if _is_missing(value):
        return missing
    return f"{number(value)} {'månad' if to_decimal(value) == 1 else 'månader'}"


def times(value, missing: str = MISSING) -> str:
    """`1` -> `en gång`, `2` -> `två gånger`, `14` -> `14 gånger`."""
    if _is_missing(value):
        return missing
    count = to_decimal(value)
    if count == count.to_integral_value() and 0 <= count < len(_COUNT_WORDS):
        word = _COUNT_WORDS[int(count)]
    else:
        word = number(count)
    return f"{word} {'gång' if count == 1 else 'gånger'}"


def parse_date(value) -> date | None:
    """A date from a date, a datetime or an ISO string; None when it is none of these."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def long_date(value, missing: str = MISSING) -> str:
    """`2027-03-31` -> `31 mars 2027`. Text that is not a date is shown as it is."""
    if _is_missing(value):
        return missing
    day = parse_date(value)
    if day is None:
        return str(value)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def add_months(day: date, count: int) -> date:
    """`day` moved by `count` months, kept within the month: 31 Dec - 6 months = 30 June."""
    index = day.year * 12 + day.month - 1 + count
    year, month = divmod(index, 12)
    month += 1
    next_month = date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_month - date(year, month, 1)).days
    return date(year, month, min(day.day, last_day))


def party_label(value, missing: str = MISSING) -> str:
    """`municipality` -> `Kommunen`, `organisation` -> `Organisationen`."""
    if _is_missing(value):
        return missing
    return PARTY_LABELS.get(str(value), str(value))


def resource_type_label(value, missing: str = MISSING) -> str:
    """`volunteer_hours` -> `Ideella timmar`; an unknown type is shown as it is."""
    if _is_missing(value):
        return missing
    return RESOURCE_TYPE_LABELS.get(str(value), str(value))


def per_label(value, missing: str = MISSING) -> str:
    """`year` -> `per år`, `total` -> `totalt`."""
    if _is_missing(value):
        return missing
    return PER_LABELS.get(str(value), str(value))


def join_names(names, missing: str = MISSING) -> str:
    """`["A", "B", "C"]` -> `A, B och C`."""
    names = [str(n) for n in names if not _is_missing(n)]
    if not names:
        return missing
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} och {names[-1]}"


FILTERS = {
    "sek": sek,
    "hours": hours,
    "months": months,
    "times": times,
    "number": number,
    "long_date": long_date,
    "party_label": party_label,
    "resource_type_label": resource_type_label,
    "per_label": per_label,
    "join_names": join_names,
}
