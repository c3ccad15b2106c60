"""Sorting names the Swedish way (å, ä, ö after z), the same on SQLite and PostgreSQL."""

from __future__ import annotations

_ORDER = {"å": "z\u0001", "ä": "z\u0002", "ö": "z\u0003", "æ": "z\u0002", "ø": "z\u0003",
          "é": "e", "è": "e", "ü": "y"}


def swedish_key(text: str) -> tuple[str, str]:
    folded = text.casefold()
    return "".join(_ORDER.get(char, char) for char in folded), text
