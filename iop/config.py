"""Settings: defaults, then IOP_* environment variables, then the caller's overrides.

Environment values are read as plain strings and converted here, so that
`IOP_SMTP_PASSWORD=12345` stays a string and a bad port fails at start-up
with the variable's name instead of deep inside a request.
"""

from __future__ import annotations

import os
import secrets
import time
from decimal import Decimal, InvalidOperation
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from iop import daterange

REPO_ROOT = Path(__file__).resolve().parent.parent

DEFAULTS: dict[str, object] = {
    "DATABASE_URL": None,  # None: a SQLite file in the instance folder
    "SECRET_KEY": None,  # None: a random key kept in the instance folder
    "BASE_URL": "http://127.0.0.1:5000",
    "TIMEZONE": "Europe/Stockholm",
    "SMTP_HOST": "localhost",
    "SMTP_PORT": 25,
    "SMTP_USER": None,
    "SMTP_PASSWORD": None,
    "SMTP_SECURITY": "none",
    "SMTP_TIMEOUT": 10,
    "SMTP_CA_FILE": None,  # None: the system's trusted certificates; else a PEM file to trust instead
    "MAIL_FROM": "iop@localhost",
    # smtp: hand e-mail to IOP_SMTP_HOST; file: keep each one as an .eml file in IOP_MAIL_DIR
    # (default: the instance folder's `mail`), shown to admins on /admin/e-post/fangad (`make run`).
    "MAIL_BACKEND": "smtp",
    "MAIL_DIR": None,
    "REMINDER_DAYS": "90,30,7",
    # Minutes to wait before each new attempt at a failed e-mail; after the last, it is `failed`.
    "MAIL_RETRY_MINUTES": "5,30,120,720",
    "SCHEDULER": "off",
    "TEMPLATES_DIR": str(REPO_ROOT / "templates" / "agreements"),
    # A template's test rendering runs in a child process with these limits (iop.documents.limits).
    "TEMPLATE_CHECK_SECONDS": 30,
    "TEMPLATE_CHECK_MEMORY_MB": 1024,
    "MIGRATIONS_DIR": str(REPO_ROOT / "migrations"),
    # Room for a signed scan (MAX_SCAN_BYTES) with its multipart wrapping; JSON bodies are far smaller.
    "MAX_CONTENT_LENGTH": 25 * 1024 * 1024,
    # A token's last use and a web session's last request are written at most this often.
    "TOKEN_TOUCH_SECONDS": 60,
    # How long a new (or renewed) API token works.
    "API_TOKEN_MONTHS": 12,
    # Answers of GET /api/v1/agreements/{id} each worker keeps, by version (iop.agreements.reads):
    # a few kB each, 160 kB at most (eight long texts at their limit).
    "AGREEMENT_READS_KEPT": 256,
    # Pages of GET /api/v1/agreements each worker keeps while no audited row changes (0: none).
    "AGREEMENT_LISTS_KEPT": 64,
    # Agreement pages (their main part, per viewer) each worker keeps while nothing on them changes
    # (iop.agreements.kept_pages): about 15 kB each, 8 MB at most; and for at most this many seconds.
    "AGREEMENT_PAGES_KEPT": 512,
    "AGREEMENT_PAGES_KEPT_SECONDS": 300,
    # Work out every kept page and state-aid warning again and compare (the test suite: a stale
    # one fails its test).
    "KEPT_VERIFY": False,
    "MUNICIPALITY_NAME": "Kommunen",
    # The yearly report (ärende to the executive board): who sends it, the decision that asks
    # for it (Bakgrund), whom the decision goes to, and how many rows each list has in Word.
    "REPORT_SENDER": "Kommunledningsförvaltningen",
    "REPORT_DECISION": ("Kommunstyrelsen gav den 17 januari 2017, § 29, kommunledningskontoret i uppdrag "
                        "att årligen rapportera idéburna aktörers initiativ och medverkan i kommunala "
                        "välfärdstjänster, och att tydliggöra hur initiativ och förslag från idéburna "
                        "verksamheter tas omhand och samordnas."),
    "REPORT_SEND_TO": "Förvaltningscheferna; Nämnderna",
    "REPORT_LIST_ROWS": 200,
    "ARCHIVE_PDFA": "on",
    "MAX_SCAN_BYTES": 20 * 1024 * 1024,
    "MAX_FOLLOW_UP_FILE_BYTES": 20 * 1024 * 1024,  # one file of a follow-up report
    # IOP legality checks (warnings, never blocking)
    "MAX_TERM_MONTHS": 48,
    "EUR_SEK_RATE": "11.0",
    "DE_MINIMIS_EUR": 300000,
    "DE_MINIMIS_SGEI_EUR": 750000,
    # Swedish working days an initiative may wait for its first handling before the
    # network is alerted; the network's own mailbox gets the alert beside the coordinators.
    "INITIATIVE_RESPONSE_DAYS": 14,
    "INITIATIVE_NETWORK_EMAIL": None,
    # Notifications: review requests go to this mailbox instead of every lawyer when it is set.
    "LEGAL_MAILBOX": None,
    # Working days a follow-up report may be overdue before the department's mailbox is told too.
    "FOLLOW_UP_ESCALATION_DAYS": 10,
    # Grants import and open data
    "GRANTS_IMPORT_MAX_BYTES": 5 * 1024 * 1024,
    "GRANTS_IMPORT_MAX_ROWS": 50000,
    "OCDS_PREFIX": "ocds-xxxxxx",
    # Web sessions: logged out after this long without a request, and this long after login.
    "SESSION_IDLE_MINUTES": 30,
    "SESSION_MAX_HOURS": 12,
    # The organisations' portal: its sessions end sooner than the staff's.
    "PORTAL_IDLE_MINUTES": 15,
    "PORTAL_MAX_HOURS": 4,
    "SESSION_COOKIE_SECURE": None,  # None: on, unless BASE_URL is http:// on this machine
    # Web login: this many failures within LOGIN_LOCK_MINUTES lock the account (or, for
    # LOGIN_ADDRESS_MAX_FAILURES, the client's address) for LOGIN_LOCK_MINUTES.
    # LOGIN_MAX_FAILURES counts one e-mail from one address (locks growing twice as long each
    # time); LOGIN_ACCOUNT_MAX_FAILURES the e-mail from anywhere (locks never growing).
    "LOGIN_MAX_FAILURES": 5,
    "LOGIN_ACCOUNT_MAX_FAILURES": 20,
    "LOGIN_ADDRESS_MAX_FAILURES": 30,
    "LOGIN_LOCK_MINUTES": 15,
    # Reverse proxies in front of the service whose X-Forwarded-For/-Proto to believe (through
    # werkzeug's ProxyFix; nothing else reads those headers). TRUSTED_PROXIES is its older name.
    "PROXY_COUNT": 0,
    "TRUSTED_PROXIES": 0,
    # Dates accepted anywhere (API, pages, imports, CLI); outside them: 422 naming the field.
    "DATE_MIN": "1900-01-01",
    "DATE_MAX": "2199-12-31",
    "LOG_FORMAT": "json",
    "LOG_LEVEL": "INFO",
}

INT_KEYS = {"SMTP_PORT", "SMTP_TIMEOUT", "MAX_CONTENT_LENGTH", "MAX_SCAN_BYTES", "TOKEN_TOUCH_SECONDS",
            "MAX_TERM_MONTHS", "DE_MINIMIS_EUR", "DE_MINIMIS_SGEI_EUR", "INITIATIVE_RESPONSE_DAYS",
            "FOLLOW_UP_ESCALATION_DAYS",
            "GRANTS_IMPORT_MAX_BYTES", "GRANTS_IMPORT_MAX_ROWS", "SESSION_IDLE_MINUTES", "SESSION_MAX_HOURS",
            "LOGIN_MAX_FAILURES", "LOGIN_ACCOUNT_MAX_FAILURES", "LOGIN_ADDRESS_MAX_FAILURES",
            "LOGIN_LOCK_MINUTES", "TRUSTED_PROXIES",
            "PROXY_COUNT", "API_TOKEN_MONTHS", "TEMPLATE_CHECK_SECONDS", "TEMPLATE_CHECK_MEMORY_MB",
            "MAX_FOLLOW_UP_FILE_BYTES", "REPORT_LIST_ROWS", "PORTAL_IDLE_MINUTES", "PORTAL_MAX_HOURS",
            "AGREEMENT_READS_KEPT", "AGREEMENT_LISTS_KEPT", "AGREEMENT_PAGES_KEPT",
            "AGREEMENT_PAGES_KEPT_SECONDS"}
CHOICES = {"SMTP_SECURITY": {"none", "starttls", "ssl"}, "SCHEDULER": {"on", "off"},
           "MAIL_BACKEND": {"smtp", "file"},
           "ARCHIVE_PDFA": {"on", "off"}, "LOG_FORMAT": {"json", "text"},
           "LOG_LEVEL": {"debug", "info", "warning", "error"}}


class ConfigError(ValueError):
    """A setting has a value the service cannot run with."""


def normalise(config: dict, instance_path: Path) -> None:
    """Convert string settings to their types and fill in the derived defaults."""
    for key in INT_KEYS:
        config[key] = _as_int(key, config.get(key))
    for key, allowed in CHOICES.items():
        value = str(config.get(key)).lower()
        if value not in allowed:
            raise ConfigError(f"IOP_{key} must be one of {sorted(allowed)}, not {value!r}")
        config[key] = value
    config["REMINDER_DAYS"] = parse_reminder_days(config.get("REMINDER_DAYS"))
    config["EUR_SEK_RATE"] = _as_rate(config.get("EUR_SEK_RATE"))
    if config["FOLLOW_UP_ESCALATION_DAYS"] < 1:
        raise ConfigError("IOP_FOLLOW_UP_ESCALATION_DAYS must be at least 1 working day")
    if config["INITIATIVE_RESPONSE_DAYS"] < 1:
        raise ConfigError("IOP_INITIATIVE_RESPONSE_DAYS must be at least 1 working day")
    config["MAIL_RETRY_MINUTES"] = parse_retry_minutes(config.get("MAIL_RETRY_MINUTES"))
    try:
        ZoneInfo(str(config["TIMEZONE"]))
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ConfigError(f"IOP_TIMEZONE is not a known time zone: {config['TIMEZONE']!r}") from error
    config["BASE_URL"] = str(config["BASE_URL"]).rstrip("/")
    config["ARCHIVE_PDFA"] = config["ARCHIVE_PDFA"] == "on"
    config["LOG_LEVEL"] = config["LOG_LEVEL"].upper()
    config["PROXY_COUNT"] = max(config["PROXY_COUNT"], config["TRUSTED_PROXIES"])
    if config["PROXY_COUNT"] < 0 or not 1 <= config["API_TOKEN_MONTHS"] <= 120:
        raise ConfigError("IOP_PROXY_COUNT must be 0 or more and IOP_API_TOKEN_MONTHS 1 to 120")
    _session_cookies(config)
    _date_range(config)

    url = config.get("DATABASE_URL") or f"sqlite:///{instance_path / 'iop.sqlite3'}"
    config["DATABASE_URL"] = _sqlalchemy_url(str(url))
    config["SQLALCHEMY_DATABASE_URI"] = config["DATABASE_URL"]
    config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", _engine_options(config["DATABASE_URL"]))
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = _instance_secret(instance_path)
    config["MAIL_DIR"] = str(config.get("MAIL_DIR") or instance_path / "mail")


def parse_reminder_days(value) -> tuple[int, ...]:
    """`"90,30,7"` -> (90, 30, 7); refuse anything but non-negative whole days."""
    if isinstance(value, (list, tuple)):
        parts = [str(v) for v in value]
    else:
        parts = [p for p in str(value).replace(" ", "").split(",") if p]
    try:
        days = tuple(sorted({int(p) for p in parts}, reverse=True))
    except ValueError as error:
        raise ConfigError(f"IOP_REMINDER_DAYS must be whole days like 90,30,7, not {value!r}") from error
    if not days or min(days) < 0:
        raise ConfigError(f"IOP_REMINDER_DAYS must be whole days like 90,30,7, not {value!r}")
    return days


def parse_retry_minutes(value) -> tuple[int, ...]:
    """`"5,30,120"` -> (5, 30, 120): the waits, in order, before each retry of a failed e-mail."""
    parts = [str(v) for v in value] if isinstance(value, (list, tuple)) else [
        p for p in str(value).replace(" ", "").split(",") if p]
    try:
        minutes = tuple(int(p) for p in parts)
    except ValueError as error:
        raise ConfigError(f"IOP_MAIL_RETRY_MINUTES must be minutes like 5,30,120, not {value!r}") from error
    if min(minutes, default=1) < 1:
        raise ConfigError(f"IOP_MAIL_RETRY_MINUTES must be minutes like 5,30,120, not {value!r}")
    return minutes


LOCAL_HTTP = ("http://127.0.0.1", "http://localhost", "http://[::1]")


def _session_cookies(config: dict) -> None:
    """Cookies only over HTTPS (unless serving plain http on this machine), never to scripts,
    not on cross-site requests; web sessions end when the browser closes."""
    secure = config.get("SESSION_COOKIE_SECURE")
    if secure is None:
        base = config["BASE_URL"]
        secure = not any(base == local or base.startswith(local + ":") or base.startswith(local + "/")
                         for local in LOCAL_HTTP)
    elif isinstance(secure, str):
        if secure.lower() not in ("on", "off", "true", "false", "1", "0"):
            raise ConfigError(f"IOP_SESSION_COOKIE_SECURE must be on or off, not {secure!r}")
        secure = secure.lower() in ("on", "true", "1")
    config.update({
        "SESSION_COOKIE_SECURE": bool(secure), "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": bool(secure), "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
    })


def _date_range(config: dict) -> None:
    for key in ("DATE_MIN", "DATE_MAX"):
        try:
            config[key] = daterange.parse_setting(key, config.get(key))
        except ValueError as error:
            raise ConfigError(str(error)) from error
    if config["DATE_MIN"] > config["DATE_MAX"]:
        raise ConfigError("IOP_DATE_MIN must not be after IOP_DATE_MAX")


def _as_int(key: str, value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as error:
        raise ConfigError(f"IOP_{key} must be a whole number, not {value!r}") from error


def _as_rate(value) -> Decimal:
    try:
        rate = Decimal(str(value).replace(",", "."))
    except InvalidOperation as error:
        raise ConfigError(f"IOP_EUR_SEK_RATE must be a number like 11.2, not {value!r}") from error
    if not rate.is_finite() or rate <= 0:
        raise ConfigError(f"IOP_EUR_SEK_RATE must be a positive number, not {value!r}")
    return rate


def _sqlalchemy_url(url: str) -> str:
    # Operators paste libpq URLs; SQLAlchemy would pick psycopg2, which is not installed.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _engine_options(url: str) -> dict:
    if url.startswith("sqlite"):
        return {"connect_args": {"timeout": 30}}
    # pre_ping replaces connections a database restart has broken, instead of failing a request.
    return {"pool_pre_ping": True, "pool_size": 5, "max_overflow": 5}


def _instance_secret(instance_path: Path) -> str:
    """The key kept in the instance folder, made once: created with O_EXCL and mode 0600, so
    two processes starting together agree on one key and nobody else can read it."""
    path = instance_path / "secret_key"
    key = secrets.token_urlsafe(48)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):  # another process may be between creating and writing it
            existing = path.read_text().strip()
            if existing:
                return existing
            time.sleep(0.02)
        raise ConfigError(f"{path} is empty: remove it or set IOP_SECRET_KEY") from None
    with os.fdopen(descriptor, "w") as file:
        file.write(key)
    return key
