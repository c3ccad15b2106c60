"""Amounts in kronor as Swedish files write them, and as JSON shows them.

Accepted: `250000`, `250 000`, `250 000,50`, `250000.50`, `1 250 000 kr`. Spaces (also
no-break and thin spaces) separate thousands; a comma or a point separates at most two
decimals (öre). `250.000` and `250,000` are refused: as a Swede and as an English
speaker would read them they mean different amounts, and guessing would be worse than asking.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

MAX_AMOUNT = Decimal("999999999999.99")  # Numeric(14, 2)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_SHAPE = re.compile(r"^(\d+)(?:[.,](\d{1,2}))?$")
_CURRENCY = re.compile(r"(?i)\s*(kr|sek|:-)\.?$")
ORE = Decimal("0.01")


class AmountError(ValueError):
    """The text is not an amount in kronor; the message is Swedish and says why."""


def parse_amount(value) -> Decimal:
    """A non-negative amount in kronor with at most two decimals, from a cell's value."""
    if isinstance(value, bool):
        raise AmountError("Ange beloppet i kronor, t.ex. 250000 eller 250 000,50.")
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        amount = Decimal(repr(value))  # a spreadsheet's number: its shortest text is what was typed
    else:
        amount = _parse_text(str(value))
    if not amount.is_finite():
        raise AmountError("Ange beloppet i kronor, t.ex. 250000 eller 250 000,50.")
    if amount < 0:
        raise AmountError("Beloppet får inte vara negativt.")
    if amount > MAX_AMOUNT:
        raise AmountError("Beloppet är orimligt stort.")
    return amount.quantize(ORE, rounding=ROUND_HALF_UP)


def _parse_text(text: str) -> Decimal:
    compact = _SPACES.sub("", _CURRENCY.sub("", text.strip()))
    negative = compact.startswith(("-", "\u2212"))
    match = _SHAPE.match(compact.lstrip("-\u2212"))
    if not match:
        raise AmountError("Ange beloppet i kronor, t.ex. 250000 eller 250 000,50 "
                          "(mellanslag mellan tusental, komma före ören).")
    try:
        amount = Decimal(f"{match.group(1)}.{match.group(2) or '0'}")
    except InvalidOperation as error:  # pragma: no cover - the pattern admits only digits
        raise AmountError("Ange beloppet i kronor.") from error
    return -amount if negative else amount


def as_json_number(value: Decimal | float | int | None) -> int | float | None:
    """Money for JSON: a whole number of kronor as an integer, else rounded to öre."""
    if value is None:
        return None
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    amount = value.quantize(ORE, rounding=ROUND_HALF_UP)
    return int(amount) if amount == amount.to_integral_value() else float(amount)
