"""Words and numbers for people, in Swedish: the one place that formats a figure someone reads.

Documents, the yearly report, e-mails and pages (as Jinja filters, see `FILTERS`) all use it.
Built on Babel's `sv_SE` locale:

    kronor(1234567) == "1\u00a0234\u00a0567 kr"     (no-break spaces between thousands)
    hours(12.25) == "12,25 tim"
    count(1, "överenskommelse", "överenskommelser") == "1 överenskommelse"
    date_long(date(2026, 7, 1)) == "1 juli 2026"
    MISSING == "–"

One rounding rule everywhere: half up (2,5 -> 3; 12,345 -> 12,35), done here before Babel
(which would round half to even). Machine formats (JSON, CSV, XLSX numbers) do not come here.
A missing value (None or blank text) reads as `MISSING` unless the caller names another.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "sv_SE"
MISSING = "–"
NBSP = "\u00a0"
# Babel's sv_SE group separator is U+00A0 in some CLDR versions and U+202F (narrow no-break
# space) in others; the product wants U+00A0 everywhere.
_OTHER_SPACES = str.maketrans({"\u202f": NBSP, "\u2009": NBSP, " ": NBSP})

_WORDS = ("noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv")


class NotANumber(ValueError):
    """A value that should be an amount or a number is something else."""


def is_missing(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def to_decimal(value) -> Decimal:
    """A number from an int, float, Decimal or numeric string (`"1 200,5"` too); else NotANumber."""
    if isinstance(value, bool):
        raise NotANumber(f"{value!r} är inte ett tal")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        cleaned = value.strip().translate(_OTHER_SPACES).replace(NBSP, "").replace(",", ".")
        try:
            number = Decimal(cleaned)
        except InvalidOperation:
            raise NotANumber(f"{value!r} är inte ett tal") from None
    else:
        raise NotANumber(f"{value!r} är inte ett tal")
    if not number.is_finite():
        raise NotANumber(f"{value!r} är inte ett tal")
    return number


def _round(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _digits(value: Decimal, decimals: int, *, fixed: bool = False) -> str:
    """Babel's grouping and decimal comma on a value already rounded half up."""
    rounded = _round(value, decimals)
    fraction = ("0" if fixed else "#") * decimals
    pattern = "#,##0" + (f".{fraction}" if decimals else "")
    text = format_decimal(rounded, format=pattern, locale=LOCALE, decimal_quantization=False)
    return text.translate(_OTHER_SPACES).replace("\u2212", "-")


def number(value, decimals: int = 2, missing: str = MISSING) -> str:
    """`1200` -> `1 200`, `7.5` -> `7,5`, `12.345` -> `12,35`: at most `decimals`, none shown when zero."""
    if is_missing(value):
        return missing
    return _digits(to_decimal(value), decimals)


def kronor(value, missing: str = MISSING) -> str:
    """Whole kronor: `1234567` -> `1 234 567 kr`, `99.5` -> `100 kr`."""
    if is_missing(value):
        return missing
    return f"{_digits(to_decimal(value), 0)} kr"


def kronor_ore(value, missing: str = MISSING) -> str:
    """Kronor and öre, only where öre matter (an amount written into an agreement):
    `250000` -> `250 000 kr`, `1234.5` -> `1 234,50 kr`."""
    if is_missing(value):
        return missing
    amount = to_decimal(value)
    if _round(amount, 2) == amount.to_integral_value():
        return f"{_digits(amount, 0)} kr"
    return f"{_digits(amount, 2, fixed=True)} kr"


def hours(value, missing: str = MISSING) -> str:
    """`12.25` -> `12,25 tim`, `1200` -> `1 200 tim`."""
    if is_missing(value):
        return missing
    return f"{number(value)} tim"


def percent(value, decimals: int = 1, missing: str = MISSING) -> str:
    """A share (0.125) as `12,5 %`, with a no-break space before the sign."""
    if is_missing(value):
        return missing
    return f"{number(to_decimal(value) * 100, decimals)}{NBSP}%"


def count(value, singular: str, plural: str, missing: str = MISSING) -> str:
    """`count(1, "överenskommelse", "överenskommelser")` -> `1 överenskommelse`; 2 -> `2 överenskommelser`."""
    if is_missing(value):
        return missing
    amount = to_decimal(value)
    return f"{number(amount)} {singular if amount == 1 else plural}"


def months(value, missing: str = MISSING) -> str:
    """`1` -> `1 månad`, `3` -> `3 månader`."""
    return count(value, "månad", "månader", missing)


def days(value, missing: str = MISSING) -> str:
    """`1` -> `1 dag`, `30` -> `30 dagar`."""
    return count(value, "dag", "dagar", missing)


def times(value, missing: str = MISSING) -> str:
    """How many times, in words up to twelve: `1` -> `en gång`, `2` -> `två gånger`, `14` -> `14 gånger`."""
    if is_missing(value):
        return missing
    amount = to_decimal(value)
    if amount == amount.to_integral_value() and 0 <= amount < len(_WORDS):
        word = _WORDS[int(amount)]
    else:
        word = number(amount)
    return f"{word} {'gång' if amount == 1 else 'gånger'}"


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


def date_iso(value, missing: str = MISSING) -> str:
    """`2026-07-01`, for tables and lists. Text that is not a date is shown as it is."""
    if is_missing(value):
        return missing
    day = parse_date(value)
    return str(value) if day is None else day.isoformat()


def date_long(value, missing: str = MISSING, *, weekday: bool = False) -> str:
    """`1 juli 2026` (with `weekday`: `onsdag 1 juli 2026`). Text that is not a date is shown as it is."""
    if is_missing(value):
        return missing
    day = parse_date(value)
    if day is None:
        return str(value)
    return format_date(day, "EEEE d MMMM y" if weekday else "d MMMM y", locale=LOCALE)


def join_names(names, missing: str = MISSING) -> str:
    """`["A", "B", "C"]` -> `A, B och C`."""
    names = [str(n) for n in names if not is_missing(n)]
    if not names:
        return missing
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} och {names[-1]}"


# The Swedish label of every enum a person reads, one label per thing, by group and stored value.
LABELS: dict[str, dict[str, str]] = {
    "agreement_kind": {"iop": "IOP", "annual": "Årlig överenskommelse"},
    "agreement_status": {
        "draft": "Utkast",
        "in_review": "Under juridisk granskning",
        "approved": "Godkänd",
        "active": "Gällande",
        "expired": "Upphörd (löpt ut)",
        "terminated": "Uppsagd",
        "withdrawn": "Återkallad",
    },
    "party": {"municipality": "Kommunen", "organisation": "Organisationen"},
    "resource_type": {
        "money": "Ekonomiskt bidrag",
        "premises": "Lokaler",
        "staff_hours": "Personaltimmar",
        "volunteer_hours": "Ideella timmar",
        "in_kind": "Annat i natura",
    },
    "per": {"year": "per år", "total": "totalt"},
    "initiative_status": {
        "received": "Mottaget",
        "in_network": "I nätverkets kö",
        "assigned": "Tilldelat en ansvarig förvaltning",
        "closed": "Avslutat",
    },
    "initiative_outcome": {
        "answered": "Besvarat",
        "declined": "Avböjt",
        "agreement": "Blev en överenskommelse",
        "grant": "Blev ett föreningsbidrag",
        "not_municipal": "Inte en kommunal angelägenhet",
    },
    "review_decision": {"approve": "Godkänd", "request_changes": "Ändringar begärda"},
    "reminder_kind": {
        "notice_deadline": "Sista dag att säga upp överenskommelsen",
        "end_date": "Överenskommelsen upphör",
        "follow_up": "Uppföljning",
        "milestone": "Milstolpe",
    },
    "reminder_kind_short": {
        "notice_deadline": "sista dag att säga upp",
        "end_date": "upphör",
        "follow_up": "uppföljning",
        "milestone": "milstolpe",
    },
    "message_status": {"pending": "Väntar på att skickas", "sent": "Skickad", "failed": "Misslyckades",
                       "cancelled": "Återkallad"},
    "role": {"admin": "Administratör", "coordinator": "Samordnare", "officer": "Handläggare",
             "legal": "Kommunjurist", "viewer": "Läsbehörighet"},
    "legal_form": {
        "ideell_forening": "Ideell förening",
        "stiftelse": "Stiftelse",
        "trossamfund": "Registrerat trossamfund",
        "ekonomisk_forening": "Ekonomisk förening (socialt företag)",
        "aktiebolag": "Aktiebolag med särskild vinstutdelningsbegränsning",
        "handelsbolag": "Handelsbolag",
        "kommanditbolag": "Kommanditbolag",
        "other": "Annan form",
    },
    "yes_no": {"True": "Ja", "False": "Nej", "None": "Oklart"},
}


def label(value, group: str, missing: str = MISSING) -> str:
    """The Swedish label of `value` (an enum member or its stored value) in `group`; an unknown
    value is shown as it is."""
    if group != "yes_no" and is_missing(value):
        return missing
    key = value.value if isinstance(value, enum.Enum) else str(value)
    return LABELS[group].get(key, key)


def labels(enum_class: type[enum.Enum], group: str) -> dict:
    """`{member: label}` for every member of an enum, in its order: for choices and lookups."""
    return {member: label(member, group) for member in enum_class}


FILTERS = {
    "kronor": kronor,
    "kronor_ore": kronor_ore,
    "hours": hours,
    "number": number,
    "percent": percent,
    "count": count,
    "months": months,
    "days": days,
    "times": times,
    "date_iso": date_iso,
    "date_long": date_long,
    "join_names": join_names,
    "label": label,
}
