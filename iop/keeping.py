"""What a worker keeps in its memory between requests: a small LRU, by a key that names the
version of what was kept (so a changed thing is a new key, and the old one ages out)."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict


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
