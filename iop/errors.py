"""Domain errors raised by services, and how they reach a client.

Services raise these; nothing below a view calls abort(). The API answers
every error in flask-smorest's JSON shape; web pages show a Swedish page.
"""

from __future__ import annotations

import logging
from http import HTTPStatus

from flask import Flask, current_app, jsonify, make_response, render_template, request
from markupsafe import escape
from sqlalchemy.exc import DataError, IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import InterfaceError as SQLInterfaceError
from sqlalchemy.orm.exc import StaleDataError

log = logging.getLogger(__name__)


class DomainError(Exception):
    """A request that the rules refuse; `status` is the HTTP status it maps to."""

    status = 400

    def __init__(self, message: str, errors: dict | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors


class Invalid(DomainError):
    """Input that is well-formed but breaks a rule about a field (422)."""

    status = 422

    def __init__(self, errors: dict[str, list[str] | str], message: str | None = None):
        normalised = {k: v if isinstance(v, list) else [v] for k, v in errors.items()}
        super().__init__(message or "Uppgifterna är inte giltiga.", normalised)


class Unauthorized(DomainError):
    """No credentials, or ones that do not identify an active user (401)."""

    status = 401


class Forbidden(DomainError):
    status = 403


class NotFound(DomainError):
    status = 404


class Conflict(DomainError):
    status = 409


class InvalidTransition(Conflict):
    """The lifecycle does not allow this step from the current status."""


class PreconditionFailed(DomainError):
    """The caller's If-Match names a version that is no longer current (412)."""

    status = 412


class PreconditionRequired(DomainError):
    """A change to an existing resource came without If-Match (428)."""

    status = 428


def is_api_request() -> bool:
    return request.path.startswith("/api/")


def error_payload(status: int, message: str, errors: dict | None = None) -> dict:
    payload = {"code": status, "status": HTTPStatus(status).phrase, "message": message}
    if errors is not None:
        payload["errors"] = errors
    return payload


def respond(status: int, message: str, errors: dict | None = None, headers: dict | None = None):
    """Answer an error as JSON for the API, as a page for the web interface."""
    if is_api_request():
        response = jsonify(error_payload(status, message, errors))
    else:
        response = make_response(_error_page(status, message))
    response.status_code = status
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def _error_page(status: int, message: str) -> str:
    try:
        return render_template("error.html", status=status, message=message)
    except SQLAlchemyError:
        # The last net: the layout needs the database that just failed (the user loader
        # already steps aside during an outage; a new template part might not).
        # Through the app, not iop.extensions: errors sit below the extensions module.
        current_app.extensions["sqlalchemy"].session.rollback()
        return BARE_ERROR_PAGE.format(status=status, message=escape(message))


BARE_ERROR_PAGE = """<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Fel {status}</title></head>
<body><main><h1>Något gick fel ({status})</h1><p>{message}</p></main></body></html>
"""


def register_error_handlers(app: Flask) -> None:
    """Map domain and database errors to responses; no trace or SQL leaves the server."""

    @app.errorhandler(DomainError)
    def domain_error(error: DomainError):
        headers = {"WWW-Authenticate": 'Bearer realm="iop"'} if error.status == 401 else None
        return respond(error.status, error.message, error.errors, headers=headers)

    @app.errorhandler(StaleDataError)
    def stale(error):
        return respond(412, "Någon annan har ändrat uppgifterna under tiden. Hämta dem igen.")

    @app.errorhandler(IntegrityError)
    def integrity(error):
        log.warning("integrity error: %s", error.orig)
        return respond(409, "Ändringen krockar med befintliga uppgifter.")

    @app.errorhandler(DataError)
    def unstorable(error):
        # A value the database refuses (a NUL byte, a number out of range) that no schema
        # caught: the caller's input, so 422, but logged as the gap in validation it is.
        log.error("database refused a value: %s", error.orig.__class__.__name__)
        return respond(422, "Ett värde kan inte lagras i databasen.")

    @app.errorhandler(OperationalError)
    @app.errorhandler(SQLInterfaceError)
    def database_unavailable(error):
        log.error("database unavailable: %s", error.orig)
        return respond(503, "Databasen är inte tillgänglig just nu. Försök igen om en stund.",
                       headers={"Retry-After": "5"})
