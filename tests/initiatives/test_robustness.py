"""No input to the initiative endpoints makes the server fail (500): generated from the OpenAPI document."""

import schemathesis
from hypothesis import HealthCheck, given, settings


def test_generated_requests_never_get_a_server_error(app, callers, initiatives, organisation):
    initiatives.create(callers.officer, organisation_id=organisation["id"])
    initiatives.create(callers.officer, departments=["KFF", "SOC"])
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app).include(
        path_regex="initiatives|history")
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy())
        def call(case):
            response = case.call(headers=callers.coordinator.headers)
            if response.status_code >= 500:
                failures.append((case.operation.label, case.path_parameters, case.query, case.body))

        call()
    assert failures == []


def test_an_id_beyond_any_integer_is_404_not_an_overflow(client, callers):
    huge = 2**63
    assert client.get(f"/api/v1/initiatives/{huge}", headers=callers.viewer.headers).status_code == 404
    history = client.get(f"/api/v1/organisations/{huge}/history", headers=callers.viewer.headers)
    assert history.status_code == 404
