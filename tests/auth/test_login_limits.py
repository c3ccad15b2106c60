"""Web login is limited: an account locks after repeated failures, and so does a client address."""

from datetime import timedelta

import pytest

from iop.auth import services
from iop.clock import frozen_at, utcnow
from iop.extensions import db
from tests.conftest import app_config
from tests.web import csrf_token

PASSWORD = "ett-bra-lösenord"


@pytest.fixture
def karin(app, departments):
    with app.app_context():
        services.create_user(email="karin@kommun.test", role="officer", department_code="KFF",
                             name="Karin", password=PASSWORD)
        db.session.commit()


def attempt(client, email, password, address="192.0.2.10"):
    environ = {"REMOTE_ADDR": address}
    page = client.get("/login", environ_base=environ)
    return client.post("/login", environ_base=environ, data={
        "email": email, "password": password, "csrf_token": csrf_token(page.get_data(as_text=True))})


def test_five_failures_lock_the_account_for_fifteen_minutes_even_with_the_right_password(client, karin):
    start = utcnow()
    with frozen_at(start):
        for _ in range(4):
            assert attempt(client, "karin@kommun.test", "fel-lösenord").status_code == 422
        fifth = attempt(client, "karin@kommun.test", "fel-lösenord")
        assert fifth.status_code == 429
        assert "För många misslyckade inloggningar" in fifth.get_data(as_text=True)
        assert int(fifth.headers["Retry-After"]) == 15 * 60

        refused = attempt(client, "karin@kommun.test", PASSWORD)
        assert refused.status_code == 429 and "spärrad" in refused.get_data(as_text=True)
        assert client.get("/").status_code == 302  # not logged in
    with frozen_at(start + timedelta(minutes=14)):
        assert attempt(client, "karin@kommun.test", PASSWORD).status_code == 429
    with frozen_at(start + timedelta(minutes=15, seconds=1)):
        assert attempt(client, "karin@kommun.test", PASSWORD).status_code == 302


def test_failures_spread_over_more_than_the_window_do_not_lock(client, karin):
    start = utcnow()
    for minute in range(0, 80, 16):
        with frozen_at(start + timedelta(minutes=minute)):
            assert attempt(client, "karin@kommun.test", "fel-lösenord").status_code == 422
    with frozen_at(start + timedelta(minutes=81)):
        assert attempt(client, "karin@kommun.test", PASSWORD).status_code == 302


def test_a_successful_login_starts_the_count_afresh(client, karin):
    for _ in range(4):
        attempt(client, "karin@kommun.test", "fel-lösenord")
    assert attempt(client, "karin@kommun.test", PASSWORD).status_code == 302
    client.delete_cookie("session")
    assert attempt(client, "karin@kommun.test", "fel-lösenord").status_code == 422


def test_the_lock_is_in_the_audit_log(client, karin, callers):
    for _ in range(5):
        attempt(client, "karin@kommun.test", "fel-lösenord")
    events = client.get("/api/v1/audit?action=login_locked", headers=callers.admin.headers).get_json()
    assert len(events) == 1
    assert events[0]["entity"] == "user" and events[0]["changes"]["account"] == [None, "karin@kommun.test"]


def test_an_unknown_email_locks_the_same_way_so_a_lock_reveals_no_account(client, karin):
    answers = [attempt(client, "finns.inte@kommun.test", "fel-lösenord").status_code for _ in range(6)]
    assert answers == [422, 422, 422, 422, 429, 429]


def test_the_lock_holds_in_every_process_because_it_is_kept_in_the_database(
        app, karin, make_app, database_url):
    other_worker = make_app(app_config(database_url)).test_client()
    for _ in range(5):
        attempt(app.test_client(), "karin@kommun.test", "fel-lösenord")
    assert attempt(other_worker, "karin@kommun.test", PASSWORD).status_code == 429


def test_one_address_trying_many_accounts_is_locked(app, karin, make_app, database_url):
    client = make_app(app_config(database_url, LOGIN_ADDRESS_MAX_FAILURES=3)).test_client()
    for n in range(3):
        attempt(client, f"person{n}@kommun.test", "fel-lösenord", address="198.51.100.7")
    assert attempt(client, "karin@kommun.test", PASSWORD, address="198.51.100.7").status_code == 429
    assert attempt(client, "karin@kommun.test", PASSWORD, address="198.51.100.8").status_code == 302


def test_addresses_in_one_ipv6_network_count_together():
    from iop.auth.throttling import address_key

    assert address_key("2001:db8:1:2::a") == address_key("2001:db8:1:2:ffff::1") == "2001:db8:1:2::/64"
    assert address_key("::ffff:192.0.2.1") == "192.0.2.1"
    assert address_key(None) == "okänd"


def test_what_was_typed_is_not_stored_in_clear(app, client, karin):
    from iop.auth.models import LoginFailure

    attempt(client, "mitt-hemliga-lösenord", "x")
    with app.app_context():
        subjects = [row.subject for row in db.session.query(LoginFailure)]
    assert subjects and all("lösenord" not in s and "192.0.2.10" not in s for s in subjects)


def test_a_lock_on_an_unknown_account_does_not_put_what_was_typed_in_the_audit_log(client, karin, callers):
    for _ in range(5):
        attempt(client, "mitt-hemliga-lösenord", "x")
    events = client.get("/api/v1/audit?action=login_locked", headers=callers.admin.headers).get_json()
    assert len(events) == 1 and events[0]["entity_id"] is None
    assert "lösenord" not in str(events)


def test_a_stranger_guessing_from_another_address_does_not_lock_the_owner_out(client, karin):
    for _ in range(6):
        attempt(client, "karin@kommun.test", "gissning", address="203.0.113.66")
    assert attempt(client, "karin@kommun.test", "gissning", address="203.0.113.66").status_code == 429
    assert attempt(client, "karin@kommun.test", PASSWORD, address="192.0.2.10").status_code == 302


def test_each_further_lock_from_the_same_address_lasts_twice_as_long(client, karin):
    start = utcnow()
    waits = []
    moment = start
    for _ in range(3):
        with frozen_at(moment):
            for _ in range(4):
                attempt(client, "karin@kommun.test", "gissning", address="203.0.113.66")
            locked = attempt(client, "karin@kommun.test", "gissning", address="203.0.113.66")
            assert locked.status_code == 429
            waits.append(int(locked.headers["Retry-After"]))
        moment += timedelta(seconds=waits[-1] + 1)
    assert waits == [15 * 60, 30 * 60, 60 * 60]


def test_guessing_one_account_from_many_addresses_locks_it_everywhere_but_never_for_long(client, karin):
    start = utcnow()
    for round_ in range(2):
        with frozen_at(start + timedelta(minutes=16 * round_)):
            answers = [attempt(client, "karin@kommun.test", "gissning", address=f"198.51.100.{n}").status_code
                       for n in range(20)]
            assert answers[-1] == 429 and set(answers[:-1]) == {422}
            refused = attempt(client, "karin@kommun.test", PASSWORD, address="192.0.2.10")
            assert refused.status_code == 429
            assert int(refused.headers["Retry-After"]) == 15 * 60  # not growing
    with frozen_at(start + timedelta(minutes=16 + 15, seconds=1)):
        assert attempt(client, "karin@kommun.test", PASSWORD, address="192.0.2.10").status_code == 302
