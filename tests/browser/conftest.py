"""Browser fixtures: the app served for real on a local port, one headless Chromium per
session, and a visitor that screenshots every page it lands on.

The live server serves the same app object and database as the rest of the suite, in
threads of this process, with real commits; the `app` fixture empties the tables after
each test as usual. Screenshots go to test-artifacts/screenshots/<database>/.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from flask import got_request_exception
from werkzeug.serving import WSGIRequestHandler, make_server

from tests import browsers, databases

PASSWORD = "ett-langt-losenord"
ACCOUNTS = {
    "officer": ("handlaggare@kommun.test", "KFF", "Karin Handläggare"),
    "coordinator": ("samordnare@kommun.test", "KLF", "Sara Samordnare"),
    "legal": ("jurist@kommun.test", None, "Johan Jurist"),
    "viewer": ("insyn@kommun.test", None, "Ingrid Insyn"),
    "admin": ("admin@kommun.test", None, "Alva Admin"),
}


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):  # the test output is no place for an access log
        pass


@dataclass
class LiveServer:
    url: str
    errors: list = field(default_factory=list)


def _serve(app):
    # Port 0: the kernel hands out a free port, so parallel workers and other test runs on this
    # machine never collide (werkzeug exits the process on a taken port rather than raising).
    return make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)


@pytest.fixture(scope="session")
def live_server(_migrated_app):
    server = _serve(_migrated_app)
    live = LiveServer(f"http://127.0.0.1:{server.server_port}")

    def record(sender, exception, **extra):
        live.errors.append(repr(exception))

    got_request_exception.connect(record, _migrated_app)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield live
    server.shutdown()
    thread.join(timeout=10)
    got_request_exception.disconnect(record, _migrated_app)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=browsers.CHROMIUM, args=browsers.LAUNCH_ARGS)
        yield chromium
        chromium.close()


class Accounts:
    """Web users with PASSWORD, made on first use (hashing a password takes a while); role -> e-mail."""

    def __init__(self, app):
        self.app = app
        self.made: dict[str, str] = {}

    def __getitem__(self, role: str) -> str:
        if role not in self.made:
            from iop.auth import services
            from iop.extensions import db

            email, department, name = ACCOUNTS[role]
            with self.app.app_context():
                services.create_user(email=email, role=role, department_code=department, name=name,
                                     password=PASSWORD)
                db.session.commit()
            self.made[role] = email
        return self.made[role]


@pytest.fixture
def accounts(app, departments) -> Accounts:
    return Accounts(app)


class Visitor:
    """A browser tab on the live server that screenshots every page it lands on and fails
    on a server error, a console error (a CSP refusal, a missing file) or a broken page."""

    def __init__(self, page, live: LiveServer, shots: Path, name: str):
        self.page = page
        self.live = live
        self.shots = shots
        self.name = name
        self.count = 0
        self.console_errors: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.on("response", self._response)
        page.on("requestfailed",
                lambda request: self.console_errors.append(f"{request.url}: {request.failure}"))

    def _console(self, message) -> None:
        # Chromium also logs every 4xx answer here; a page's own status is the test's to check,
        # and a file the page needs shows up in _response.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.console_errors.append(message.text)

    def _response(self, response) -> None:
        if response.request.resource_type != "document" and response.status >= 400:
            self.console_errors.append(f"{response.url}: {response.status}")

    def goto(self, path: str, status: int = 200):
        response = self.page.goto(self.live.url + path)
        assert response is not None and response.status == status, (path, response and response.status)
        self.landed()
        return response

    def login(self, email: str, password: str = PASSWORD) -> None:
        self.goto("/login")
        self.page.get_by_label("E-postadress").fill(email)
        self.page.get_by_label("Lösenord").fill(password)
        self.press("Logga in")
        assert "/login" not in self.page.url, "the login did not succeed"

    def press(self, button: str) -> None:
        """Press a button that submits a form, and wait for the page that answers."""
        with self.page.expect_navigation():
            self.page.get_by_role("button", name=button, exact=True).click()
        self.landed()

    def screenshot(self, suffix: str = "") -> None:
        """The whole page as it looks now, named by the visit's number and the page's address."""
        path = self.page.url.split("://", 1)[-1].split("/", 1)[-1]
        slug = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "start"
        self.page.screenshot(path=str(self.shots / f"{self.name}-{self.count:02d}-{slug}{suffix}.png"),
                             full_page=True, caret="initial")  # "hide" would add style attributes

    def follow(self, link: str) -> None:
        with self.page.expect_navigation():
            self.page.get_by_role("link", name=link, exact=True).first.click()
        self.landed()

    def landed(self) -> None:
        self.page.wait_for_load_state("load")
        self.count += 1
        self.screenshot()
        assert not self.live.errors, f"the server failed: {self.live.errors}"
        assert not self.console_errors, f"the browser reported errors: {self.console_errors}"


@pytest.fixture
def screenshots_dir(request) -> Path:
    path = request.config.rootpath / "test-artifacts" / "screenshots" / databases.BACKEND
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def visitor(browser, live_server, app, screenshots_dir, request):
    """A fresh browser context, JavaScript off: the pages must work without it.

    `@pytest.mark.parametrize("visitor", [True], indirect=True)` turns JavaScript on.
    """
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900},
                                  java_script_enabled=getattr(request, "param", False))
    context.set_default_timeout(30_000)  # templates page: a test rendering per template
    live_server.errors.clear()
    name = re.sub(r"[^a-z0-9_]+", "-", request.node.name.removeprefix("test_").lower()).strip("-")
    visitor = Visitor(context.new_page(), live_server, screenshots_dir, name[:90])
    yield visitor
    context.close()
