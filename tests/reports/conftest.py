import pytest

from tests.reports import year_2026


@pytest.fixture
def year_of_data(app, client, callers):
    """The agreements and grants of tests/reports/year_2026.py, committed."""
    from iop.extensions import db

    with app.app_context():
        agreements = {key: a.id for key, a in year_2026.build_agreements().items()}
        db.session.commit()
    response = client.post("/api/v1/grants/import", data=year_2026.GRANTS_CSV.encode(),
                           content_type="text/csv", headers=callers.coordinator.headers)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["errors"] == []
    return agreements
