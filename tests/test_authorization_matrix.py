"""Every operation in the OpenAPI document, called by every role (and by nobody), against MATRIX.

The table is tests/access_matrix.py (one row per operation). Allowed: the call succeeds
(2xx). Refused: 403, or 401 without a token. Each call runs on a fresh database, so one
identity's write cannot change what the next one meets.
"""

from __future__ import annotations

import re

import pytest

from tests.access_matrix import IDENTITIES, MATRIX, PATH_VALUES, may_call, prepare
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
