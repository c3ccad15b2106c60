"""Headless Chromium for the browser tests: where it is, how it starts, and why it may be missing.

Debian's `chromium` driven by Playwright through `executable_path`; Playwright never
downloads a browser of its own here. `.ci/run` installs chromium when it is missing.
"""

from __future__ import annotations

import importlib.util
import os

CHROMIUM = os.environ.get("IOP_TEST_CHROMIUM", "/usr/bin/chromium")
REQUIRE_BROWSER = os.environ.get("IOP_TEST_REQUIRE_BROWSER") == "1"
LAUNCH_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def chromium_problem() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return f"no Chromium executable at {CHROMIUM} (apt-get install chromium, or set IOP_TEST_CHROMIUM)"
    if importlib.util.find_spec("playwright") is None:
        return "the Python package playwright is not installed (pip install -r requirements/test.txt)"
    return None
