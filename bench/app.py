"""The app as production builds it, plus one bare Flask JSON endpoint to measure it against.

    gunicorn -c gunicorn.conf.py 'bench.app:create_bench_app()'

The bare endpoint exists only in this wrapper, which only the benchmarks pass to gunicorn:
`iop.create_app()` and production routes never have it. It runs through the same app, with
the same before- and after-request hooks (request ids, security headers, logs), so the ratio
measures what reading an agreement adds: token, queries, serialisation.
"""

from __future__ import annotations

import os
import pickle
from functools import cache
from pathlib import Path

from flask import Blueprint, Flask, abort, jsonify

BARE_PATH = "/bench/bare"
# The bare endpoint plus the statements one read ran (captured by bench.api and handed over in
# a file): where a read stays short of its target, this shows how much of it the queries are.
SAME_PATH = "/bench/same-queries/{name}"
SAME_QUERIES_ENV = "IOP_BENCH_SAME_QUERIES"
SAME_READS = ("one", "page", "web")

bare = Blueprint("bench_bare", __name__)


@bare.get(BARE_PATH)
def bare_json():
    return jsonify({"id": 1, "title": "Läxhjälp i Norra Sjöstad", "status": "active"})


@cache
def _statements() -> dict[str, list]:
    path = os.environ.get(SAME_QUERIES_ENV)
    return pickle.loads(Path(path).read_bytes()) if path else {}


@bare.get(SAME_PATH.format(name="<name>"))
def same_queries(name: str):
    from iop.extensions import db

    statements = _statements().get(name)
    if statements is None:
        abort(404)
    connection = db.engine.raw_connection()
    try:
        cursor = connection.cursor()
        for statement, parameters in statements:
            cursor.execute(statement, parameters)
            if cursor.description:
                cursor.fetchall()
        connection.rollback()  # a read may touch a session or a token: leave nothing behind
    finally:
        connection.close()
    return jsonify({"id": 1, "title": "Läxhjälp i Norra Sjöstad", "status": "active"})


def create_bench_app(config: dict | None = None) -> Flask:
    from iop import create_app

    app = create_app(config)
    app.register_blueprint(bare)
    return app
