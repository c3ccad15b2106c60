"""Faults: the database going away and coming back, and two officers saving one record at once.

While the database is away every request gets a clean 503 (JSON, Retry-After); once it is
back the service works again without a restart; a write acknowledged with 201 is kept and
a write that got 503 left nothing behind.
"""

from __future__ import annotations

import sqlite3
import threading

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from iop.extensions import db
from tests import databases
from tests.conftest import app_config
from tests.tcp_proxy import TcpProxy

ORG = {"name": "Läxhjälpen i Sjöstad", "org_number": "802456-1238", "legal_form": "ideell_forening",
       "contacts": [{"name": "Lena Lind", "email": "lena@laxhjalpen.example"}]}
OTHER = {"name": "Sjöstads Stadsmission", "org_number": "802471-9653", "legal_form": "stiftelse",
         "contacts": [{"name": "Per Holm"}, {"name": "Eva Ek"}]}

postgresql_only = pytest.mark.postgresql_only


def production_like(make_app, url: str, **overrides):
    """An app that answers errors as production does (no exceptions propagated to the test)."""
    return make_app(app_config(url, TESTING=False, PROPAGATE_EXCEPTIONS=False, **overrides))


def assert_unavailable(response) -> None:
    assert response.status_code == 503, response.get_data(as_text=True)
    assert response.headers["Retry-After"] and response.get_json()["code"] == 503


def organisation_names(client, headers: dict) -> list[str]:
    response = client.get("/api/v1/organisations?sort=name", headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)
    return [o["name"] for o in response.get_json()]


@pytest.fixture
def proxied(app, make_app, database_url, callers):
    """The service reaching this run's PostgreSQL database through a proxy the test controls."""
    url = sa.engine.make_url(database_url)
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432).start()
    service = production_like(make_app, url.set(host="127.0.0.1", port=proxy.port)
                              .render_as_string(hide_password=False))
    yield service, proxy
    proxy.stop()


@postgresql_only
def test_while_the_database_is_away_requests_get_503_and_afterwards_all_is_well(proxied, callers, count):
    service, proxy = proxied
    client = service.test_client()
    assert client.post("/api/v1/organisations", json=ORG, headers=callers.officer.headers).status_code == 201

    proxy.stop()
    assert_unavailable(client.get("/api/v1/organisations", headers=callers.viewer.headers))
    assert_unavailable(client.post("/api/v1/organisations", json=OTHER, headers=callers.officer.headers))
    assert client.get("/api/v1/health").status_code == 503
    assert client.get("/api/v1/ready").get_json()["database"] == "unavailable"

    proxy.start()
    assert client.get("/api/v1/ready").status_code == 200
    assert organisation_names(client, callers.viewer.headers) == ["Läxhjälpen i Sjöstad"]  # 201 kept, 503 not
    again = client.post("/api/v1/organisations", json=OTHER, headers=callers.officer.headers)
    assert again.status_code == 201
    count("faults: scenarios survived")


@postgresql_only
def test_connections_the_server_killed_between_requests_are_replaced_without_an_error(
        proxied, callers, database_url, count):
    service, _ = proxied
    client = service.test_client()
    assert client.get("/api/v1/organisations", headers=callers.viewer.headers).status_code == 200
    assert _terminate_backends(database_url) > 0
    # pool_pre_ping finds the dead connection and opens a new one: the caller notices nothing
    assert client.post("/api/v1/organisations", json=ORG, headers=callers.officer.headers).status_code == 201
    count("faults: scenarios survived")


@postgresql_only
def test_a_write_cut_off_at_commit_is_not_half_done(proxied, callers, database_url, count):
    service, _ = proxied
    client = service.test_client()
    assert client.post("/api/v1/organisations", json=ORG, headers=callers.officer.headers).status_code == 201

    with _connection_killed_at_next_commit(database_url, "organisations"):
        assert_unavailable(client.post("/api/v1/organisations", json=OTHER, headers=callers.officer.headers))

    assert organisation_names(client, callers.viewer.headers) == ["Läxhjälpen i Sjöstad"]
    with service.app_context():
        contacts = db.session.scalar(sa.text("SELECT count(*) FROM contact_persons"))
        audited = db.session.scalar(
            sa.text("SELECT count(*) FROM audit_events WHERE entity = 'organisation'"))
    assert contacts == 1 and audited == 2  # Läxhjälpen and Lena: nothing of the other one
    count("faults: scenarios survived")


def _terminate_backends(database_url: str) -> int:
    name = sa.engine.make_url(database_url).database
    engine = sa.create_engine(databases.PG_SERVER_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            return len(connection.execute(sa.text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = :name AND pid <> pg_backend_pid()"), {"name": name}).all())
    finally:
        engine.dispose()


class _connection_killed_at_next_commit:
    """The next commit that inserted into `table` loses its connection just before COMMIT is sent."""

    def __init__(self, database_url: str, table: str):
        self.database_url, self.table = database_url, table
        self.fired = False

    def __enter__(self):
        sa.event.listen(sa.orm.Session, "after_flush", self._note)
        sa.event.listen(sa.orm.Session, "before_commit", self._kill)
        return self

    def __exit__(self, *exc):
        sa.event.remove(sa.orm.Session, "after_flush", self._note)
        sa.event.remove(sa.orm.Session, "before_commit", self._kill)
        assert self.fired, "no commit inserted into " + self.table

    def _note(self, session, flush_context) -> None:
        if any(getattr(o, "__tablename__", "") == self.table for o in session.new):
            session.info["doomed"] = True

    def _kill(self, session) -> None:
        if self.fired or not session.info.pop("doomed", False):
            return
        pid = session.connection().exec_driver_sql("SELECT pg_backend_pid()").scalar()
        engine = sa.create_engine(databases.PG_SERVER_URL, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                connection.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        finally:
            engine.dispose()
        self.fired = True


def test_a_locked_sqlite_database_gives_503_until_it_is_free_again(make_app, tmp_path, app, count):
    """SQLite's way of going away: another process holds the write lock longer than we wait."""
    path = tmp_path / "iop.sqlite3"
    service = production_like(make_app, f"sqlite:///{path}")
    with service.app_context():
        upgrade()
        from iop.auth import services

        user = services.create_user(email="officer@kommun.test", role="admin")
        headers = {"Authorization": f"Bearer {services.issue_token(user=user)}"}
        db.session.commit()
        sa.event.listen(db.engine, "connect", lambda conn, _: conn.execute("PRAGMA busy_timeout=200"))
        db.engine.dispose()
    client = service.test_client()
    assert client.post("/api/v1/organisations", json=ORG, headers=headers).status_code == 201

    other_process = sqlite3.connect(path, isolation_level=None)
    other_process.execute("BEGIN IMMEDIATE")
    try:
        assert_unavailable(client.post("/api/v1/organisations", json=OTHER, headers=headers))
    finally:
        other_process.execute("ROLLBACK")
        other_process.close()

    assert organisation_names(client, headers) == ["Läxhjälpen i Sjöstad"]
    assert client.post("/api/v1/organisations", json=OTHER, headers=headers).status_code == 201
    count("faults: scenarios survived")


def race(app, model, saves) -> dict[str, int]:
    """Run the PATCH requests in `saves` ({label: (url, body, headers)}) at once, each in its own
    thread, released together only after every one has passed its If-Match check; the status each got."""
    both_checked = threading.Barrier(len(saves), timeout=10)
    waited = threading.local()  # once per request: a save may flush the record more than once

    def wait_for_the_others(session, flush_context, instances):
        if not getattr(waited, "done", False) and any(isinstance(o, model) for o in session.dirty):
            waited.done = True
            both_checked.wait()

    results: dict[str, int] = {}

    def save(label: str, url: str, body: dict, headers: dict) -> None:
        results[label] = app.test_client().patch(url, json=body, headers=headers).status_code

    sa.event.listen(sa.orm.Session, "before_flush", wait_for_the_others)
    try:
        threads = [threading.Thread(target=save, args=(label, *request)) for label, request in saves.items()]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        sa.event.remove(sa.orm.Session, "before_flush", wait_for_the_others)
    return results


def updates_audited(client, callers, entity: str, entity_id: int) -> int:
    return len(client.get(f"/api/v1/audit?entity={entity}&entity_id={entity_id}&action=update",
                          headers=callers.admin.headers).get_json())


@postgresql_only
def test_two_officers_saving_one_organisation_at_once_one_wins_and_one_gets_412(app, callers, count):
    from iop.organisations.models import Organisation

    setup = app.test_client()
    created = setup.post("/api/v1/organisations", json=ORG, headers=callers.officer.headers)
    org_id, etag = created.get_json()["id"], created.headers["ETag"]
    url = f"/api/v1/organisations/{org_id}"

    results = race(app, Organisation, {
        name: (url, {"name": name}, {**caller.headers, "If-Match": etag})
        for name, caller in (("Karins namn", callers.officer), ("Omars namn", callers.officer_soc))})

    assert sorted(results.values()) == [200, 412], results
    winner = next(name for name, status in results.items() if status == 200)
    assert setup.get(url, headers=callers.viewer.headers).get_json()["name"] == winner
    assert updates_audited(setup, callers, "organisation", org_id) == 1
    count("faults: scenarios survived")


@postgresql_only
def test_two_officers_saving_one_agreement_at_once_one_wins_and_one_gets_412(app, callers, organisation_id,
                                                                              count):
    from iop.agreements.models import Agreement
    from iop.auth import services
    from tests.agreements.factories import clean_iop, draft

    with app.app_context():
        colleague = services.create_user(email="kollega.kff@kommun.test", role="officer",
                                         department_code="KFF")
        colleague_headers = {"Authorization": f"Bearer {services.issue_token(user=colleague)}"}
        db.session.commit()
    setup = app.test_client()
    agreement = draft(setup, callers.officer, clean_iop(organisation_id))
    url = f"/api/v1/agreements/{agreement['id']}"
    etag = setup.get(url, headers=callers.officer.headers).headers["ETag"]

    officers = (("Karins rubrik", callers.officer.headers), ("Kollegans rubrik", colleague_headers))
    results = race(app, Agreement, {title: (url, {"title": title}, {**headers, "If-Match": etag})
                                    for title, headers in officers})

    assert sorted(results.values()) == [200, 412], results
    winner = next(title for title, status in results.items() if status == 200)
    saved = setup.get(url, headers=callers.viewer.headers).get_json()
    assert saved["title"] == winner and saved["revision"] == 2
    revisions = setup.get(f"{url}/revisions", headers=callers.viewer.headers).get_json()
    assert [r["number"] for r in revisions] in ([1, 2], [2, 1])
    count("faults: scenarios survived")


@postgresql_only
def test_a_logged_in_officer_gets_a_503_page_while_the_database_is_away(proxied, callers, count):
    from iop.auth import services
    from tests.web import login

    service, proxy = proxied
    with service.app_context():
        officer = services.get_user(email=callers.officer.email)
        services.set_password(user=officer, password="ett-bra-lösenord")
        db.session.commit()
    browser = service.test_client()
    assert login(browser, callers.officer.email, "ett-bra-lösenord").status_code == 302

    proxy.stop()
    page = browser.get("/")
    assert page.status_code == 503 and page.mimetype == "text/html"
    assert "Databasen är inte tillgänglig" in page.get_data(as_text=True)

    proxy.start()
    assert browser.get("/").status_code == 200
    count("faults: scenarios survived")
