"""Every operation in the OpenAPI document, called by every role (and by nobody), against MATRIX.

One row per operation: who may call it, and for a write a body that passes validation.
Allowed: the call succeeds (2xx). Refused: 403, or 401 without a token. Each call runs on
a fresh database, so one identity's write cannot change what the next one meets.

Adding an endpoint? Add its row to MATRIX (the test that checks the table names the
missing ones), and, if its path has a new parameter, a way to make one in PATH_VALUES.
Records named in a path belong to department KFF: `officer` is in KFF, the other
officer in SOC, so "officer:own" is tested both ways.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from tests.openapi import operations


@dataclass(frozen=True)
class Access:
    # roles that may call: admin, coordinator, officer (any department), officer:own (only
    # for records of its own department), legal, viewer; or "public" (no token needed)
    who: frozenset[str]
    body: dict | None = None
    query: str = ""
    headers: dict = field(default_factory=dict)


def allow(*who: str, body: dict | None = None, query: str = "", headers: dict | None = None) -> Access:
    return Access(frozenset(who), body, query, headers or {})


PUBLIC = allow("public")
EVERYONE = allow("admin", "coordinator", "officer", "legal", "viewer")
FRESH = {"If-Match": "*"}  # a change made on the current version

ORGANISATION = {"name": "Matrisföreningen", "org_number": "802438-7790", "legal_form": "ideell_forening",
                "contacts": [{"name": "Mia Matris", "email": "mia@matris.example"}]}
DEPARTMENT = {"code": "NY", "name": "Nya förvaltningen", "committee": "Kommunstyrelsen"}

# "METHOD /path as in the OpenAPI document": who may call it (and what to send)
MATRIX: dict[str, Access] = {
    "GET /api/v1/health": PUBLIC,
    "GET /api/v1/ready": PUBLIC,
    "GET /api/v1/me": EVERYONE,
    "DELETE /api/v1/me/tokens/{token_id}": EVERYONE,
    "GET /api/v1/departments": EVERYONE,
    "POST /api/v1/departments": allow("admin", body=DEPARTMENT),
    "GET /api/v1/departments/{code}": EVERYONE,
    "GET /api/v1/organisations": EVERYONE,
    "POST /api/v1/organisations": allow("admin", "coordinator", "officer", body=ORGANISATION),
    "GET /api/v1/organisations/{organisation_id}": EVERYONE,
    "PATCH /api/v1/organisations/{organisation_id}": allow(
        "admin", "coordinator", "officer", body={"name": "Nytt namn"}, headers=FRESH),
    "GET /api/v1/audit": EVERYONE,
}


def _organisation_id(caller) -> int:
    from iop.organisations import services

    return services.create_organisation(
        name="Läxhjälpen i Sjöstad", org_number="802456-1238", legal_form="ideell_forening",
        contacts=[{"name": "Lena Lind", "email": "lena@laxhjalpen.example"}]).id


def _own_token_id(caller) -> int:
    from iop.auth.models import ApiToken
    from iop.auth.services import hash_token
    from iop.extensions import db

    return db.session.query(ApiToken.id).filter_by(token_hash=hash_token(caller.token)).scalar()


# path parameter -> a function (the calling Caller) making what it names, in an app context
PATH_VALUES = {
    "organisation_id": _organisation_id,
    "code": lambda caller: "KFF",
    "token_id": _own_token_id,
}

IDENTITIES = ["nobody", "viewer", "legal", "officer (other department)", "officer", "coordinator", "admin"]


def may_call(access: Access, identity: str) -> bool:
    if "public" in access.who:
        return True
    if identity == "officer":
        return bool({"officer", "officer:own"} & access.who)
    if identity == "officer (other department)":
        return "officer" in access.who
    return identity in access.who


def _caller(callers, identity: str):
    return {"nobody": None, "officer (other department)": callers.officer_soc}.get(
        identity, getattr(callers, identity, None))


def test_every_operation_in_the_document_has_a_row_in_the_matrix(count):
    documented = {op.key for op in operations()}
    missing = sorted(documented - MATRIX.keys())
    stale = sorted(MATRIX.keys() - documented)
    assert not missing, (
        "Add a row to MATRIX in tests/test_authorization_matrix.py (who may call it, and a body "
        "that passes validation) for: " + ", ".join(missing))
    assert not stale, "MATRIX names operations the OpenAPI document does not have: " + ", ".join(stale)
    params = {part[1:-1] for key in documented for part in key.split("/") if part.startswith("{")}
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
    path = operation.path
    with app.app_context():
        for name, make in PATH_VALUES.items():
            if "{" + name + "}" in path:
                path = path.replace("{" + name + "}", str(make(caller or callers.admin)))
        db.session.commit()
    headers = {**access.headers, **(caller.headers if caller else {})}
    url = path + (f"?{access.query}" if access.query else "")
    response = client.open(url, method=operation.method, json=access.body, headers=headers)

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
