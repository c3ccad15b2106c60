"""A real SMTP server for tests (aiosmtpd in a thread): plain, STARTTLS or SSL, with or without login.

The port is picked here (a free one the OS names, then given to aiosmtpd explicitly):
aiosmtpd's controller cannot start on port 0.
"""

from __future__ import annotations

import socket
import ssl
import subprocess
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

USER, PASSWORD = "iop-relay", "hemligt-lösen-123"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    """A certificate for localhost and 127.0.0.1 and its key, made with the openssl command."""
    cert, key = directory / "smtp-cert.pem", directory / "smtp-key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
                    "-out", str(cert), "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
                   check=True, capture_output=True)
    return cert, key


@dataclass
class Received:
    mail_from: str
    recipients: list[str]
    message: EmailMessage
    authenticated_as: str | None


@dataclass
class Inbox:
    """aiosmtpd handler keeping what it accepts, with ways to stop a sender at a chosen point.

    - `hold_data_at=n`: the n-th message waits in DATA until `release` is set, then is refused,
      as if the server never took it;
    - `hold_quit_at=n`: after taking the n-th message, the server waits before answering QUIT
      (the sender has handed the message over but not yet heard the end of the conversation);
    - `meet`: the first messages wait for each other, proving two senders were sending at once.
    """

    received: list[Received] = field(default_factory=list)
    hold_data_at: int | None = None
    hold_quit_at: int | None = None
    release: threading.Event = field(default_factory=threading.Event)
    reached: threading.Event = field(default_factory=threading.Event)
    meet: threading.Barrier | None = None
    met: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)
    _data_count: int = 0

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self._data_count += 1
            number = self._data_count
        if number == self.hold_data_at:
            self.reached.set()
            await server.loop.run_in_executor(None, self.release.wait, 60)
            return "451 Försök igen senare"
        if self.meet is not None and number <= self.meet.parties:
            await server.loop.run_in_executor(None, self._meet)
        message = message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        login = session.auth_data.login.decode() if session.authenticated and session.auth_data else None
        with self.lock:
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message, login))
            session.taken = len(self.received)
        return "250 Meddelandet är mottaget"

    async def handle_QUIT(self, server, session, envelope):
        if self.hold_quit_at is not None and getattr(session, "taken", None) == self.hold_quit_at:
            self.reached.set()
            await server.loop.run_in_executor(None, self.release.wait, 60)
        return "221 Hej då"

    def _meet(self) -> None:
        try:
            self.meet.wait(timeout=20)
            self.met = True
        except threading.BrokenBarrierError:
            pass

    def message_ids(self) -> list[str]:
        return [r.message["Message-ID"] for r in self.received]


def _authenticate(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False, auth_data=auth_data)


class MailServer:
    """An SMTP server on 127.0.0.1:`port`; `settings()` gives the IOP_SMTP_* values to reach it."""

    def __init__(self, *, security: str = "none", login: bool = False, cert: tuple[Path, Path] | None = None):
        self.inbox = Inbox()
        self.port = free_port()
        self.security = security
        self.login = login
        self.cert = cert
        kwargs: dict = {}
        if security in ("starttls", "ssl"):
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(str(cert[0]), str(cert[1]))
            if security == "ssl":
                kwargs["ssl_context"] = context
            else:
                kwargs.update(tls_context=context, require_starttls=True)
        if login:
            # aiosmtpd's TLS checks for AUTH know only STARTTLS; elsewhere login is offered, not
            # required, and the tests check who logged in.
            starttls = security == "starttls"
            kwargs.update(authenticator=_authenticate, auth_required=starttls, auth_require_tls=starttls)
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port, **kwargs)

    def __enter__(self) -> MailServer:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.inbox.release.set()
        self.controller.stop()

    @property
    def received(self) -> list[Received]:
        return self.inbox.received

    def settings(self) -> dict:
        values = {"SMTP_HOST": "127.0.0.1",
                  "SMTP_PORT": self.port, "SMTP_SECURITY": self.security, "SMTP_TIMEOUT": 10,
                  "MAIL_FROM": "IOP Sjöstad <iop@sjostad.example>"}
        if self.cert is not None:
            values["SMTP_CA_FILE"] = str(self.cert[0])
        if self.login:
            values.update(SMTP_USER=USER, SMTP_PASSWORD=PASSWORD)
        return values
