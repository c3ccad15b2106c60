"""Structured logs: one JSON object a line, each carrying the id of the request it belongs to.

A request's id is the caller's `X-Request-ID` when it is a sane token (a proxy or another
system tracing a call through us), otherwise a new one; it is echoed in the response and
put on every log record made while the request runs, whichever logger makes it.
Nothing here logs a header, body or query string: tokens and personal data stay out. A
secret that is part of a path (a calendar feed's /calendar/<token>.ics, an API token) is
masked in access lines, gunicorn's and the development server's alike.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import uuid
from datetime import UTC, datetime

from flask import Flask, g, has_request_context, request
from gunicorn import glogging

REQUEST_ID_HEADER = "X-Request-ID"
_SANE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_HANDLER_MARK = "_iop_handler"
# Secrets that can stand in a URL: a calendar feed's token is its path, API tokens start iop_.
_SECRETS = (re.compile(r"(/calendar/)[^/?#\s\"]+?(\.ics)"), re.compile(r"(iop_)[A-Za-z0-9_-]{8,}()"))
_REQUEST_LOGGERS = frozenset({"werkzeug", "gunicorn.access"})


def mask_secrets(text: str) -> str:
    """`text` with every secret token in it replaced by ***."""
    for pattern in _SECRETS:
        text = pattern.sub(r"\1***\2", text)
    return text
# Attributes every LogRecord has; anything else on a record was passed as `extra`.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def current_request_id() -> str | None:
    if has_request_context():
        return g.get("request_id")
    return None


def _install_record_factory() -> None:
    """Every record gets `request_id`, so any handler (ours, gunicorn's, pytest's) can show it."""
    factory = logging.getLogRecordFactory()
    if getattr(factory, "_iop", False):
        return

    def with_request_id(*args, **kwargs):
        record = factory(*args, **kwargs)
        record.request_id = current_request_id()
        if record.name in _REQUEST_LOGGERS:  # request lines: the URL may hold a feed's token
            record.msg, record.args = mask_secrets(record.getMessage()), None
        return record

    with_request_id._iop = True
    logging.setLogRecordFactory(with_request_id)


class JsonFormatter(logging.Formatter):
    """A log record as one line of JSON: time, level, logger, message, request_id, extras."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in entry:
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


def configure(app: Flask) -> None:
    """Log to stderr in LOG_FORMAT at LOG_LEVEL, once per process, and tag requests with ids."""
    _install_record_factory()
    root = logging.getLogger()
    handler = next((h for h in root.handlers if getattr(h, _HANDLER_MARK, False)), None)
    if handler is None and not app.testing:  # under pytest, pytest's capture shows the logs
        handler = logging.StreamHandler(sys.stderr)
        setattr(handler, _HANDLER_MARK, True)
        root.addHandler(handler)
        root.setLevel(app.config["LOG_LEVEL"])
    if handler is not None:
        handler.setFormatter(JsonFormatter() if app.config["LOG_FORMAT"] == "json"
                             else logging.Formatter(TEXT_FORMAT))

    @app.before_request
    def assign_request_id() -> None:
        offered = request.headers.get(REQUEST_ID_HEADER, "")
        g.request_id = offered if _SANE_ID.match(offered) else uuid.uuid4().hex

    @app.after_request
    def echo_request_id(response):
        if "request_id" in g:
            response.headers[REQUEST_ID_HEADER] = g.request_id
        return response



class GunicornLogger(glogging.Logger):
    """gunicorn's error and access logs as JSON lines (IOP_LOG_FORMAT=text keeps its own).

    An access line has the request's id (from the X-Request-ID the app answered with),
    method, path without the query string (searches carry names), status, size and time.
    """

    def setup(self, cfg):
        super().setup(cfg)
        if _json_wanted():
            for log in (self.error_log, self.access_log):
                for handler in log.handlers:
                    handler.setFormatter(JsonFormatter())

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "q", "f"):  # request line, path, query, referer
            if isinstance(atoms.get(key), str):
                atoms[key] = mask_secrets(atoms[key])
        return atoms

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        if not _json_wanted():
            return super().access(resp, req, environ, request_time)
        atoms = self.atoms(resp, req, environ, request_time)
        record = self.access_log.makeRecord(self.access_log.name, logging.INFO, __file__, 0,
                                            "request", None, None)
        record.__dict__.update({
            "request_id": atoms.get("{x-request-id}o"), "remote_addr": atoms["h"],
            "method": atoms["m"], "path": atoms["U"], "status": int(atoms["s"]),
            "bytes": atoms["B"], "duration_ms": atoms["M"], "user_agent": atoms["a"],
        })
        self.access_log.handle(record)


def _json_wanted() -> bool:
    return os.environ.get("IOP_LOG_FORMAT", "json").lower() == "json"
