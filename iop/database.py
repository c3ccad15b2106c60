"""Connection settings that make SQLite behave like a database worth trusting with records."""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event


def private_file(path: Path) -> None:
    """Make `path` readable by this user only (0600), creating it empty when missing.

    SQLite creates a database with the umask's mode (often world-readable) and gives its
    -wal and -shm files the database file's mode: creating the file first keeps all three private.
    """
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)


def configure_sqlite(engine: sa.Engine) -> None:
    """WAL, foreign keys, a busy timeout and full durability on every SQLite connection.

    pysqlite also starts transactions lazily (only before writes), which breaks
    SAVEPOINT and lets reads see half of another transaction's work; SQLAlchemy's
    documented fix is to turn that off and emit BEGIN ourselves.
    """
    if engine.dialect.name != "sqlite":
        return
    if engine.url.database and engine.url.database != ":memory:":
        private_file(Path(engine.url.database))

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, connection_record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        # FULL: a committed agreement survives a power cut, not only a process crash.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()
        # SQLite's own lower() folds ASCII only; searches must find "Årsta" by "år" as PostgreSQL does.
        dbapi_connection.create_function("lower", 1, _lower, deterministic=True)

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        connection.exec_driver_sql("BEGIN")


def unreachable_reason(url: str) -> str | None:
    """Why the database server at `url` does not answer (class and message), or None when it does.

    The tests and benchmarks ask before they create a throwaway database, to skip loudly."""
    engine = sa.create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError as error:
        return f"{error.__class__.__name__}: {str(getattr(error, 'orig', error)).strip()}"
    finally:
        engine.dispose()
    return None


def _lower(value):
    return value.lower() if isinstance(value, str) else value


LIKE_ESCAPE = "\\"


def like_pattern(text: str) -> str:
    """A LIKE pattern (with escape=LIKE_ESCAPE) that finds `text` anywhere, lower-cased: a
    %, _ or backslash someone searches for is taken literally, not as a wildcard."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
