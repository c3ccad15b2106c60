"""Bounded HTTP load on 127.0.0.1: wrk when it is installed, else a small Python client.

Both keep `connections` requests in flight for `seconds` and answer the rate and the 99th
percentile latency. wrk (Debian package `wrk`, C) is what DESIGN.md's baselines were measured
with; the Python fallback needs the same CPU as the server it measures on a two-core machine,
so its absolute figures are lower, but ratios measured with it in one run still compare.
"""

from __future__ import annotations

import http.client
import re
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass(frozen=True)
class Load:
    requests_per_second: float
    p99_ms: float
    requests: int
    failures: int  # non-2xx answers and socket errors
    tool: str
    p50_ms: float = float("nan")


def have_wrk() -> bool:
    return shutil.which("wrk") is not None


def run_load(url: str, *, headers: dict[str, str], connections: int = 32, seconds: float = 5,
             max_requests: int | None = None, tool: str = "auto") -> Load:
    """Load one URL; `max_requests` bounds the Python client (wrk is bounded by time)."""
    if tool == "wrk" or (tool == "auto" and have_wrk() and max_requests is None):
        return _wrk(url, headers, connections, seconds)
    return _python(url, headers, connections, seconds, max_requests)


def _wrk(url: str, headers: dict[str, str], connections: int, seconds: float) -> Load:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{max(int(seconds), 1)}s", "--latency",
               "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run(command + [url], capture_output=True, text=True, check=True,
                         timeout=seconds + 30).stdout
    p99 = re.search(r"^\s*99%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    p50 = re.search(r"^\s*50%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", out, re.M)
    total = re.search(r"^\s*(\d+) requests in", out, re.M)
    if not (p99 and p50 and rate and total):
        raise RuntimeError(f"unexpected wrk output:\n{out}")
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    # Read errors are the sync workers closing each connection after answering: not failures.
    failures = int(bad.group(1)) if bad else 0
    if errors:
        failures += int(errors.group(1)) + int(errors.group(4))
    return Load(float(rate.group(1)), float(p99.group(1)) * UNITS[p99.group(2)], int(total.group(1)),
                failures, "wrk", float(p50.group(1)) * UNITS[p50.group(2)])


def _python(url: str, headers: dict[str, str], connections: int, seconds: float,
            max_requests: int | None) -> Load:
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    deadline = time.monotonic() + seconds
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    budget = [max_requests if max_requests is not None else 10**9]

    def worker() -> None:
        while time.monotonic() < deadline:
            with lock:
                if budget[0] <= 0:
                    return
                budget[0] -= 1
            begun = time.perf_counter()
            try:
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                connection.close()
                ok = 200 <= response.status < 300
            except OSError:
                ok = False
            with lock:
                latencies.append((time.perf_counter() - begun) * 1000)
                failures[0] += 0 if ok else 1

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else float("nan")
    p50 = latencies[len(latencies) // 2] if latencies else float("nan")
    return Load(len(latencies) / elapsed, p99, len(latencies), failures[0], "python", p50)
