"""Peak resident memory of this process, as Linux counts it.

`resource.getrusage().ru_maxrss` is the wrong figure for a child started with subprocess: Linux
keeps the high-water mark across fork and exec, so the child reports the parent's peak (seen
here: 403 MB for a report that never went above 160 MB). VmHWM in /proc/self/status belongs to
the process's own memory map, and writing 5 to /proc/self/clear_refs resets it.
"""

from __future__ import annotations

import resource
from pathlib import Path

STATUS = Path("/proc/self/status")


def reset_peak() -> None:
    """Start counting the peak from the current resident size (where Linux allows it)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def peak_rss_mb() -> float:
    if STATUS.exists():
        for line in STATUS.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    if STATUS.exists():
        for line in STATUS.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
