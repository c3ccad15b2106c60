"""Limits on JSON request bodies, checked before anything parses them.

Python's json raises RecursionError (a 500) on arrays nested some thousand levels deep, and
webargs reads the body with json.loads itself, past Flask's provider; so the body's size
(413) and nesting (400) are checked here, once, for every request that says it is JSON.
No request the API documents is more than a few levels deep.
"""

from __future__ import annotations

import re

from flask import Flask, current_app, request
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge

MAX_JSON_BYTES = 1024 * 1024
MAX_JSON_DEPTH = 32
_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)
_OPENERS = frozenset(b"[{")


def json_depth(body: bytes, limit: int) -> int:
    """How deep arrays and objects nest in `body` (brackets inside strings do not count);
    stops counting once past `limit`."""
    depth = deepest = 0
    for token in _TOKENS.finditer(body):
        first = token.group()[0]
        if first in _OPENERS:
            depth += 1
            deepest = max(deepest, depth)
            if deepest > limit:
                break
        elif first != 0x22:  # a closing bracket, not a string
            depth -= 1
    return deepest


def check_json_body() -> None:
    if not request.is_json:
        return
    limit = int(current_app.config.get("MAX_JSON_BYTES", MAX_JSON_BYTES))
    if request.content_length is not None and request.content_length > limit:
        raise RequestEntityTooLarge(f"JSON-kroppen är för stor: högst {limit // 1024} kB.")
    body = request.get_data(cache=True)
    if len(body) > limit:
        raise RequestEntityTooLarge(f"JSON-kroppen är för stor: högst {limit // 1024} kB.")
    if json_depth(body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
        raise BadRequest(f"JSON-kroppen är för djupt nästlad: högst {MAX_JSON_DEPTH} nivåer.")


def install(app: Flask) -> None:
    app.before_request(check_json_body)
