"""Fixtures: an app on a real database (SQLite or PostgreSQL), users of every role, a client.

The suite runs twice in `make test`: on SQLite, then with IOP_TEST_DATABASE=postgresql
on a database created for the run and dropped after it. Every test commits for real,
like production; the tables are emptied after each one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest
from flask_migrate import upgrade

from iop import schemas
from tests import browsers, databases

# create_app() makes marshmallow's messages Swedish before the wiring imports any schema;
# test modules import schema modules while being collected, before any app exists.
schemas.use_swedish_messages()

_PG_PROBLEM: str | None = None
_BROWSER_PROBLEM: str | None = None


def _banner(text: str) -> str:
    line = "!" * 78
    return f"\n{line}\n{text}\n{line}\n"


def pytest_configure(config):
    global _PG_PROBLEM, _BROWSER_PROBLEM
    _BROWSER_PROBLEM = browsers.chromium_problem()
    if _BROWSER_PROBLEM and browsers.REQUIRE_BROWSER:
        raise pytest.UsageError(f"Chromium is required (IOP_TEST_REQUIRE_BROWSER=1): {_BROWSER_PROBLEM}")
    if databases.BACKEND == "postgresql":
        _PG_PROBLEM = databases.postgresql_problem()
        if _PG_PROBLEM and databases.REQUIRE_POSTGRESQL:
            raise pytest.UsageError(
                f"PostgreSQL is required (IOP_TEST_REQUIRE_POSTGRESQL=1) but not reachable at "
                f"{databases.PG_SERVER_URL}: {_PG_PROBLEM}")


def pytest_report_header(config):
    lines = [_database_header()]
    if _BROWSER_PROBLEM:
        lines.append(_banner(f"CHROMIUM NOT AVAILABLE: {_BROWSER_PROBLEM}\n"
                             "The browser and accessibility tests (marker `browser`) are SKIPPED."))
    return lines


def _database_header() -> str:
    if databases.BACKEND == "postgresql":
        if _PG_PROBLEM:
            return _banner(f"POSTGRESQL NOT REACHABLE at {databases.PG_SERVER_URL}\n"
                           f"{_PG_PROBLEM}\nThe whole PostgreSQL half of the suite is SKIPPED.")
        return f"database: PostgreSQL at {databases.PG_SERVER_URL} (throwaway database per run)"
    return "database: SQLite (throwaway file per run)"


def _soffice_missing() -> bool:
    import shutil

    return shutil.which("soffice") is None


# Word's fonts and the free fonts with the same widths: with these, LibreOffice breaks lines
# and pages where Word does, so layout checks mean the same on every machine.
METRIC_FONTS = {"Calibri": "Carlito", "Cambria": "Caladea"}
FONT_PACKAGES = "fonts-crosextra-carlito fonts-crosextra-caladea"


def _missing_metric_fonts() -> list[str]:
    """The metric-compatible fonts that fontconfig does not substitute for Word's (none missing
    when fontconfig is not there to ask: then LibreOffice is not either)."""
    import shutil
    import subprocess

    if shutil.which("fc-match") is None:
        return list(METRIC_FONTS.values()) if not _soffice_missing() else []
    missing = []
    for word_font, free_font in METRIC_FONTS.items():
        found = subprocess.run(["fc-match", "-f", "%{family}", word_font], capture_output=True,
                               text=True).stdout
        if word_font not in found and free_font not in found:
            missing.append(free_font)
    return missing


def pytest_collection_modifyitems(config, items):
    missing_fonts = _missing_metric_fonts()
    if missing_fonts:
        skip = pytest.mark.skip(reason=f"FONTS MISSING: {', '.join(missing_fonts)} "
                                       f"(install {FONT_PACKAGES}); "
                                       "page and line breaks would differ from Word's")
        for item in items:
            if "layout" in item.keywords:
                item.add_marker(skip)
    if _soffice_missing():
        skip = pytest.mark.skip(reason="LIBREOFFICE (soffice) IS NOT INSTALLED: documents are not "
                                       "checked in an independent renderer")
        for item in items:
            if "libreoffice" in item.keywords:
                item.add_marker(skip)
    if databases.BACKEND == "postgresql" and _PG_PROBLEM:
        skip = pytest.mark.skip(reason=f"PostgreSQL not reachable: {_PG_PROBLEM}")
        for item in items:
            item.add_marker(skip)
    elif databases.BACKEND != "postgresql":
        skip = pytest.mark.skip(reason="PostgreSQL-only behaviour: runs in the PostgreSQL half")
        for item in items:
            if "postgresql_only" in item.keywords:
                item.add_marker(skip)
    if _BROWSER_PROBLEM:
        skip = pytest.mark.skip(reason=f"Chromium not available: {_BROWSER_PROBLEM}")
        for item in items:
            if item.get_closest_marker("browser"):
                item.add_marker(skip)


# Counts that tests report (examples fuzzed, endpoints x roles checked), summed over the
# xdist workers: a worker's user_properties travel with its test reports to the controller.
COUNT_PREFIX = "iop_count:"
_COUNTS: dict[str, int] = {}


def pytest_runtest_logreport(report):
    if report.when == "teardown":
        for name, value in report.user_properties:
            if name.startswith(COUNT_PREFIX):
                _COUNTS[name[len(COUNT_PREFIX):]] = _COUNTS.get(name[len(COUNT_PREFIX):], 0) + value


@pytest.fixture
def count(request):
    """`count("fuzz: examples as viewer", 3)`: a number printed, summed, at the end of the run."""
    counted: dict[str, int] = {}

    def add(name: str, n: int = 1) -> None:
        counted[name] = counted.get(name, 0) + n

    yield add
    request.node.user_properties.extend((COUNT_PREFIX + k, v) for k, v in counted.items())


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _COUNTS:
        terminalreporter.section(f"checked ({databases.BACKEND})")
        for name in sorted(_COUNTS):
            terminalreporter.write_line(f"{name}: {_COUNTS[name]}")
    # A test's record_property("summary", ...) line reaches here from xdist workers too.
    for report in terminalreporter.stats.get("passed", []):
        for name, value in getattr(report, "user_properties", ()):
            if name == "summary" and report.when == "call":
                terminalreporter.write_line(str(value))
    if _soffice_missing():
        terminalreporter.write(_banner(
            "LIBREOFFICE (soffice) IS NOT INSTALLED: the tests marked `libreoffice` were SKIPPED.\n"
            "Install libreoffice-writer-nogui, fonts-crosextra-carlito and poppler-utils."),
            yellow=True, bold=True)
    if not _soffice_missing() and _missing_metric_fonts():
        terminalreporter.write(_banner(
            f"FONTS MISSING: {', '.join(_missing_metric_fonts())}: the layout tests (marker `layout`) were "
            f"SKIPPED.\nThe documents use Calibri and Cambria; install {FONT_PACKAGES} so that "
            "LibreOffice breaks lines and pages as Word does."), yellow=True, bold=True)
    if databases.BACKEND == "postgresql" and _PG_PROBLEM:
        terminalreporter.write(_banner(
            f"THE POSTGRESQL HALF DID NOT RUN: {databases.PG_SERVER_URL} is not reachable.\n"
            f"{_PG_PROBLEM}"), red=True, bold=True)
    if _BROWSER_PROBLEM:
        terminalreporter.write(_banner(
            f"THE BROWSER TESTS DID NOT RUN: {_BROWSER_PROBLEM}"), red=True, bold=True)


def app_config(database_url: str, **overrides) -> dict:
    config = {
        "TESTING": True,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test-secret-key",
        "BASE_URL": "http://iop.test",
        "WTF_CSRF_ENABLED": True,
        "TOKEN_TOUCH_SECONDS": 300,
        # LibreOffice takes seconds per document: only the archive tests turn the PDF/A copy on.
        "ARCHIVE_PDFA": "off",
        # Every kept agreement page (and state-aid warning of GET one) is checked against one made
        # afresh: a test that changes what they show and reads again fails if the key missed it.
        "KEPT_VERIFY": True,
    }
    config.update(overrides)
    return config


@pytest.fixture(scope="session")
def database_url(tmp_path_factory, worker_id):
    url = databases.create_database(f"suite_{worker_id}", tmp_path_factory.mktemp("db"))
    yield url
    databases.drop_database(url)


@pytest.fixture(scope="session")
def _migrated_app(database_url, tmp_path_factory):
    from iop import create_app

    os.environ.setdefault("IOP_INSTANCE_PATH", str(tmp_path_factory.mktemp("instance")))
    app = create_app(app_config(database_url))
    with app.app_context():
        upgrade()
    yield app
    _dispose(app)


def _dispose(app) -> None:
    from iop.extensions import db

    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def make_app():
    """Build extra apps (other settings) whose connections are closed after the test."""
    from iop import create_app

    made = []

    def make(config: dict):
        made.append(create_app(config))
        return made[-1]

    yield make
    for app in made:
        _dispose(app)


@pytest.fixture
def app(_migrated_app):
    from iop.agreements import kept_pages, reads
    from iop.extensions import db

    yield _migrated_app
    with _migrated_app.app_context():
        db.session.remove()
        databases.empty_all_tables(db.engine, db.metadata)
        # Emptied tables give their ids out again: answers kept by id and version must go too.
        reads.forget_all()
        kept_pages.forget_all()


@pytest.fixture
def ctx(app):
    """An app context for tests that call services directly."""
    from iop.extensions import db

    with app.app_context():
        yield
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@dataclass
class Caller:
    email: str
    token: str
    user_id: int
    department: str | None

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@dataclass
class Callers:
    admin: Caller
    coordinator: Caller
    officer: Caller  # KFF
    officer_soc: Caller  # another department
    legal: Caller
    viewer: Caller

    def by_role(self):
        return {"admin": self.admin, "coordinator": self.coordinator, "officer": self.officer,
                "legal": self.legal, "viewer": self.viewer}


@pytest.fixture
def departments(app):
    from iop.departments import services
    from iop.extensions import db

    with app.app_context():
        services.create_department(code="KFF", name="Kultur- och fritidsförvaltningen",
                                   committee="Kultur- och fritidsnämnden", email="kff@kommun.test")
        services.create_department(code="SOC", name="Socialförvaltningen",
                                   committee="Socialnämnden", email="soc@kommun.test")
        services.create_department(code="KLF", name="Kommunledningsförvaltningen",
                                   committee="Kommunstyrelsen", email="klf@kommun.test")
        db.session.commit()
    return ["KFF", "SOC", "KLF"]


@pytest.fixture
def callers(app, departments) -> Callers:
    """A user with an API token for every role; two officers in different departments."""
    from iop.auth import services
    from iop.extensions import db

    specs = {
        "admin": ("admin@kommun.test", "admin", None),
        "coordinator": ("samordnare@kommun.test", "coordinator", "KLF"),
        "officer": ("officer.kff@kommun.test", "officer", "KFF"),
        "officer_soc": ("officer.soc@kommun.test", "officer", "SOC"),
        "legal": ("jurist@kommun.test", "legal", None),
        "viewer": ("insyn@kommun.test", "viewer", None),
    }
    made = {}
    with app.app_context():
        for key, (email, role, department) in specs.items():
            user = services.create_user(email=email, role=role, department_code=department,
                                        name=key.title())
            # Ten years: tests travel in time (a yearly report of next year), tokens must not expire.
            token = services.issue_token(user=user, months=120)
            made[key] = Caller(email, token, user.id, department)
        db.session.commit()
    return Callers(**made)


@pytest.fixture
def organisation_id(client, callers) -> int:
    """A registered organisation (Läxhjälpen i Sjöstad), for tests about agreements and initiatives."""
    from tests.organisations.test_api import LAXHJALPEN

    response = client.post("/api/v1/organisations", json=LAXHJALPEN, headers=callers.officer.headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


@pytest.fixture
def smtp(app, monkeypatch):
    """A real SMTP server (aiosmtpd) that the app sends to during this test; `smtp.received` is its inbox."""
    from tests.mailserver import MailServer

    with MailServer() as server:
        for key, value in server.settings().items():
            monkeypatch.setitem(app.config, key, value)
        yield server
