"""The app as production builds it, plus one bare Flask JSON endpoint to measure it against.

    gunicorn -c gunicorn.conf.py 'bench.app:create_bench_app()'

The bare endpoint exists only in this wrapper, which only the benchmarks pass to gunicorn:
`iop.create_app()` and production routes never have it. It runs through the same app, with
the same before- and after-request hooks (request ids, security headers, logs), so the ratio
measures what reading an agreement adds: token, queries, serialisation.
"""

from __future__ import annotations

from flask import Blueprint, Flask, jsonify

BARE_PATH = "/bench/bare"

bare = Blueprint("bench_bare", __name__)


@bare.get(BARE_PATH)
def bare_json():
    return jsonify({"id": 1, "title": "Läxhjälp i Norra Sjöstad", "status": "active"})


def create_bench_app(config: dict | None = None) -> Flask:
    from iop import create_app

    app = create_app(config)
    app.register_blueprint(bare)
    return app
