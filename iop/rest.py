"""The REST plumbing every resource shares: errors, paging, ETags, the OpenAPI document."""

from __future__ import annotations

import json
import logging
from copy import deepcopy
from functools import wraps
from http import HTTPStatus

import marshmallow as ma
from apispec import BasePlugin
from flask import Response, g, request
from flask_smorest import Api as SmorestApi
from flask_smorest import Blueprint as SmorestBlueprint
from werkzeug.exceptions import HTTPException, InternalServerError

from iop.roles import PERMISSIONS, Role, authorize
from iop.schemas import QueryInteger

log = logging.getLogger(__name__)

MAX_PER_PAGE = 100
ALL_ROLES = frozenset(r.value for r in Role)


class Api(SmorestApi):
    """flask-smorest's Api, answering errors as JSON for the API and as pages elsewhere."""

    # No catch-all "default" response: every status an operation can answer is documented
    # by name (ErrorResponsesPlugin), so a client, and the fuzzer, can hold it to them.
    DEFAULT_ERROR_RESPONSE_NAME = None

    def handle_http_exception(self, error: HTTPException):
        from iop.errors import is_api_request, respond

        if isinstance(error, InternalServerError):
            original = getattr(error, "original_exception", None)
            if original is not None:
                log.error("unhandled error", exc_info=original)
            # A generic message: the original may quote SQL or a path.
            message = "Ett oväntat fel inträffade. Felet är loggat."
            return respond(500, message)
        # Allow (405), WWW-Authenticate (401) and the like belong in the answer whatever its body.
        protocol_headers = {k: v for k, v in error.get_headers() if k.lower() != "content-type"}
        if not is_api_request():
            return respond(error.code or 500, _swedish_description(error), headers=protocol_headers)
        payload, status, headers = super().handle_http_exception(error)
        headers = {**protocol_headers, **(headers or {})}
        errors = payload.get("errors")
        if isinstance(errors, dict):
            payload["errors"] = flatten_errors(errors)
        payload.setdefault("message", _message_for(error, payload))
        response = Response(json.dumps(payload), status=status, mimetype="application/json")
        for key, value in headers.items():
            response.headers[key] = value
        return response


def flatten_errors(errors: dict) -> dict:
    """Key field errors by field name, keeping webargs' grouping by location beside them.

    webargs reports `{"json": {"org_number": [...]}}`; clients look for the field.
    """
    if errors == {"json": ["Invalid JSON body."]}:
        return {"json": ["Ogiltig JSON i begäran."]}
    flat: dict = {}
    for location, fields in errors.items():
        if location in ("json", "query", "form", "files", "headers", "view_args") and isinstance(
            fields, dict
        ):
            for name, messages in fields.items():
                flat.setdefault(name, messages)
            flat[location] = fields
        else:
            flat[location] = fields
    return flat


def _message_for(error: HTTPException, payload: dict) -> str:
    if error.code == 422:
        return "Uppgifterna är inte giltiga."
    if error.code == 400 and "errors" in payload:
        return "Begäran kunde inte tolkas."
    return _swedish_description(error)


_DESCRIPTIONS = {
    400: "Begäran kunde inte tolkas.",
    401: "Inloggning krävs.",
    403: "Du har inte behörighet till detta.",
    404: "Det som efterfrågas finns inte.",
    405: "Metoden är inte tillåten här.",
    409: "Åtgärden krockar med resursens nuvarande läge.",
    413: "Begäran är för stor.",
    415: "Innehållstypen stöds inte.",
    422: "Uppgifterna är inte giltiga.",
    429: "För många försök. Vänta en stund.",
}


def _swedish_description(error: HTTPException) -> str:
    return _DESCRIPTIONS.get(error.code or 500, HTTPStatus(error.code or 500).phrase)


_SCHEMA_OWNERS: dict[str, type] = {}


def schema_name(schema) -> str:
    """Name a schema in the OpenAPI document: two features' `TransitionIn` get their feature's
    name in front of the second; a partial (PATCH) variant gets its own name."""
    cls = schema if isinstance(schema, type) else type(schema)
    name = cls.__name__.removesuffix("Schema")
    if _SCHEMA_OWNERS.setdefault(name, cls) is not cls:
        feature = cls.__module__.split(".")[1] if cls.__module__.startswith("iop.") else cls.__module__
        name = feature.title().replace("_", "") + name
    if not isinstance(schema, type) and schema.partial:
        name += "Patch"
    return name


def spec_kwargs() -> dict:
    from apispec.ext.marshmallow import MarshmallowPlugin

    return {"marshmallow_plugin": MarshmallowPlugin(schema_name_resolver=schema_name),
            "extra_plugins": [ErrorResponsesPlugin()]}


class ErrorResponsesPlugin(BasePlugin):
    """Document the errors the shared plumbing can answer, on every operation that can meet them.

    What a view documents itself (`@blp.alt_response(409, ...)`) is kept; this adds the rest,
    so an operation added later is documented without anyone remembering to.
    """

    def operation_helper(self, path=None, operations=None, **kwargs):
        for method, operation in (operations or {}).items():
            if method not in HTTP_METHODS:
                continue
            if method in ("put", "patch") or operation.pop(IF_MATCH_FLAG, False):
                _add_if_match(operation)
            responses = operation.setdefault("responses", {})
            for status in expected_errors(method, operation, has_path_ids="{" in (path or "")):
                responses.setdefault(str(status), HTTPStatus(status).name)


def expected_errors(method: str, operation: dict, *, has_path_ids: bool) -> list[int]:
    """The error statuses an operation can answer through the shared plumbing alone.

    503 the database is away; 401 no valid token; 403 the permission `requires()` names
    is not every role's; 404 an id in the path; 400/413/422 a request body (malformed,
    too large, invalid); 422 query arguments; 409 a create or change that collides
    (a unique number); 412/428 an If-Match that is stale or missing.
    """
    statuses = [503]
    if operation.get("security") != []:
        statuses.append(401)
        roles = operation.get("x-iop-roles")
        if roles is not None and set(roles) != ALL_ROLES:
            statuses.append(403)
    if has_path_ids:
        statuses.append(404)
    if "requestBody" in operation:
        statuses += [400, 413, 422]
    parameters = [p for p in operation.get("parameters", []) if isinstance(p, dict)]
    if any(p.get("in") == "query" for p in parameters):
        statuses.append(422)
    if method in ("post", "put", "patch"):
        statuses.append(409)
    if any(p.get("in") == "header" and p.get("name") == "If-Match" for p in parameters):
        statuses += [412, 428]
    return statuses


HTTP_METHODS = ("get", "post", "put", "patch", "delete")

IF_MATCH_PARAMETER = {
    "in": "header", "name": "If-Match", "required": True, "schema": {"type": "string"},
    "description": "The ETag of the last read: 428 without it (or with `*`), 412 when someone changed it "
                   "since.",
}
IF_MATCH_FLAG = "x-iop-if-match"
IF_MATCH_DOC = {IF_MATCH_FLAG: True}
"""`@blp.doc(**IF_MATCH_DOC)` on an operation that calls require_if_match() and is not a
PATCH or PUT (those get it without asking): the If-Match header, 412 and 428 are documented."""


def _add_if_match(operation: dict) -> None:
    parameters = operation.setdefault("parameters", [])
    if not any(isinstance(p, dict) and p.get("name") == "If-Match" for p in parameters):
        parameters.append(dict(IF_MATCH_PARAMETER))


def requires(permission: str):
    """Refuse (403) a caller whose role lacks `permission`, before the view runs.

    The permission and its roles go into the OpenAPI document (`x-iop-permission`,
    `x-iop-roles`), which also tells ErrorResponsesPlugin to document the 403. The caller
    is the one authenticate_api_request (iop.auth.api) put in `g.api_user`.
    """
    roles = sorted(role.value for role in PERMISSIONS[permission])

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            authorize(g.api_user, permission)
            return view(*args, **kwargs)

        wrapper._iop_permission = permission
        # flask-smorest's own way of adding to an operation's document (what @blp.doc does).
        wrapper._apidoc = deepcopy(getattr(wrapper, "_apidoc", {}))
        wrapper._apidoc.setdefault("manual_doc", {}).update(
            {"x-iop-permission": permission, "x-iop-roles": roles})
        return wrapper

    return decorator


class Blueprint(SmorestBlueprint):
    """A flask-smorest blueprint; every operation is documented as needing a bearer token."""


class PageArgs(ma.Schema):
    """`page` and `per_page`, strictly: no 0, no fractions, no more than MAX_PER_PAGE."""

    class Meta:
        unknown = ma.EXCLUDE

    page = QueryInteger(load_default=1, validate=ma.validate.Range(min=1, max=1_000_000))
    per_page = QueryInteger(load_default=20, validate=ma.validate.Range(min=1, max=MAX_PER_PAGE))


def pagination_header(page: int, per_page: int, total: int) -> dict[str, str]:
    """X-Pagination as flask-smorest writes it."""
    meta = SmorestBlueprint._make_pagination_metadata(page, per_page, total)
    return {"X-Pagination": json.dumps(meta)}


def paginate(session, statement, *, page: int, per_page: int):
    """One page of a select, and the header that describes it: two queries, whatever the size."""
    import sqlalchemy as sa

    total = session.scalar(sa.select(sa.func.count()).select_from(statement.order_by(None).subquery()))
    items = session.scalars(statement.limit(per_page).offset((page - 1) * per_page)).unique().all()
    return items, pagination_header(page, per_page, total)


PAGINATION_DOC = {
    "headers": {
        "X-Pagination": {
            "description": "Paging metadata: total, total_pages, page, first_page, last_page, "
            "previous_page, next_page",
            "schema": {"type": "string"},
        }
    }
}


def scanned_paper_body() -> dict:
    """The request body of an upload of a signed paper: multipart with `file`, or the PDF, PNG or
    JPEG itself (a fresh dict each time: the document builder may change what it is given)."""
    def binary() -> dict:
        return {"type": "string", "format": "binary"}

    return {"content": {
        "multipart/form-data": {"schema": {"type": "object", "properties": {"file": binary()}}},
        "application/pdf": {"schema": binary()}, "image/png": {"schema": binary()},
        "image/jpeg": {"schema": binary()}}}


def etag_for(entity: str, ident: int, version: int) -> str:
    return f'"{entity}-{ident}-v{version}"'


def require_if_match(current_etag: str) -> None:
    """428 without If-Match, 412 when it names another version than the current one."""
    from iop.errors import PreconditionFailed, PreconditionRequired

    if_match = request.if_match
    if if_match.star_tag:
        # "*" means "whatever is there now": it would skip the very check If-Match is for.
        raise PreconditionRequired(
            "If-Match: * räcker inte: ange den ETag som senaste hämtningen gav, så att ingen annans "
            "ändring skrivs över.")
    if not if_match or not list(if_match):
        raise PreconditionRequired(
            "Ändringen kräver If-Match med den ETag som senaste hämtningen gav."
        )
    if current_etag.strip('"') not in if_match:
        raise PreconditionFailed("Någon annan har ändrat uppgifterna under tiden. Hämta dem igen.")
