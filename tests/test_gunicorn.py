"""The repository's gunicorn.conf.py serves the app, with JSON access lines carrying the request id."""

from __future__ import annotations

import json
import os
import random
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    for _ in range(50):
        port = random.randint(20000, 60999)
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port")


@pytest.fixture
def gunicorn(app, database_url, tmp_path):
    port = free_port()
    env = {**os.environ, "IOP_BIND": f"127.0.0.1:{port}", "IOP_WORKERS": "1",
           "IOP_DATABASE_URL": database_url, "IOP_SECRET_KEY": "gunicorn-test",
           "IOP_INSTANCE_PATH": str(tmp_path), "IOP_LOG_FORMAT": "json"}
    log = (tmp_path / "gunicorn.log").open("w+")
    process = subprocess.Popen([str(Path(sys.executable).with_name("gunicorn")), "-c", "gunicorn.conf.py"],
                               cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_it_answers(base, process, tmp_path / "gunicorn.log")
        yield base, tmp_path / "gunicorn.log"
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def _wait_until_it_answers(base: str, process, log_path: Path) -> None:
    deadline = time.monotonic() + 60  # a start-up deadline, not a timing assertion
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail("gunicorn stopped:\n" + log_path.read_text())
        try:
            urllib.request.urlopen(base + "/api/v1/health", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail("gunicorn did not answer:\n" + log_path.read_text())


def test_gunicorn_serves_the_app_and_logs_each_request_as_json_with_its_id(gunicorn):
    base, log_path = gunicorn
    request = urllib.request.Request(base + "/api/v1/ready", headers={"X-Request-ID": "gunicorn-test-1"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        assert response.headers["X-Request-ID"] == "gunicorn-test-1"
        assert json.load(response)["migrations"] == "ok"

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        lines = [json.loads(line) for line in log_path.read_text().splitlines() if line.startswith("{")]
        access = [line for line in lines if line.get("request_id") == "gunicorn-test-1"
                  and line["logger"] == "gunicorn.access"]
        if access:
            break
        time.sleep(0.1)
    assert access, log_path.read_text()
    assert access[0]["path"] == "/api/v1/ready" and access[0]["status"] == 200
    assert all(line.get("level") for line in lines)  # the error log (worker boot) is JSON too


def test_a_calendar_feeds_token_is_masked_in_the_access_log(gunicorn):
    base, log_path = gunicorn
    secret = "hemlig-kalendertoken-123456789"
    request = urllib.request.Request(f"{base}/calendar/{secret}.ics", headers={"X-Request-ID": "kalender-1"})
    try:
        urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as error:
        assert error.code == 404  # no such feed: the line is logged all the same
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        lines = [json.loads(line) for line in log_path.read_text().splitlines() if line.startswith("{")]
        access = [line for line in lines if line.get("request_id") == "kalender-1"
                  and line["logger"] == "gunicorn.access"]
        if access:
            break
        time.sleep(0.1)
    assert access and access[0]["path"] == "/calendar/***.ics"
    assert secret not in log_path.read_text()
