"""Structured logs with a request id; tokens and passwords never reach a log."""

import json
import logging

import pytest

from iop.auth import services
from iop.extensions import db
from iop.logs import JsonFormatter
from tests.web import csrf_token, login

PASSWORD = "ett-hemligt-lösenord-123"


def test_a_request_id_is_made_for_every_request_and_echoed(client):
    first = client.get("/api/v1/health").headers["X-Request-ID"]
    second = client.get("/api/v1/health").headers["X-Request-ID"]
    assert len(first) == 32 and first != second


def test_a_callers_request_id_is_kept_when_it_is_a_sane_token(client):
    response = client.get("/api/v1/health", headers={"X-Request-ID": "lb-4711.a:b"})
    assert response.headers["X-Request-ID"] == "lb-4711.a:b"


@pytest.mark.parametrize("offered", ["ett id med mellanslag", "x" * 129, "a\\nb", "<script>"])
def test_a_request_id_that_could_forge_log_lines_is_replaced(client, offered):
    assert client.get("/api/v1/health", headers={"X-Request-ID": offered}).headers["X-Request-ID"] != offered


def test_every_log_line_of_a_request_carries_its_id_whichever_logger_writes_it(client, caplog):
    page = client.get("/login")
    caplog.clear()
    logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)
    try:
        with caplog.at_level(logging.INFO):
            client.post("/login", headers={"X-Request-ID": "req-1"}, data={
                "email": "ingen@kommun.test", "password": "fel-lösenord",
                "csrf_token": csrf_token(page.get_data(as_text=True))})
    finally:
        logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
    names = {r.name.split(".")[0] for r in caplog.records}
    assert {"iop", "sqlalchemy"} <= names
    assert {r.request_id for r in caplog.records} == {"req-1"}


def test_a_log_line_is_one_json_object_with_time_level_message_and_request_id():
    record = logging.LogRecord("iop.x", logging.WARNING, __file__, 1, "hej %s", ("världen",), None)
    record.request_id = "abc"
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "WARNING" and line["message"] == "hej världen"
    assert line["request_id"] == "abc" and line["logger"] == "iop.x" and line["time"].endswith("+00:00")


def test_tokens_and_passwords_never_appear_in_the_logs(app, client, departments, caplog):
    caplog.set_level(logging.DEBUG)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)  # SQL and its parameters too
    try:
        with app.app_context():
            user = services.create_user(email="karin@kommun.test", role="officer", department_code="KFF",
                                        password=PASSWORD)
            token = services.issue_token(user=user)
            db.session.commit()
        login(client, "karin@kommun.test", "fel-" + PASSWORD)
        login(client, "karin@kommun.test", PASSWORD)
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}x"})
    finally:
        logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
    assert any(r.name.startswith("sqlalchemy.engine") for r in caplog.records)  # it did look
    formatter = JsonFormatter()
    everything = "\n".join([caplog.text] + [formatter.format(r) for r in caplog.records])
    for secret in (PASSWORD, token, token[len("iop_"):]):
        assert secret not in everything
