"""Every operation in the OpenAPI document, called by every role (and by nobody), against MATRIX.

The table is tests/access_matrix.py (one row per operation). Allowed: the call succeeds
(2xx). Refused: 403, or 401 without a token. Each call runs on a fresh database, so one
identity's write cannot change what the next one meets.
"""

from __future__ import annotations

import re

import pytest

from tests.access_matrix import (
    AUDIT_BY_ROLE,
    CURRENT,
    IDENTITIES,
    INITIATIVE_FIELDS,
    MATRIX,
    PATH_VALUES,
    Records,
    allow,
    may_call,
    prepare,
)
from tests.openapi import operations


def _caller(callers, identity: str):
    return {"nobody": None, "officer (other department)": callers.officer_soc}.get(
        identity, getattr(callers, identity, None))


def test_every_operation_in_the_document_has_a_row_in_the_matrix(count):
    documented = {op.key for op in operations()}
    missing = sorted(documented - MATRIX.keys())
    stale = sorted(MATRIX.keys() - documented)
    assert not missing, (
        "Add a row to MATRIX in tests/access_matrix.py (who may call it, and a body "
        "that passes validation) for: " + ", ".join(missing))
    assert not stale, "MATRIX names operations the OpenAPI document does not have: " + ", ".join(stale)
    params = {name for key in documented for name in re.findall(r"\{(\w+)\}", key)}
    unknown = sorted(params - PATH_VALUES.keys())
    assert not unknown, f"Add to PATH_VALUES how to make a record for: {', '.join(unknown)}"


@pytest.mark.parametrize("identity", IDENTITIES)
@pytest.mark.parametrize("operation", [op for op in operations() if op.key in MATRIX],
                         ids=lambda op: op.key)
def test_each_identity_may_call_an_operation_exactly_when_the_matrix_says(
        app, client, callers, operation, identity, count):
    from iop.extensions import db

    access = MATRIX[operation.key]
    caller = _caller(callers, identity)
    with app.app_context():
        call = prepare(operation.key, access, caller or callers.admin, callers)
        db.session.commit()
    headers = {**access.headers, **(caller.headers if caller else {})}
    if headers.get("If-Match") == CURRENT:
        headers["If-Match"] = client.get(call.path, headers=callers.admin.headers).headers["ETag"]
    response = client.open(call.path, method=operation.method, json=call.json, data=call.data,
                           content_type=call.content_type, headers=headers)

    if may_call(access, identity):
        assert 200 <= response.status_code < 300, (
            f"{operation.key} as {identity}: allowed by the matrix, answered "
            f"{response.status_code} {response.get_data(as_text=True)[:300]}")
    else:
        expected = 401 if caller is None else 403
        assert response.status_code == expected, (
            f"{operation.key} as {identity}: the matrix refuses it ({expected}), answered "
            f"{response.status_code} {response.get_data(as_text=True)[:300]}")
    count("authorization matrix: operation x identity checked")


@pytest.mark.parametrize("role", sorted(AUDIT_BY_ROLE))
def test_each_role_reads_the_audit_log_as_the_matrix_says(app, client, callers, role, count):
    from iop.extensions import db

    with app.app_context():
        records = Records(callers.admin, callers)
        organisation_id = records.organisation.id  # with a contact person, written by the CLI actor
        db.session.commit()
    headers = getattr(callers, role).headers
    client.get("/api/v1/me", headers=headers)
    events = client.get("/api/v1/audit?per_page=100", headers=headers).get_json()
    entities = {e["entity"] for e in events}
    contact = next(e for e in events if e["entity"] == "organisation" and e["entity_id"] == organisation_id
                   and e["action"] == "contact_create")
    if AUDIT_BY_ROLE[role] == "all":
        assert "user" in entities and "api_token" in entities
        assert contact["changes"]["contact.email"] == [None, "lena@laxhjalpen.example"]
    else:
        assert not entities & {"user", "api_token", "calendar_feed", "address"}
        assert contact["changes"]["contact.email"] == [None, "***"] and contact["actor"] == "***"
        assert "@" not in str(events)
    count("authorization matrix: audit log by role checked")


@pytest.mark.parametrize("identity", IDENTITIES[1:])
@pytest.mark.parametrize("field", sorted(INITIATIVE_FIELDS))
def test_each_identity_may_change_an_initiative_field_exactly_when_the_matrix_says(
        app, client, callers, field, identity, count):
    from iop.extensions import db

    value, who = INITIATIVE_FIELDS[field]
    caller = _caller(callers, identity)
    with app.app_context():
        initiative_id = Records(caller, callers).initiative.id
        db.session.commit()
    url = f"/api/v1/initiatives/{initiative_id}"
    etag = client.get(url, headers=caller.headers).headers["ETag"]
    response = client.patch(url, json={field: value, "reason": "Matristest."},
                            headers={**caller.headers, "If-Match": etag})
    if may_call(allow(*who), identity):
        assert response.status_code == 200, (field, identity, response.get_json())
        shown = client.get(url, headers=caller.headers).get_json()[field]
        assert shown == value, (field, identity)
    else:
        # a role that writes no initiatives, or another department's officer: 403; this
        # department's officer on a registration field: 422 naming the field
        assert response.status_code in (403, 422), (field, identity, response.status_code)
        if response.status_code == 422:
            assert identity == "officer" and field in response.get_json()["errors"]
        else:
            assert identity != "officer"
    count("authorization matrix: initiative field x identity checked")
