"""The shared REST plumbing: what the fuzzer found, pinned down as plain tests."""

import pytest

from tests.openapi import operations


@pytest.mark.parametrize("query", ["page=1.0", "page=1e1", "page=%201", "per_page=true", "page=-1",
                                   "entity_id=1.0", "page=1_0", "page=%2B1", "page=%D9%A1"])
def test_a_number_in_a_query_that_is_not_plain_digits_is_refused(client, callers, query):
    response = client.get(f"/api/v1/audit?{query}", headers=callers.viewer.headers)
    assert response.status_code == 422


def test_an_id_too_large_for_the_database_is_simply_not_found(client, callers):
    response = client.get("/api/v1/organisations/99999999999999999999999999",
                          headers=callers.viewer.headers)
    assert response.status_code == 404 and response.get_json()["code"] == 404


def test_a_department_code_no_database_can_store_is_simply_not_found(client, callers):
    response = client.get("/api/v1/departments/K%00F", headers=callers.viewer.headers)
    assert response.status_code == 404


def test_a_method_not_allowed_names_the_allowed_ones(client, callers):
    response = client.put("/api/v1/organisations", headers=callers.viewer.headers)
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "POST"}


def test_every_operation_documents_its_errors_by_status_and_none_by_a_catch_all():
    for operation in operations():
        responses = operation.doc["responses"]
        assert "default" not in responses, operation.key
        assert "503" in responses, operation.key
        if not operation.is_public:
            assert "401" in responses, operation.key
        if "{" in operation.path:
            assert "404" in responses, operation.key


def test_a_permission_not_every_role_has_is_documented_with_its_roles_and_403():
    by_key = {op.key: op.doc for op in operations()}
    post = by_key["POST /api/v1/departments"]
    assert post["x-iop-permission"] == "department.write" and post["x-iop-roles"] == ["admin"]
    assert "403" in post["responses"]
    assert "403" not in by_key["GET /api/v1/organisations"]["responses"]


def test_a_patch_documents_if_match_and_its_two_refusals():
    patch = next(op for op in operations() if op.key == "PATCH /api/v1/organisations/{organisation_id}")
    assert any(p["name"] == "If-Match" and p["in"] == "header" for p in patch.doc["parameters"])
    assert {"412", "428"} <= set(patch.doc["responses"])


def test_an_operation_that_asks_for_if_match_gets_it_documented_whatever_its_method():
    from iop.rest import IF_MATCH_DOC, ErrorResponsesPlugin

    operations = {"post": {**IF_MATCH_DOC, "responses": {"200": {}},
                           "parameters": [{"in": "query", "name": "q"}]}}
    ErrorResponsesPlugin().operation_helper(path="/api/v1/x/{id}/transitions", operations=operations)
    post = operations["post"]
    assert [p["name"] for p in post["parameters"]] == ["q", "If-Match"]
    assert {"404", "412", "428", "503", "401"} <= set(post["responses"])
    assert "x-iop-if-match" not in post


# Query integers still read with marshmallow's Integer, which is Python's int(): `1_0` is 10,
# ` 1`, `+1` and `١` (an Arabic-Indic digit) are 1, none of them an integer as the document
# (and any other client) spells it. iop.schemas.QueryInteger takes plain digits only.
# Owners: switch to it, then strike the line here.
LENIENT_QUERY_INTEGERS: set = set()


def test_every_integer_in_a_query_takes_plain_digits_only(app, client, callers):
    from iop.extensions import db
    from tests.access_matrix import MATRIX, Records, prepare

    calls = {}
    with app.app_context():
        records = Records(callers.admin, callers)
        for operation in operations():
            integers = [p["name"] for p in operation.doc.get("parameters", [])
                        if p.get("in") == "query" and p.get("schema", {}).get("type") == "integer"]
            if operation.method == "GET" and integers:
                call = prepare(operation.key, MATRIX[operation.key], callers.admin, callers, records)
                calls[operation.key] = (call.path.split("?")[0], integers)
        db.session.commit()
    lenient = set()
    for key, (path, integers) in calls.items():
        for name in integers:
            others = "".join(f"&{n}=1" for n in integers if n != name)
            response = client.get(f"{path}?{name}=1_0{others}", headers=callers.admin.headers)
            if response.status_code != 422:
                lenient.add((key, name))
    assert lenient == LENIENT_QUERY_INTEGERS
