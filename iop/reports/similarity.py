"""When two grant purposes are "similar": a rule simple enough to explain to the board.

A purpose is reduced to its meaningful words: lower case, punctuation and numbers removed,
small function words (och, för, till, ...) and words under three letters dropped, and every
word cut to its first six letters, so that "läxhjälp" and "läxhjälpen" or "ungdomar" and
"ungdomsverksamhet" count as the same word. Two purposes are similar when they share at
least half of the words of the shorter one, and at least two words (one, when the shorter
purpose has only one). The score is the share of the shorter purpose's words found in the
other. It flags a pair for a person to look at; it decides nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

THRESHOLD = 0.5
STEM_LENGTH = 6
MIN_WORD_LENGTH = 3

STOP_WORDS = frozenset("""
och att det som en ett den de för från till med mot utan vid inom under över efter genom
samt eller men även hos kring mellan per på av om är var vara blir bli har hade ska skall
kan kunna sina sitt sin deras dess alla andra annat annan vår våra denna detta dessa
""".split())

_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=4096)
def stems(purpose: str) -> dict[str, str]:
    """The purpose's meaningful words, as {stem: first word that had it}."""
    found: dict[str, str] = {}
    for word in _WORD.findall(purpose.casefold()):
        if len(word) < MIN_WORD_LENGTH or word in STOP_WORDS:
            continue
        found.setdefault(word[:STEM_LENGTH], word)
    return found


@lru_cache(maxsize=65536)
def purpose_words(purpose: str) -> frozenset[str]:
    """The stems of the purpose's meaningful words (a quick test: two purposes that share none are
    not similar); kept for as many purposes as `similarity` keeps pairs."""
    return frozenset(stems(purpose))


@lru_cache(maxsize=65536)
def similarity(first: str, second: str) -> tuple[float, tuple[str, ...]]:
    """The share of the shorter purpose's words in the other (0 when the rule is not met), and
    the shared words (as written in the first)."""
    a, b = stems(first), stems(second)
    if not a or not b:
        return 0.0, ()
    shared = a.keys() & b.keys()
    shorter = min(len(a), len(b))
    if len(shared) < min(2, shorter):
        return 0.0, ()
    return len(shared) / shorter, tuple(sorted(a[stem] for stem in shared))


def similar(first: str, second: str) -> bool:
    return similarity(first, second)[0] >= THRESHOLD
