"""Throwaway databases for the benchmarks: a SQLite file in a temporary directory, or a database
created on the PostgreSQL server (IOP_BENCH_PG_URL, else the one the tests use) and dropped after."""

from __future__ import annotations

import os
import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from iop.database import unreachable_reason

PG_SERVER_URL = os.environ.get(
    "IOP_BENCH_PG_URL", os.environ.get("IOP_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"))


def postgresql_problem() -> str | None:
    """Why the PostgreSQL server cannot be used (its rows are then skipped), or None."""
    return unreachable_reason(PG_SERVER_URL)


@contextmanager
def throwaway_database(backend: str, label: str) -> Iterator[str]:
    """The URL of an empty database that is gone after the block."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix=f"iop-bench-{label}-") as tmp:
            yield f"sqlite:///{tmp}/{label}.sqlite3"
        return
    name = f"iop_bench_{label}_{os.getpid()}_{secrets.token_hex(3)}".lower()
    server = sa.create_engine(PG_SERVER_URL, isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
        try:
            yield PG_SERVER_URL.rsplit("/", 1)[0] + "/" + name
        finally:
            with server.connect() as connection:
                connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        server.dispose()


@contextmanager
def migrated_app(url: str, instance_path: str | None = None, **config) -> Iterator:
    """An app on `url` with the schema upgraded, inside its app context; connections closed after."""
    from flask_migrate import upgrade

    from iop import create_app
    from iop.extensions import db

    instance = instance_path or tempfile.mkdtemp(prefix="iop-bench-instance-")
    os.environ.setdefault("IOP_INSTANCE_PATH", instance)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "ARCHIVE_PDFA": "off",
                      "LOG_LEVEL": "warning", **config})
    with app.app_context():
        upgrade()
        try:
            yield app
        finally:
            db.session.remove()
            db.engine.dispose()
