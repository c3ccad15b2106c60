"""An organisation's history: every initiative, agreement and grant, across departments, in one answer."""

from datetime import UTC, date, datetime

import pytest


@pytest.fixture
def agreements(ctx, organisation, callers):
    """Agreements made straight with the models: one per department, and one of another organisation."""
    from iop.agreements.models import Agreement, AgreementParty, Kind, Status
    from iop.departments.models import Department
    from iop.extensions import db
    from iop.organisations.models import Organisation

    other = Organisation(name="Röda Korset Sjöstadskretsen", org_number="802500-7314",
                         legal_form="ideell_forening")
    db.session.add(other)
    made = {}
    for key, code, kind, status, start, org in [
        ("annual", "KFF", Kind.ANNUAL, Status.ACTIVE, date(2025, 1, 1), organisation["id"]),
        ("iop", "SOC", Kind.IOP, Status.DRAFT, date(2026, 7, 1), organisation["id"]),
        ("other", "SOC", Kind.IOP, Status.ACTIVE, date(2025, 1, 1), None),
    ]:
        department = db.session.scalar(db.select(Department).filter_by(code=code))
        agreement = Agreement(kind=kind, template_key=kind.value, title=f"Överenskommelse {key}",
                              department=department, status=status, start_date=start,
                              end_date=start.replace(year=start.year + 2),
                              created_at=datetime(start.year, 1, 1, tzinfo=UTC))
        agreement.parties = [AgreementParty(organisation_id=org)] if org else [
            AgreementParty(organisation=other)]
        db.session.add(agreement)
        db.session.flush()
        made[key] = agreement.id
    db.session.commit()
    return made


def test_the_history_shows_initiatives_agreements_and_grants_across_departments(
        initiatives, callers, organisation, agreements):
    kff = initiatives.create(callers.officer, organisation_id=organisation["id"], received_on="2026-02-02")
    soc = initiatives.create(callers.officer_soc, organisation_id=organisation["id"], departments=["SOC"],
                             title="Nattvandring", received_on="2026-03-02")
    initiatives.create(callers.officer, title="Någon annans")

    response = initiatives.client.get(f"/api/v1/organisations/{organisation['id']}/history",
                                      headers=callers.officer.headers)
    assert response.status_code == 200
    body = response.get_json()
    assert body["organisation"]["name"] == "IFK Sjöstad"
    assert [i["id"] for i in body["initiatives"]] == [soc["id"], kff["id"]]
    assert body["initiatives"][0]["departments"] == ["SOC"]
    assert body["agreements"] == [
        {"id": agreements["iop"], "title": "Överenskommelse iop", "kind": "iop", "status": "draft",
         "case_number": None, "department": "SOC", "start_date": "2026-07-01", "end_date": "2028-07-01"},
        {"id": agreements["annual"], "title": "Överenskommelse annual", "kind": "annual", "status": "active",
         "case_number": None, "department": "KFF", "start_date": "2025-01-01", "end_date": "2027-01-01"},
    ]
    assert body["grants"] == []
    assert body["departments"] == ["KFF", "SOC"]


def test_a_viewer_reads_an_organisations_history(initiatives, callers, organisation):
    response = initiatives.client.get(f"/api/v1/organisations/{organisation['id']}/history",
                                      headers=callers.viewer.headers)
    assert response.status_code == 200
    assert response.get_json() | {"organisation": None} == {
        "organisation": None, "departments": [], "initiatives": [], "agreements": [], "grants": []}


def test_the_history_of_an_unknown_organisation_is_404(client, callers):
    assert client.get("/api/v1/organisations/999/history", headers=callers.viewer.headers).status_code == 404
