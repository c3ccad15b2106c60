import re

from iop.organisations.numbers import normalise_org_number

SEED_COMMITTEES = {"Kultur- och fritidsnämnden", "Socialnämnden", "Barn- och utbildningsnämnden",
                   "Omsorgsnämnden", "Äldrenämnden", "Kommunstyrelsen"}


def test_demo_loads_a_municipality_with_users_for_every_role(runner, client):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    tokens = dict(re.findall(r"^(\w+)\s+\S+@\S+\s+(iop_\S+)$", result.output, re.M))
    assert set(tokens) == {"admin", "coordinator", "officer", "legal", "viewer"}
    headers = {"Authorization": f"Bearer {tokens['viewer']}"}
    departments = client.get("/api/v1/departments", headers=headers).get_json()
    assert {d["committee"] for d in departments} == SEED_COMMITTEES
    organisations = client.get("/api/v1/organisations?per_page=100", headers=headers).get_json()
    assert len(organisations) >= 12
    assert all(normalise_org_number(o["org_number"]) for o in organisations)
    assert all(o["contacts"] for o in organisations)
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {tokens['officer']}"})
    assert me.get_json()["department"]


def test_demo_loads_only_once(runner, client):
    runner.invoke(args=["demo"])
    again = runner.invoke(args=["demo"])
    assert again.exit_code == 0 and "finns redan" in again.output
    from iop.extensions import db
    from iop.organisations.models import Organisation

    with client.application.app_context():
        assert db.session.query(Organisation).count() == 12


def test_demo_has_grants_with_an_organisation_funded_by_two_committees(runner, client):
    result = runner.invoke(args=["demo"])
    viewer = re.search(r"^viewer\s+\S+\s+(iop_\S+)$", result.output, re.M).group(1)
    headers = {"Authorization": f"Bearer {viewer}"}
    grants = client.get("/api/v1/grants?year=2026&per_page=100", headers=headers).get_json()
    assert len(grants) == 15
    report = client.get("/api/v1/reports/2026", headers=headers).get_json()
    several = {o["name"]: o["committees"] for o in report["grants"]["organisations_with_several_committees"]}
    assert several["Läxhjälpen i Sjöstad"] == ["Barn- och utbildningsnämnden", "Kultur- och fritidsnämnden"]
    assert "Läxhjälpen i Sjöstad" in {p["name"] for p in report["possible_double_funding"]}
    assert "Läxhjälpen i Sjöstad" in {o["name"] for o in report["funding_overlaps"]}


def test_demo_has_municipal_goals_with_tagged_agreements_and_statements_on_gender_equality(runner, client):
    result = runner.invoke(args=["demo"])
    viewer = re.search(r"^viewer\s+\S+\s+(iop_\S+)$", result.output, re.M).group(1)
    headers = {"Authorization": f"Bearer {viewer}"}
    from iop import clock

    with client.application.app_context():
        year = clock.today().year
    report = client.get(f"/api/v1/reports/{year}", headers=headers).get_json()
    goals = {g["name"]: g for g in report["goals"]}
    assert len(goals) == 5 and sum(1 for g in goals.values() if g["agreements"]) >= 3
    assert goals["En trygg kommun där ingen utsätts för våld"]["municipality_sek"] > 0
    assert goals["Äldre lever ett aktivt liv med gemenskap"]["agreements"] == 0  # a goal nothing serves yet
    assert report["untagged_agreements"] == 0
    equality = report["gender_equality"]
    assert equality["agreements_stating"] == equality["agreements"] == report["agreements"]["active"]
    assert equality["initiatives_stating"] == 2
