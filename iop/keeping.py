"""What a worker keeps in its memory between requests: a small LRU, by a key that names the
version of what was kept (so a changed thing is a new key, and the old one ages out)."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from flask import current_app


class KeptDiffers(AssertionError):
    """A kept value differs from the one made afresh (only when asked to verify: the test suite)."""


class Kept:
    """At most `size` values, the least recently used dropped first; with `max_age`, a value
    older than that many seconds is not given out. A lock, because the development server runs
    threads."""

    def __init__(self, size: int, max_age: float | None = None):
        self.size, self.max_age = size, max_age
        self.items: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            found = self.items.get(key)
            if found is None:
                return None
            value, kept_at = found
            if self.max_age is not None and time.monotonic() - kept_at > self.max_age:
                del self.items[key]
                return None
            self.items.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        with self.lock:
            self.items[key] = (value, time.monotonic())
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()

    def get_or_make(self, key, make: Callable[[], object], *, keep: bool = True, verify: bool = False):
        """The value kept for `key`, else `make()`'s, kept when `keep` (the moment it was made in is
        settled). With `verify`, a kept value is made afresh too and must equal it."""
        found = self.get(key)
        if found is None:
            found = make()
            if keep:
                self.put(key, found)
        elif verify:
            fresh = make()
            if fresh != found:
                raise KeptDiffers(f"kept for {key!r}: {_where_they_differ(found, fresh)}")
        return found


def of_app(name: str, size_setting: str, age_setting: str | None = None) -> Kept:
    """The app's one Kept called `name`, sized (and aged) by these settings when first asked for."""
    extensions = current_app.extensions
    if name not in extensions:
        config = current_app.config
        extensions[name] = Kept(config[size_setting], max_age=config[age_setting] if age_setting else None)
    return extensions[name]


def _where_they_differ(kept, fresh) -> str:
    kept_text, fresh_text = (value if isinstance(value, str) else repr(value) for value in (kept, fresh))
    where = next((i for i, (a, b) in enumerate(zip(kept_text, fresh_text, strict=False)) if a != b),
                 min(len(kept_text), len(fresh_text)))
    return (f"{kept_text[max(0, where - 200):where + 200]!r} "
            f"(afresh: {fresh_text[max(0, where - 200):where + 200]!r})")
