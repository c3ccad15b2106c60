"""Numbers as a Swedish reader expects them: 1 250 000 and 12,5 (no-break space between thousands)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"


def format_number(value, decimals: int | None = None) -> str:
    """`1250000` -> "1 250 000"; `12.5` -> "12,50"; None -> "–"."""
    if value is None:
        return "–"
    amount = Decimal(str(value))
    if decimals is None:
        decimals = 0 if amount == amount.to_integral_value() else 2
    amount = amount.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{amount:,.{decimals}f}"
    return text.replace(",", NBSP).replace(".", ",")


def format_sek(value) -> str:
    return "–" if value is None else f"{format_number(value)}{NBSP}kr"
