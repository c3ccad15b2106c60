"""Sorting names the Swedish way (å, ä, ö after z), the same on SQLite and PostgreSQL."""

from __future__ import annotations

from functools import lru_cache

_ORDER = str.maketrans({"å": "z\u0001", "ä": "z\u0002", "ö": "z\u0003", "æ": "z\u0002", "ø": "z\u0003",
                        "é": "e", "è": "e", "ü": "y"})


@lru_cache(maxsize=65536)
def swedish_key(text: str) -> tuple[str, str]:
    return text.casefold().translate(_ORDER), text
