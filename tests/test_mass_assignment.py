"""No mass assignment: fields the server owns (ids, status, revision, audit fields, another
department) cannot be set through any write the OpenAPI document describes.

Two checks over every request body in the document: no request schema names a field the
server owns (unless SETTABLE says why it may), and a real call carrying such fields is
refused with 422 naming them, or succeeds without taking them.
"""

from __future__ import annotations

import pytest

from tests.access_matrix import IDENTITIES, MATRIX, may_call, prepare
from tests.openapi import operations, resolve, spec

# Fields whose value only the server decides, with what an attacker would send.
SERVER_OWNED = {
    "id": 777777,
    "status": "active",
    "revision": 99,
    "version": 99,
    "created_at": "2001-01-01T00:00:00+00:00",
    "updated_at": "2001-01-01T00:00:00+00:00",
    "created_by": "angripare@example.org",
    "updated_by": "angripare@example.org",
    "actor": "angripare@example.org",
    "erased_at": "2001-01-01T00:00:00+00:00",
    "password_hash": "x",
    "token_hash": "x",
}

# (component schema, field) -> why a caller may send it after all
SETTABLE = {
    ("ContactIn", "id"): "names an existing contact of the organisation to keep; other ids are ignored",
    ("ReviewIn", "revision"): "names the revision the lawyer read; 409 unless it is the current one",
    ("CommentIn", "revision"): "names the revision a remark is about (1 to the current one)",
}


def _request_fields(schema: dict, owner: str, seen: set[str]):
    """(component name, field name) for every property of a request schema, nested ones too."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        if name in seen:
            return
        seen.add(name)
        yield from _request_fields(resolve(schema), name, seen)
        return
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            yield from _request_fields(schema[key], owner, seen)
    for combined in ("allOf", "anyOf", "oneOf"):
        for part in schema.get(combined, []):
            yield from _request_fields(part, owner, seen)
    for name, prop in schema.get("properties", {}).items():
        yield owner, name
        yield from _request_fields(prop, owner, seen)


def _bodies():
    for op in operations():
        content = op.doc.get("requestBody", {}).get("content", {})
        if "application/json" in content:
            yield op, content["application/json"]["schema"]


def test_no_request_schema_lets_a_caller_set_a_field_the_server_owns():
    offending = []
    for op, schema in _bodies():
        for owner, name in _request_fields(schema, op.key, set()):
            if name in SERVER_OWNED and (owner, name) not in SETTABLE:
                offending.append(f"{op.key}: {owner}.{name}")
    assert not offending, (
        "Request schemas that accept a field the server owns (drop it, mark it dump_only, or add "
        f"it with a reason to SETTABLE in tests/test_mass_assignment.py): {offending}")


def test_the_document_is_read_for_request_bodies():
    keys = {op.key for op, _ in _bodies()}
    assert "POST /api/v1/organisations" in keys, spec()["paths"].keys()


WRITES = [op for op, _ in _bodies() if op.key in MATRIX and MATRIX[op.key].body is not None]


@pytest.mark.parametrize("operation", WRITES, ids=lambda op: op.key)
def test_a_write_carrying_server_owned_fields_refuses_them_or_ignores_them(
        app, client, callers, operation, count):
    from iop.extensions import db

    access = MATRIX[operation.key]
    identity = next(i for i in reversed(IDENTITIES) if i != "nobody" and may_call(access, i))
    caller = getattr(callers, identity)
    with app.app_context():
        call = prepare(operation.key, access, caller, callers)
        db.session.commit()
    schema = {op.key: body for op, body in _bodies()}[operation.key]
    settable = {name for owner, name in _request_fields(schema, operation.key, set())
                if (owner, name) in SETTABLE}
    sent = {**call.json, **{k: v for k, v in SERVER_OWNED.items() if k not in call.json.keys() | settable}}
    response = client.open(call.path, method=operation.method, json=sent,
                           headers={**access.headers, **caller.headers})

    if response.status_code == 422:
        errors = response.get_json()["errors"]
        assert set(sent) - set(call.json) <= set(errors), (operation.key, errors)
    else:
        assert 200 <= response.status_code < 300, (operation.key, response.get_json())
        body = response.get_json()
        taken = {k: v for k, v in SERVER_OWNED.items()
                 if k not in call.json and isinstance(body, dict) and body.get(k) == v}
        assert not taken, f"{operation.key} took server-owned fields from the caller: {taken}"
    count("mass assignment: writes checked")


def test_an_officer_cannot_write_into_another_department(app, client, callers):
    """Every write that takes a department refuses an officer naming another one."""
    for op, schema in _bodies():
        access = MATRIX.get(op.key)
        fields = {name for owner, name in _request_fields(schema, op.key, set())}
        if access is None or access.body is None or "department" not in fields:
            continue
        if not may_call(access, "officer"):
            continue
        with app.app_context():
            from iop.extensions import db

            call = prepare(op.key, access, callers.officer, callers)
            db.session.commit()
        response = client.open(call.path, method=op.method, json={**call.json, "department": "SOC"},
                               headers={**access.headers, **callers.officer.headers})
        assert response.status_code in (403, 422), (op.key, response.status_code, response.get_json())


def test_a_contact_id_sent_with_a_new_organisation_is_not_used_as_its_row_id(client, callers):
    response = client.post("/api/v1/organisations", headers=callers.officer.headers, json={
        "name": "Läxhjälpen", "org_number": "802456-1238", "legal_form": "ideell_forening",
        "contacts": [{"id": 4242, "name": "Lena Lind"}]})
    assert response.status_code == 201
    assert response.get_json()["contacts"][0]["id"] != 4242


def test_a_patch_cannot_take_over_another_organisations_contact_person(client, callers):
    first = client.post("/api/v1/organisations", headers=callers.officer.headers, json={
        "name": "Läxhjälpen", "org_number": "802456-1238", "legal_form": "ideell_forening",
        "contacts": [{"name": "Lena Lind", "email": "lena@laxhjalpen.example"}]}).get_json()
    second = client.post("/api/v1/organisations", headers=callers.officer.headers, json={
        "name": "Stadsmissionen", "org_number": "802471-9653", "legal_form": "stiftelse"})
    lena_id = first["contacts"][0]["id"]

    response = client.patch(f"/api/v1/organisations/{second.get_json()['id']}",
                            json={"contacts": [{"id": lena_id, "name": "Kapad"}]},
                            headers={**callers.officer.headers, "If-Match": second.headers["ETag"]})
    assert response.status_code == 200
    assert response.get_json()["contacts"][0]["id"] != lena_id
    again = client.get(f"/api/v1/organisations/{first['id']}", headers=callers.viewer.headers).get_json()
    assert again["contacts"] == first["contacts"]


def test_a_contact_id_of_zero_is_refused(client, callers):
    response = client.post("/api/v1/organisations", headers=callers.officer.headers, json={
        "name": "Läxhjälpen", "org_number": "802456-1238", "legal_form": "ideell_forening",
        "contacts": [{"id": 0, "name": "Lena Lind"}]})
    assert response.status_code == 422
    assert "id" in response.get_json()["errors"]["contacts"]["0"]
