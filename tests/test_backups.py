"""`iop backup` and `iop restore` for SQLite: a consistent copy while the service runs, no accidents."""

import sqlite3

import pytest
from flask_migrate import upgrade

from iop.extensions import db
from iop.organisations import services
from tests.conftest import app_config


@pytest.fixture
def sqlite_app(make_app, tmp_path):
    """A service on its own SQLite file, whatever database the suite runs on."""
    app = make_app(app_config(f"sqlite:///{tmp_path / 'iop.sqlite3'}"))
    with app.app_context():
        upgrade()
        services.create_organisation(name="Läxhjälpen", org_number="802456-1238",
                                     legal_form="ideell_forening")
        db.session.commit()
    return app


def names(path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("SELECT name FROM organisations ORDER BY id")]
    finally:
        connection.close()


def test_a_backup_taken_while_a_write_is_under_way_holds_the_committed_data_only(sqlite_app, tmp_path):
    writer = sqlite3.connect(tmp_path / "iop.sqlite3")
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO organisations (name, org_number, legal_form, created_at, updated_at, "
                   "version) VALUES ('Halvfärdig', '802471-9653', 'stiftelse', '2026-01-01', "
                   "'2026-01-01', 1)")
    try:
        result = sqlite_app.test_cli_runner().invoke(args=["backup", str(tmp_path / "kopia.sqlite3")])
    finally:
        writer.rollback()
        writer.close()
    assert result.exit_code == 0, result.output
    assert names(tmp_path / "kopia.sqlite3") == ["Läxhjälpen"]
    assert not (tmp_path / "kopia.sqlite3.part").exists()


def test_a_backup_does_not_overwrite_a_file_without_force(sqlite_app, tmp_path):
    target = tmp_path / "kopia.sqlite3"
    target.write_text("viktigt")
    result = sqlite_app.test_cli_runner().invoke(args=["backup", str(target)])
    assert result.exit_code == 1 and "--force" in result.output
    assert target.read_text() == "viktigt"
    assert sqlite_app.test_cli_runner().invoke(args=["backup", str(target), "--force"]).exit_code == 0


def test_restore_refuses_to_replace_a_database_with_data_unless_forced(sqlite_app, tmp_path):
    runner = sqlite_app.test_cli_runner()
    runner.invoke(args=["backup", str(tmp_path / "kopia.sqlite3")])
    with sqlite_app.app_context():
        services.create_organisation(name="Efter kopian", org_number="802471-9653", legal_form="stiftelse")
        db.session.commit()

    refused = runner.invoke(args=["restore", str(tmp_path / "kopia.sqlite3")])
    assert refused.exit_code == 1 and "--force" in refused.output
    assert names(tmp_path / "iop.sqlite3") == ["Läxhjälpen", "Efter kopian"]

    restored = runner.invoke(args=["restore", str(tmp_path / "kopia.sqlite3"), "--force"])
    assert restored.exit_code == 0, restored.output
    assert "schemaversion" in restored.output
    assert names(tmp_path / "iop.sqlite3") == ["Läxhjälpen"]
    with sqlite_app.app_context():  # the running app reads the restored data
        assert [o.name for o in db.session.scalars(services.list_organisations())] == ["Läxhjälpen"]


def test_restore_into_an_empty_instance_needs_no_force(sqlite_app, make_app, tmp_path):
    sqlite_app.test_cli_runner().invoke(args=["backup", str(tmp_path / "kopia.sqlite3")])
    fresh = make_app(app_config(f"sqlite:///{tmp_path / 'ny.sqlite3'}"))
    result = fresh.test_cli_runner().invoke(args=["restore", str(tmp_path / "kopia.sqlite3")])
    assert result.exit_code == 0, result.output
    assert names(tmp_path / "ny.sqlite3") == ["Läxhjälpen"]


def test_restore_refuses_a_file_that_is_not_an_iop_backup(sqlite_app, tmp_path):
    junk = tmp_path / "inte-en-kopia.sqlite3"
    junk.write_bytes(b"SQLite format 2? nej" * 100)
    result = sqlite_app.test_cli_runner().invoke(args=["restore", str(junk), "--force"])
    assert result.exit_code == 1 and "ingen SQLite-databas" in result.output
    assert names(tmp_path / "iop.sqlite3") == ["Läxhjälpen"]


def test_postgresql_is_backed_up_with_pg_dump(make_app, tmp_path):
    app = make_app(app_config("postgresql+psycopg://postgres@127.0.0.1:5432/iop"))
    result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "kopia.dump")])
    assert result.exit_code == 1 and "pg_dump" in result.output


def test_a_backup_is_readable_by_the_service_user_only(sqlite_app, tmp_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        result = sqlite_app.test_cli_runner().invoke(args=["backup", str(tmp_path / "kopia.sqlite3")])
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE((tmp_path / "kopia.sqlite3").stat().st_mode) == 0o600
