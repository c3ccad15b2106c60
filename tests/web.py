"""Helpers for driving the server-rendered pages through the test client, CSRF and all."""

from __future__ import annotations

import re

_CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def csrf_token(html: str) -> str:
    match = _CSRF.search(html)
    assert match, "the page has no CSRF token field"
    return match.group(1) or match.group(2)


def login(client, email: str, password: str, next_url: str | None = None):
    page = client.get("/login")
    url = "/login" + (f"?next={next_url}" if next_url else "")
    return client.post(url, data={"email": email, "password": password,
                                  "csrf_token": csrf_token(page.get_data(as_text=True))})
