"""A committee name that differs only in case or spacing is the same committee, everywhere."""

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from iop import create_app
from iop.extensions import db
from tests import databases
from tests.conftest import app_config

TYPO = " kultur-  och FRITIDSNÄMNDEN "


def test_a_department_named_with_a_typo_joins_the_known_committee(client, callers):
    response = client.post("/api/v1/departments", headers=callers.admin.headers, json={
        "code": "BIB", "name": "Biblioteksförvaltningen", "committee": "kultur- och fritidsnämnden "})
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["committee"] == "Kultur- och fritidsnämnden"
    committees = {d["committee"] for d in client.get("/api/v1/departments",
                                                      headers=callers.viewer.headers).get_json()}
    assert committees == {"Kultur- och fritidsnämnden", "Kommunstyrelsen", "Socialnämnden"}


def test_the_command_line_joins_the_known_committee_too(runner, callers):
    result = runner.invoke(args=["department", "create", "BIB", "Biblioteket", "--committee", TYPO])
    assert result.exit_code == 0, result.output
    assert "under Kultur- och fritidsnämnden." in result.output


def test_an_import_joins_the_known_committee_and_the_report_has_one_row_for_it(client, callers):
    client.post("/api/v1/departments", headers=callers.admin.headers, json={
        "code": "BIB", "name": "Biblioteksförvaltningen", "committee": "kultur- och fritidsnämnden "})
    text = ("year;committee;org_number;organisation;purpose;amount_sek\n"
            "2026;Kultur- och fritidsnämnden;802456-1238;Läxhjälpen i Sjöstad;Läxhjälp;150000\n"
            f"2026;{TYPO};802471-9653;Sjöstads Stadsmission;Kulturkväll;20000\n")
    response = client.post("/api/v1/grants/import", data=text.encode(), content_type="text/csv",
                           headers=callers.coordinator.headers)
    assert response.status_code == 201 and response.get_json()["errors"] == []
    report = client.get("/api/v1/reports/2026", headers=callers.viewer.headers).get_json()
    assert report["grants"]["by_committee"] == [
        {"committee": "Kultur- och fritidsnämnden", "grants": 2, "amount_sek": 170000, "organisations": 2}]


def test_an_unknown_committee_in_an_import_is_a_row_naming_the_closest_known_ones(client, callers):
    text = ("year,committee,org_number,organisation,purpose,amount_sek\n"
            "2026,Kultur och fritidsnämden,802456-1238,Läxhjälpen i Sjöstad,Läxhjälp,150000\n")
    response = client.post("/api/v1/grants/import", data=text.encode(), content_type="text/csv",
                           headers=callers.coordinator.headers)
    [error] = response.get_json()["errors"]
    assert error["row"] == 2 and response.get_json()["imported"] == 0
    assert "»Kultur och fritidsnämden« finns inte" in error["message"]
    assert "Menade du »Kultur- och fritidsnämnden«" in error["message"]


def test_the_0800_migration_merges_committees_that_differ_only_in_case_and_spacing(tmp_path):
    url = databases.create_database("migrations_0800", tmp_path)
    try:
        app = create_app(app_config(url))
        with app.app_context():
            upgrade(revision="0720")
            connection = db.session.connection()
            for name in ("Socialnämnden", "socialnämnden ", "Kultur- och fritidsnämnden"):
                connection.execute(sa.text("INSERT INTO committees (name) VALUES (:name)"), {"name": name})
            connection.execute(sa.text(
                "INSERT INTO departments (code, name, committee_id) "
                "SELECT 'D' || id, name, id FROM committees"))
            db.session.commit()
            upgrade()
            rows = db.session.execute(sa.text(
                "SELECT d.code, c.name, c.key FROM departments d JOIN committees c ON c.id = d.committee_id "
                "ORDER BY d.code")).all()
            assert [tuple(row) for row in rows] == [
                ("D1", "Socialnämnden", "socialnämnden"), ("D2", "Socialnämnden", "socialnämnden"),
                ("D3", "Kultur- och fritidsnämnden", "kultur- och fritidsnämnden")]
            db.session.commit()
            downgrade(revision="0720")
            db.session.remove()
            db.engine.dispose()
    finally:
        databases.drop_database(url)


def test_the_kept_list_refuses_a_second_spelling_and_a_department_picks_by_id(ctx, departments):
    import pytest

    from iop.departments import services
    from iop.errors import Conflict, Invalid

    with pytest.raises(Conflict) as taken:
        services.create_committee(name=TYPO)
    assert taken.value.errors == {"name": [
        "Nämnden finns redan, stavad »Kultur- och fritidsnämnden«. Stora och små bokstäver och mellanslag "
        "räknas inte som skillnad."]}
    added = services.create_committee(name="Äldrenämnden")
    department = services.create_department(code="ALF", name="Äldreförvaltningen", committee_id=added.id)
    assert department.committee.name == "Äldrenämnden"
    with pytest.raises(Invalid) as unknown:
        services.update_department(department=department, name="Äldreförvaltningen",
                                   committee_id=added.id + 99)
    assert unknown.value.errors == {"committee_id": ["Nämnden finns inte. Välj en nämnd i listan."]}
    renamed = services.rename_committee(committee=added, name="  äldre NÄMNDEN ")
    assert (renamed.name, renamed.key) == ("äldre NÄMNDEN", "äldre nämnden")
    assert services.find_committee(name="Äldre nämnden") is added
    assert services.department_counts([added]) == {added.id: 1}
