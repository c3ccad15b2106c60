"""`iop backup FILE` and `iop restore FILE` for the SQLite database.

The backup uses SQLite's online backup API: one consistent snapshot, taken while the
service keeps running (WAL mode lets it go on writing). PostgreSQL has its own tools,
pg_dump and pg_restore (README, "Drift").
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext

from iop.commands import cli_command
from iop.database import private_file

PG_HINT = ("IOP_DATABASE_URL pekar på PostgreSQL: säkerhetskopiera med pg_dump och läs tillbaka med "
           "pg_restore (se README, avsnittet Drift).")


class BackupError(click.ClickException):
    """A backup or restore that cannot be done; the message is Swedish, for the operator."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = "Fel: " + message


def database_file() -> Path:
    """The SQLite file the app uses; refuse anything else."""
    url = sa.engine.make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "sqlite":
        raise BackupError(PG_HINT)
    if not url.database or url.database == ":memory:":
        raise BackupError("Databasen finns bara i minnet; det finns inget att säkerhetskopiera.")
    return Path(url.database)


def backup_sqlite(*, source: Path, target: Path) -> None:
    """Copy the live database to `target` as one consistent snapshot, atomically."""
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    private_file(partial)  # a copy of every record: 0600 like the database
    with _connect(source) as src, _connect(partial) as dst:
        src.backup(dst)  # all pages in one step: a single read transaction, so one moment's data
        _check(dst, partial)
    _sync(partial)
    os.replace(partial, target)


def restore_sqlite(*, source: Path, target: Path) -> str:
    """Replace the database at `target` with the backup `source`; returns the backup's schema revision."""
    with _connect(source) as src:
        _check(src, source)
        revision = _revision(src, source)
        private_file(target)
        with _connect(target) as dst:
            src.backup(dst)
    return revision


def database_has_data(path: Path) -> bool:
    if not path.exists() or path.stat().st_size == 0:
        return False
    with _connect(path) as connection:
        return connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchone()[0] > 0


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=30)
    return _Closing(connection)


class _Closing:
    """sqlite3's own context manager commits but does not close; this closes."""

    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection

    def __enter__(self) -> sqlite3.Connection:
        return self.connection

    def __exit__(self, *exc) -> None:
        self.connection.close()


def _check(connection: sqlite3.Connection, path: Path) -> None:
    try:
        result = connection.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} är ingen SQLite-databas ({error}).") from error
    if result != "ok":
        raise BackupError(f"{path} är skadad: {result}")


def _revision(connection: sqlite3.Connection, path: Path) -> str:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} är ingen säkerhetskopia av IOP (ingen schemaversion).") from error
    if row is None:
        raise BackupError(f"{path} är ingen säkerhetskopia av IOP (ingen schemaversion).")
    return row[0]


def _sync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Skriv över FILE om den finns.")
@with_appcontext
@cli_command
def backup_command(file: Path, force: bool):
    """Säkerhetskopiera SQLite-databasen till FILE; går bra medan tjänsten kör."""
    source = database_file()
    if file.exists() and not force:
        raise BackupError(f"{file} finns redan. Välj ett annat namn eller använd --force.")
    backup_sqlite(source=source, target=file)
    click.echo(f"Säkerhetskopia av {source} skriven till {file}.")


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Ersätt en databas som redan har innehåll.")
@with_appcontext
@cli_command
def restore_command(file: Path, force: bool):
    """Läs tillbaka en säkerhetskopia (stoppa tjänsten först); ersätter databasen helt."""
    target = database_file()
    if database_has_data(target) and not force:
        raise BackupError(f"Databasen {target} har redan innehåll. Stoppa tjänsten och använd --force "
                          "om den ska ersättas av säkerhetskopian.")
    from iop.extensions import db

    db.engine.dispose()  # no connection of ours holds the old file open while it is replaced
    revision = restore_sqlite(source=file, target=target)
    click.echo(f"Databasen {target} är återställd från {file} (schemaversion {revision}). "
               "Kör `iop db upgrade` om säkerhetskopian är från en äldre version.")
