"""The one way out for e-mail: a Swedish MIME message (plain text and HTML), handed to SMTP.

Queuing and retrying are the outbox's (iop.outbox); this module only builds and sends.
Settings: IOP_SMTP_HOST, _PORT, _USER, _PASSWORD, _SECURITY (none | starttls | ssl),
_TIMEOUT, _CA_FILE and IOP_MAIL_FROM. With IOP_MAIL_BACKEND=file each message is kept as an
.eml file in IOP_MAIL_DIR instead (a local installation: `make run`), and read back by
read_caught() for the admins' page of caught e-mail.
"""

from __future__ import annotations

import base64
import hashlib
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from email import message_from_bytes
from email import policy as email_policy
from email.header import Header
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr, parsedate_to_datetime
from pathlib import Path

MAX_ERROR_LENGTH = 1000


class MailError(Exception):
    """The SMTP server did not take the message. `permanent`: trying again cannot help."""

    def __init__(self, message: str, *, permanent: bool = False):
        super().__init__(message[:MAX_ERROR_LENGTH])
        self.permanent = permanent


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str  # none | starttls | ssl
    sender: str
    user: str | None = None
    password: str | None = None
    timeout: int = 10
    ca_file: str | None = None
    backend: str = "smtp"  # smtp | file
    directory: str | None = None  # where the file backend keeps the messages

    @classmethod
    def from_config(cls, config: Mapping) -> SmtpSettings:
        return cls(host=config["SMTP_HOST"], port=config["SMTP_PORT"], security=config["SMTP_SECURITY"],
                   sender=config["MAIL_FROM"], user=config.get("SMTP_USER") or None,
                   password=config.get("SMTP_PASSWORD") or None, timeout=config["SMTP_TIMEOUT"],
                   ca_file=config.get("SMTP_CA_FILE") or None,
                   backend=config.get("MAIL_BACKEND") or "smtp", directory=config.get("MAIL_DIR"))


@dataclass(frozen=True)
class Email:
    recipients: tuple[str, ...]
    subject: str
    text: str
    html: str | None
    message_id: str  # stable for one message, so a resend after a crash is recognisably the same


def build_message(email: Email, *, sender: str, sent_at: datetime) -> EmailMessage:
    """The MIME message: UTF-8 plain text, with an HTML alternative when there is one."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = ", ".join(email.recipients)
    # Headers cannot hold line breaks; a title typed with one must not break the message.
    subject = " ".join(email.subject.split())
    message["Subject"] = subject if subject.isascii() else _EncodedSubject(subject)
    message["Date"] = format_datetime(sent_at)
    message["Message-ID"] = email.message_id
    # Automatic mail: out-of-office replies should not answer it (RFC 3834, and Outlook's own header).
    message["Auto-Submitted"] = "auto-generated"
    message["X-Auto-Response-Suppress"] = "All"
    message.set_content(email.text, subtype="plain", charset="utf-8")
    if email.html is not None:
        message.add_alternative(email.html, subtype="html", charset="utf-8")
    message["Content-Language"] = "sv"  # after the content: setting content clears Content-* headers
    return message


class _EncodedSubject(str):
    """A non-ASCII subject folded as encoded words that carry their spaces inside them.

    The standard folder leaves the space between two encoded words outside them, and readers
    drop such a space (RFC 2047 6.2): a long Swedish subject lost a space at each fold.
    """

    name = "Subject"  # the policy keeps a value with a matching name as it is, and asks it to fold

    def fold(self, *, policy) -> str:
        encoded = Header(str(self), "utf-8", header_name="Subject").encode(linesep=policy.linesep)
        return f"Subject: {encoded}{policy.linesep}"


def send(email: Email, *, settings: SmtpSettings, sent_at: datetime) -> dict[str, str]:
    """Hand the message to the SMTP server; answers the recipients it refused while taking the rest.

    Raises MailError when the server took nothing.
    """
    if not email.recipients:
        raise MailError("Ingen mottagare: meddelandet har ingen e-postadress att skickas till.",
                        permanent=True)
    message = build_message(email, sender=settings.sender, sent_at=sent_at)
    if settings.backend == "file":
        return _keep_in_file(message, Path(settings.directory), sent_at)
    try:
        with _connect(settings) as smtp:
            # The envelope sender is the bare address; "Namn <adress>" belongs in the From header only.
            refused = smtp.send_message(message, from_addr=parseaddr(settings.sender)[1],
                                        to_addrs=list(email.recipients))
    except smtplib.SMTPRecipientsRefused as error:
        codes = [code for code, _ in error.recipients.values()]
        raise MailError(_describe(error), permanent=all(500 <= c < 600 for c in codes)) from error
    except (smtplib.SMTPException, OSError) as error:  # OSError: refused, timed out, TLS failed
        raise MailError(_describe(error)) from error
    return {address: f"{code} {_text(reply)}" for address, (code, reply) in refused.items()}


@dataclass(frozen=True)
class CaughtEmail:
    """A message the file backend kept: what an admin reads on the page of caught e-mail."""

    name: str
    subject: str
    recipients: str
    sent_at: datetime | None
    text: str


def _keep_in_file(message: EmailMessage, directory: Path, sent_at: datetime) -> dict[str, str]:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256(message["Message-ID"].encode()).hexdigest()[:12]
        (directory / f"{sent_at:%Y%m%dT%H%M%S%f}-{digest}.eml").write_bytes(message.as_bytes())
    except OSError as error:
        raise MailError(f"E-postmeddelandet kunde inte sparas i {directory}: {error.strerror}") from error
    return {}


def read_caught(directory: str | Path, *, limit: int = 50) -> list[CaughtEmail]:
    """The messages the file backend kept, newest first."""
    folder = Path(directory)
    if not folder.is_dir():
        return []
    caught = []
    for path in sorted(folder.glob("*.eml"), reverse=True)[:limit]:
        message = message_from_bytes(path.read_bytes(), policy=email_policy.default)
        body = message.get_body(preferencelist=("plain",))
        caught.append(CaughtEmail(name=path.name, subject=str(message["Subject"] or ""),
                                  recipients=str(message["To"] or ""),
                                  sent_at=parsedate_to_datetime(message["Date"]) if message["Date"] else None,
                                  text=body.get_content() if body is not None else ""))
    return caught


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    if settings.security == "ssl":
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                              context=_tls_context(settings))
    else:
        smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    try:
        if settings.security == "starttls":
            smtp.ehlo()
            # Never fall back to plain text: a server that stops offering STARTTLS is an error.
            smtp.starttls(context=_tls_context(settings))
            smtp.ehlo()
        if settings.user:
            _login(smtp, settings.user, settings.password or "")
    except BaseException:
        smtp.close()
        raise
    return smtp


def _login(smtp: smtplib.SMTP, user: str, password: str) -> None:
    if (user + password).isascii():
        smtp.login(user, password)
        return
    # smtplib encodes credentials as ASCII and fails on "lösenord"; AUTH PLAIN is UTF-8 (RFC 4616).
    smtp.ehlo_or_helo_if_needed()
    token = base64.b64encode(f"\0{user}\0{password}".encode()).decode("ascii")
    code, reply = smtp.docmd("AUTH", f"PLAIN {token}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def _tls_context(settings: SmtpSettings) -> ssl.SSLContext:
    # Verified certificates and host names; a private CA is trusted by naming its file.
    return ssl.create_default_context(cafile=settings.ca_file)


def _describe(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        details = "; ".join(f"{address}: {code} {_text(reply)}"
                            for address, (code, reply) in error.recipients.items())
        return f"Alla mottagare nekades: {details}"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{type(error).__name__}: {error.smtp_code} {_text(error.smtp_error)}"
    return f"{type(error).__name__}: {error}"


def _text(reply) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
