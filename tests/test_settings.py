import os
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa

from iop import create_app
from iop.config import ConfigError, parse_reminder_days


def test_environment_variables_override_the_defaults(monkeypatch, tmp_path):
    monkeypatch.setenv("IOP_SMTP_PORT", "2525")
    monkeypatch.setenv("IOP_SMTP_PASSWORD", "12345")
    monkeypatch.setenv("IOP_REMINDER_DAYS", "60, 14")
    monkeypatch.setenv("IOP_SMTP_SECURITY", "STARTTLS")
    monkeypatch.setenv("IOP_BASE_URL", "https://iop.kommun.se/")
    monkeypatch.setenv("IOP_INSTANCE_PATH", str(tmp_path))
    app = create_app({"SECRET_KEY": "x"})
    assert app.config["SMTP_PORT"] == 2525
    assert app.config["SMTP_PASSWORD"] == "12345"  # a password of digits stays a string
    assert app.config["REMINDER_DAYS"] == (60, 14)
    assert app.config["SMTP_SECURITY"] == "starttls"
    assert app.config["BASE_URL"] == "https://iop.kommun.se"


def test_a_bad_setting_stops_start_up_naming_the_variable(monkeypatch, tmp_path):
    monkeypatch.setenv("IOP_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("IOP_SMTP_PORT", "tjugofem")
    with pytest.raises(ConfigError, match="IOP_SMTP_PORT"):
        create_app()


@pytest.mark.parametrize("value", ["", "90,-1", "nittio"])
def test_reminder_days_must_be_whole_non_negative_days(value):
    with pytest.raises(ConfigError, match="IOP_REMINDER_DAYS"):
        parse_reminder_days(value)


def test_a_libpq_style_postgresql_url_uses_psycopg_3(tmp_path, monkeypatch):
    monkeypatch.setenv("IOP_INSTANCE_PATH", str(tmp_path))
    app = create_app({"DATABASE_URL": "postgresql://postgres@127.0.0.1/x", "SECRET_KEY": "x"})
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql+psycopg://")


def test_the_default_database_is_a_sqlite_file_in_the_instance_folder_with_safe_settings(
        tmp_path, monkeypatch):
    monkeypatch.setenv("IOP_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("IOP_DATABASE_URL", raising=False)
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'iop.sqlite3'}"
    from iop.extensions import db

    with app.app_context(), db.engine.connect() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") == 30000
        assert pragma("synchronous") == 2  # FULL
        connection.execute(sa.text("SELECT 1"))
    with app.app_context():
        db.engine.dispose()
    # a secret key is generated once and kept, so sessions survive a restart
    key = (Path(tmp_path) / "secret_key").read_text()
    assert create_app().config["SECRET_KEY"] == key == app.config["SECRET_KEY"]


def test_the_database_its_journal_and_the_secret_key_are_readable_by_the_service_user_only(
        tmp_path, monkeypatch):
    monkeypatch.setenv("IOP_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("IOP_DATABASE_URL", raising=False)
    monkeypatch.delenv("IOP_SECRET_KEY", raising=False)
    old = os.umask(0o022)  # a usual umask: files would be 0644
    try:
        app = create_app()
        from iop.extensions import db

        with app.app_context(), db.engine.connect() as connection:
            connection.execute(sa.text("CREATE TABLE probe (x int)"))
            connection.commit()
            modes = {path.name: stat.S_IMODE(path.stat().st_mode) for path in tmp_path.iterdir()}
        with app.app_context():
            db.engine.dispose()
    finally:
        os.umask(old)
    assert modes["secret_key"] == 0o600
    assert modes["iop.sqlite3"] == 0o600
    assert modes["iop.sqlite3-wal"] == 0o600


def test_processes_starting_together_agree_on_one_secret_key(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    from iop.config import _instance_secret

    with ThreadPoolExecutor(8) as pool:
        keys = set(pool.map(lambda _: _instance_secret(tmp_path), range(32)))
    assert keys == {(tmp_path / "secret_key").read_text()}
