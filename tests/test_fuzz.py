"""Fuzzing the whole API from its own OpenAPI document, as every role and as nobody.

schemathesis generates valid and invalid requests for each operation the document
describes (so an endpoint added later is fuzzed without being listed here) and sends
each one with every role's token and with none. Every answer must be documented:
no 5xx, a documented status code, a body matching the documented schema, invalid
input refused.

The run keeps to a budget as the API grows: about FUZZ_BUDGET random examples in all,
shared by the operations (at least 5, at most 15 each), each sent by all seven identities,
plus schemathesis' boundary cases sent by one identity each. IOP_FUZZ_EXAMPLES=N sets the
examples per operation instead; IOP_FUZZ_RANDOM=1 explores new inputs instead of
replaying the fixed seed (run it now and then with a large N).
"""

from __future__ import annotations

import itertools
import os
from datetime import date

import pytest
import schemathesis
import sqlalchemy as sa
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.transport.serialization import serialize_binary

from tests.access_matrix import Records, iop_payload
from tests.openapi import OPENAPI_PATH, operations, spec_app

FUZZ_BUDGET = 210
EXPLORE = os.environ.get("IOP_FUZZ_RANDOM") == "1"

CONFIG = schemathesis.Config.from_dict({
    "generation": {"with-security-parameters": False, "allow-x00": True},
    "checks": {
        # Business rules (a Luhn check digit, a department that must exist) refuse some
        # input the schema allows: 422 is a valid answer to schema-valid data here.
        "positive_data_acceptance": {
            "expected-statuses": ["2xx", "401", "403", "404", "409", "412", "422", "428"]},
        # A PATCH without If-Match is refused with 428 Precondition Required.
        "missing_required_header": {
            "expected-statuses": ["400", "401", "403", "406", "415", "422", "428"]},
        # Every case is sent without a token below, and judged like any other answer.
        "ignored_auth": {"enabled": False},
    },
})


# Input at the edges (issue 20): dates just inside and outside 1900-01-01..2199-12-31 and at
# Python's own limits, and text with control characters, beside what schemathesis draws itself.
EDGE_DATES = ("0001-01-01", "0001-06-01", "1899-12-31", "1900-01-01", "2199-12-31", "2200-01-01",
              "9999-12-31")
CONTROL_CHARACTERS = ("\u000b", "\u0007", "\u001b", "\u0085", "\u007f", "\u0000")
schemathesis.openapi.format("date", st.one_of(st.sampled_from(EDGE_DATES), st.dates().map(date.isoformat)))


@schemathesis.hook
def flatmap_body(context, body):
    """Now and then, one text field of a JSON body with a control character in it."""
    if not isinstance(body, dict):
        return st.just(body)
    texts = sorted(key for key, value in body.items() if isinstance(value, str))
    if not texts:
        return st.just(body)
    spoiled = st.tuples(st.sampled_from(texts), st.sampled_from(CONTROL_CHARACTERS)).map(
        lambda pick: {**body, pick[0]: body[pick[0]] + pick[1] + "x"})
    return st.one_of(st.just(body), spoiled)


def _body_media_types() -> set[str]:
    return {media for op in operations()
            for media in op.doc.get("requestBody", {}).get("content", {})}


# Uploads (a scanned PDF, a CSV file) are bytes to schemathesis' WSGI transport, which only
# knows JSON, forms and text: every other body type the document names is sent as raw bytes.
_KNOWN = {"application/json", "multipart/form-data", "multipart/mixed", "text/plain",
          "application/x-www-form-urlencoded"}


@schemathesis.serializer(*sorted(_body_media_types() - _KNOWN) or ["application/x-iop-none"])
def _raw_bytes(ctx, value) -> bytes:
    return serialize_binary(value)


class CurrentApp:
    """The WSGI app schemathesis talks to: the app of the test that is running."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        return self.app(environ, start_response)


TARGET = CurrentApp(spec_app())
schema = schemathesis.openapi.from_wsgi(OPENAPI_PATH, TARGET, config=CONFIG)
FUZZ_EXAMPLES = int(os.environ.get("IOP_FUZZ_EXAMPLES") or
                    max(5, min(15, FUZZ_BUDGET // max(1, len(operations())))))


@pytest.fixture
def fuzzed_app(app, callers):
    """Point schemathesis at the test's app, with records for the ids it will try (1, 2, ...)."""
    _seed_records(app, callers)
    TARGET.app = app
    yield app
    TARGET.app = spec_app()


def _seed_records(app, callers) -> None:
    """Records with the small ids the fuzzer likes (1, 2, ...), so its calls reach past the 404:
    an active agreement with archived documents and a comment, a draft, an initiative."""
    from iop.agreements import services as agreements
    from iop.agreements.schemas import AgreementCreate
    from iop.auth.services import get_user
    from iop.extensions import db

    with app.app_context():
        records = Records(callers.admin, callers)
        records.active_agreement, records.comment, records.initiative  # noqa: B018 (made on access)
        draft = AgreementCreate().load(iop_payload(records.organisation.id, case_number="KFN 2026/0002"))
        agreements.draft_agreement(author=get_user(email=callers.officer.email), **draft)
        db.session.commit()


def _identities(callers) -> dict[str, tuple[str | None, dict]]:
    """Who sends a case: label -> (role, headers)."""
    return {
        "nobody": (None, {}),
        "viewer": ("viewer", callers.viewer.headers),
        "legal": ("legal", callers.legal.headers),
        "officer (other department)": ("officer", callers.officer_soc.headers),
        "officer": ("officer", callers.officer.headers),
        "coordinator": ("coordinator", callers.coordinator.headers),
        "admin": ("admin", callers.admin.headers),
    }


def _senders(case, identities: dict, turn: int) -> list[str]:
    """Every identity for a random (fuzzing) case; for the hundreds of boundary cases the
    coverage phase derives from each operation, one identity each, taking turns among those
    the document says may call it, so the run stays short as the API grows."""
    if case.meta is None or case.meta.phase.name == "fuzzing":
        return list(identities)
    roles = case.operation.definition.raw.get("x-iop-roles")
    allowed = [label for label, (role, _) in identities.items() if roles is None or role in roles]
    return [allowed[turn % len(allowed)]]


def _keep_callers_working(app) -> None:
    """Undo a token revoked by a fuzzed DELETE (/me/tokens/{id}), so later examples still get in."""
    from iop.auth.models import ApiToken
    from iop.extensions import db

    with app.app_context():
        db.session.execute(sa.update(ApiToken).values(revoked_at=None))
        db.session.commit()


def _current_etag(app, case, headers) -> str:
    """The ETag a GET of the operation's path answers now, or one that names no version."""
    answer = app.test_client().get(case.formatted_path, headers=headers)
    return answer.headers.get("ETag", '"none"')


@pytest.fixture
def turns():
    return itertools.count()


@schema.parametrize()
@settings(max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=not EXPLORE, database=None,
          suppress_health_check=list(HealthCheck), print_blob=True)
def test_no_request_from_any_role_gets_an_answer_the_document_does_not_promise(
        case, fuzzed_app, callers, count, turns):
    identities = _identities(callers)
    for label in _senders(case, identities, next(turns)):
        headers = dict(identities[label][1])
        if case.headers and "If-Match" in case.headers:
            # the current version (If-Match: * is 428): reach the write, not only the 412
            headers["If-Match"] = _current_etag(fuzzed_app, case, identities["admin"][1])
        case.call_and_validate(headers=headers)
        count(f"fuzz: examples tried as {label}")
    if case.method.upper() == "DELETE":
        _keep_callers_working(fuzzed_app)
