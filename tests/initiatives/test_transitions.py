"""The network's queue, assigning a lead department, and closing with an outcome."""

import json
from datetime import date

import pytest

from tests.initiatives.conftest import freeze


def test_the_network_queue_lists_what_waits_for_the_network(initiatives, callers):
    initiatives.create(callers.officer, title="Bara KFF")
    cross = initiatives.create(callers.officer, title="KFF och SOC", departments=["KFF", "SOC"])
    unclear = initiatives.create(callers.officer_soc, title="Oklart", departments=["SOC"],
                                 municipal_matter=None)
    queue = initiatives.list(callers.coordinator, "status=in_network")
    assert [i["id"] for i in queue.get_json()] == [unclear["id"], cross["id"]]
    assert json.loads(queue.headers["X-Pagination"])["total"] == 2


def test_the_queue_order_puts_flagged_initiatives_first_then_the_earliest_deadline(
        initiatives, callers, ctx):
    from iop.extensions import db
    from iop.initiatives.models import Initiative

    late = initiatives.create(callers.officer, departments=["KFF", "SOC"], received_on="2026-03-10")
    early = initiatives.create(callers.officer, departments=["KFF", "SOC"], received_on="2026-03-02")
    flagged = initiatives.create(callers.officer, departments=["KFF", "SOC"], received_on="2026-03-12")
    db.session.get(Initiative, flagged["id"]).flagged = True
    db.session.commit()
    queue = initiatives.list(callers.coordinator, "status=in_network&sort=queue").get_json()
    assert [i["id"] for i in queue] == [flagged["id"], early["id"], late["id"]]


def test_the_coordinator_assigns_a_lead_department_and_that_is_the_first_handling(initiatives, callers):
    created = initiatives.create(callers.officer, departments=["KFF", "SOC"], received_on="2026-03-09")
    response = initiatives.step(callers.coordinator, created["id"], "assign", department="soc")
    body = response.get_json()
    assert response.status_code == 200
    assert body["status"] == "assigned" and body["assigned_department"] == "SOC"
    assert body["departments"] == ["KFF", "SOC"]  # KFF stays a co-owner
    assert body["first_handled_on"] == "2026-03-16" and body["days_to_first_handling"] == 5


def test_a_lead_from_outside_the_list_becomes_one_of_the_departments_concerned(initiatives, callers):
    created = initiatives.create(callers.officer, departments=[], municipal_matter=None)
    body = initiatives.step(callers.coordinator, created["id"], "assign", department="KLF").get_json()
    assert body["departments"] == ["KLF"] and body["assigned_department"] == "KLF"


def test_an_officer_takes_an_initiative_that_concerns_only_their_department(initiatives, callers):
    created = initiatives.create(callers.officer_soc)  # registered by SOC for KFF
    response = initiatives.step(callers.officer, created["id"], "assign", department="KFF")
    assert response.status_code == 200 and response.get_json()["assigned_department"] == "KFF"


def test_an_officer_cannot_pick_the_lead_of_a_cross_department_initiative(initiatives, callers):
    created = initiatives.create(callers.officer, departments=["KFF", "SOC"])
    response = initiatives.step(callers.officer, created["id"], "assign", department="KFF")
    assert response.status_code == 403
    assert initiatives.get(callers.viewer, created["id"]).get_json()["status"] == "in_network"


def test_an_officer_cannot_hand_an_initiative_to_another_department(initiatives, callers):
    created = initiatives.create(callers.officer)
    assert initiatives.step(callers.officer, created["id"], "assign", department="SOC").status_code == 403


def test_assigning_an_unknown_department_is_422(initiatives, callers):
    created = initiatives.create(callers.officer, departments=["KFF", "SOC"])
    response = initiatives.step(callers.coordinator, created["id"], "assign", department="XYZ")
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"department": ["Förvaltningen XYZ finns inte."]}


def test_the_network_may_move_the_lead_to_another_department(initiatives, callers):
    created = initiatives.create(callers.officer)
    initiatives.step(callers.officer, created["id"], "assign", department="KFF")
    again = initiatives.step(callers.officer, created["id"], "assign", department="KFF")
    assert again.status_code == 409
    moved = initiatives.step(callers.coordinator, created["id"], "assign", department="SOC").get_json()
    assert moved["assigned_department"] == "SOC" and moved["departments"] == ["KFF", "SOC"]


def test_the_lead_hands_an_initiative_back_to_the_network(initiatives, callers):
    created = initiatives.create(callers.officer)
    initiatives.step(callers.officer, created["id"], "assign", department="KFF")
    body = initiatives.step(callers.officer, created["id"], "to_network").get_json()
    assert body["status"] == "in_network" and body["assigned_department"] is None
    assert body["first_handled_on"] == "2026-03-16"


def test_moving_to_the_network_is_not_a_first_handling(initiatives, callers):
    created = initiatives.create(callers.officer)
    body = initiatives.step(callers.officer, created["id"], "to_network").get_json()
    assert body["status"] == "in_network" and body["first_handled_on"] is None


@pytest.mark.parametrize("outcome, label", [
    ("answered", "Besvarat"), ("declined", "Avböjt"), ("agreement", "Blev en överenskommelse"),
    ("grant", "Blev ett föreningsbidrag"), ("not_municipal", "Inte en kommunal angelägenhet")])
def test_the_network_closes_with_each_outcome(initiatives, callers, ctx, outcome, label):
    created = initiatives.create(callers.officer, departments=["KFF", "SOC"], municipal_matter=None)
    initiatives.step(callers.coordinator, created["id"], "assign", department="KFF")
    freeze(date(2026, 3, 20))
    named = {"agreement": {"agreement_id": _agreement("KFF")}, "grant": {"grant_reference": "KFN 2026/0042"}}
    response = initiatives.step(callers.coordinator, created["id"], "close", outcome=outcome,
                                **named.get(outcome, {}))
    body = response.get_json()
    assert response.status_code == 200, body
    assert body["status"] == "closed" and body["outcome"] == outcome and body["outcome_label"] == label
    assert body["closed_on"] == "2026-03-20" and body["first_handled_on"] == "2026-03-16"


def test_the_lead_department_closes_its_initiative(initiatives, callers):
    created = initiatives.create(callers.officer, departments=["KFF", "SOC"])
    initiatives.step(callers.coordinator, created["id"], "assign", department="SOC")
    assert initiatives.step(callers.officer, created["id"], "close", outcome="answered").status_code == 403
    closed = initiatives.step(callers.officer_soc, created["id"], "close", outcome="answered")
    assert closed.status_code == 200


def test_a_department_answers_straight_from_its_inbox_and_becomes_the_lead(initiatives, callers):
    created = initiatives.create(callers.officer, received_on="2026-03-12")
    body = initiatives.step(callers.officer, created["id"], "close", outcome="answered").get_json()
    assert body["status"] == "closed" and body["assigned_department"] == "KFF"
    assert body["days_to_first_handling"] == 2


def test_only_the_network_closes_from_its_queue(initiatives, callers):
    created = initiatives.create(callers.officer, municipal_matter=None)
    assert initiatives.step(callers.officer, created["id"], "close",
                            outcome="not_municipal").status_code == 403
    body = initiatives.step(callers.coordinator, created["id"], "close", outcome="not_municipal").get_json()
    assert body["status"] == "closed" and body["municipal_matter"] is False


def test_a_municipal_matter_cannot_be_closed_as_not_municipal(initiatives, callers):
    created = initiatives.create(callers.officer)
    response = initiatives.step(callers.officer, created["id"], "close", outcome="not_municipal")
    assert response.status_code == 422 and "outcome" in response.get_json()["errors"]


def _agreement(department_code: str, organisation_id: int | None = None, **fields) -> int:
    from iop.agreements.models import Agreement, AgreementParty, Kind, Status
    from iop.departments.models import Department
    from iop.extensions import db

    department = db.session.scalar(db.select(Department).filter_by(code=department_code))
    agreement = Agreement(kind=Kind.IOP, template_key="iop", title="IOP om spontanidrott",
                          department=department, status=Status.DRAFT, **fields)
    if organisation_id:
        agreement.parties = [AgreementParty(organisation_id=organisation_id)]
    db.session.add(agreement)
    db.session.commit()
    return agreement.id


def test_closing_as_an_agreement_keeps_the_link_to_it(initiatives, callers, ctx):
    agreement_id = _agreement("KFF")
    created = initiatives.create(callers.officer)
    body = initiatives.step(callers.officer, created["id"], "close", outcome="agreement",
                            agreement_id=agreement_id).get_json()
    assert body["outcome"] == "agreement" and body["agreement_id"] == agreement_id


def test_an_agreement_that_does_not_exist_cannot_be_linked(initiatives, callers):
    created = initiatives.create(callers.officer)
    response = initiatives.step(callers.officer, created["id"], "close", outcome="agreement",
                                agreement_id=4242)
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"agreement_id": ["Överenskommelsen 4242 finns inte."]}
    assert initiatives.get(callers.viewer, created["id"]).get_json()["status"] == "received"


def test_closing_as_an_agreement_needs_the_agreement_named(initiatives, callers, ctx):
    created = initiatives.create(callers.officer)
    refused = initiatives.step(callers.officer, created["id"], "close", outcome="agreement")
    assert refused.status_code == 422
    assert refused.get_json()["errors"]["agreement_id"] == ["Ange vilken överenskommelse initiativet blev."]


def test_the_agreement_link_can_be_corrected_after_closing(initiatives, callers, ctx):
    created = initiatives.create(callers.officer)
    initiatives.step(callers.officer, created["id"], "close", outcome="agreement",
                     agreement_id=_agreement("KFF"))
    agreement_id = _agreement("KFF")
    linked = initiatives.patch(callers.officer, created["id"], agreement_id=agreement_id)
    assert linked.status_code == 200 and linked.get_json()["agreement_id"] == agreement_id
    closed = initiatives.patch(callers.officer, created["id"], title="Ny rubrik")
    assert closed.status_code == 409


def test_an_agreement_link_needs_the_agreement_outcome(initiatives, callers, ctx):
    agreement_id = _agreement("KFF")
    created = initiatives.create(callers.officer)
    response = initiatives.step(callers.officer, created["id"], "close", outcome="answered",
                                agreement_id=agreement_id)
    assert response.status_code == 422 and "agreement_id" in response.get_json()["errors"]
    assert initiatives.patch(callers.officer, created["id"], agreement_id=agreement_id).status_code == 422


def test_a_grant_reference_is_kept_with_the_grant_outcome(initiatives, callers):
    created = initiatives.create(callers.officer)
    body = initiatives.step(callers.officer, created["id"], "close", outcome="grant",
                            grant_reference="KFN 2026/0042").get_json()
    assert body["outcome"] == "grant" and body["grant_reference"] == "KFN 2026/0042"


@pytest.mark.parametrize("setup, action, body", [
    (["close"], "close", {"outcome": "answered"}),
    (["close"], "assign", {"department": "KFF"}),
    (["close"], "to_network", {}),
    (["to_network"], "to_network", {}),
])
def test_a_step_the_lifecycle_does_not_allow_is_409_naming_the_status(
        initiatives, callers, setup, action, body):
    created = initiatives.create(callers.officer)
    for step in setup:
        extra = {"outcome": "answered"} if step == "close" else {}
        assert initiatives.step(callers.coordinator, created["id"], step, **extra).status_code == 200
    status = initiatives.get(callers.viewer, created["id"]).get_json()["status"]
    response = initiatives.step(callers.coordinator, created["id"], action, **body)
    assert response.status_code == 409
    assert status in response.get_json()["message"]
    assert response.get_json()["errors"] == {"status": [status]}


@pytest.mark.parametrize("body, fields", [
    ({"action": "flytta"}, {"action"}),
    ({"action": "assign"}, {"department"}),
    ({"action": "close"}, {"outcome"}),
    ({"action": "close", "outcome": "kanske"}, {"outcome"}),
    ({"action": "close", "outcome": "answered", "department": "KFF"}, {"department"}),
    ({"action": "assign", "department": "KFF", "outcome": "answered"}, {"outcome"}),
    ({"action": "close", "outcome": "agreement", "agreement_id": "1"}, {"agreement_id"}),
    ({}, {"action"}),
])
def test_a_malformed_step_is_422_naming_the_field(initiatives, callers, body, fields):
    created = initiatives.create(callers.officer)
    response = initiatives.client.post(f"/api/v1/initiatives/{created['id']}/transitions", json=body,
                                       headers=callers.coordinator.headers)
    assert response.status_code == 422
    assert fields <= set(response.get_json()["errors"])


def test_a_step_may_carry_a_note(initiatives, callers):
    created = initiatives.create(callers.officer, departments=["KFF", "SOC"])
    initiatives.step(callers.coordinator, created["id"], "assign", department="SOC",
                     note="Nätverket: SOC leder, KFF bidrar med lokal.")
    notes = initiatives.client.get(f"/api/v1/initiatives/{created['id']}/notes",
                                   headers=callers.viewer.headers).get_json()
    assert [(n["text"], n["author"]) for n in notes] == [
        ("Nätverket: SOC leder, KFF bidrar med lokal.", callers.coordinator.email)]


def test_a_step_with_a_stale_if_match_is_refused(initiatives, callers):
    created = initiatives.create(callers.officer)
    etag = initiatives.get(callers.officer, created["id"]).headers["ETag"]
    initiatives.patch(callers.officer, created["id"], title="Spontanidrott fredagar")
    response = initiatives.client.post(
        f"/api/v1/initiatives/{created['id']}/transitions", json={"action": "to_network"},
        headers={**callers.officer.headers, "If-Match": etag})
    assert response.status_code == 412


def test_an_agreement_with_another_organisation_or_withdrawn_is_not_what_it_became(
        initiatives, callers, ctx, organisation):
    from iop.agreements.models import Agreement, Status
    from iop.extensions import db

    created = initiatives.create(callers.officer, organisation_id=organisation["id"])
    other = initiatives.step(callers.officer, created["id"], "close", outcome="agreement",
                             agreement_id=_agreement("KFF"))
    assert other.status_code == 422
    assert "inte med initiativets organisation" in other.get_json()["errors"]["agreement_id"][0]
    withdrawn_id = _agreement("KFF", organisation["id"])
    db.session.get(Agreement, withdrawn_id).status = Status.WITHDRAWN
    db.session.commit()
    withdrawn = initiatives.step(callers.officer, created["id"], "close", outcome="agreement",
                                 agreement_id=withdrawn_id)
    assert withdrawn.status_code == 422 and "återkallad" in withdrawn.get_json()["errors"]["agreement_id"][0]
    same = initiatives.step(callers.officer, created["id"], "close", outcome="agreement",
                            agreement_id=_agreement("KFF", organisation["id"]))
    assert same.status_code == 200, same.get_json()


def test_a_coordinator_reopens_a_closed_initiative_with_a_reason_kept_in_the_audit(
        initiatives, callers, client):
    created = initiatives.create(callers.officer, departments=["KFF", "SOC"], municipal_matter=None)
    initiatives.step(callers.coordinator, created["id"], "assign", department="KFF")
    initiatives.step(callers.coordinator, created["id"], "close", outcome="answered")
    assert initiatives.step(callers.officer, created["id"], "reopen", reason="Fel utfall").status_code == 403
    assert initiatives.step(callers.coordinator, created["id"], "reopen").status_code == 422
    reopened = initiatives.step(callers.coordinator, created["id"], "reopen", reason="Föreningen återkom.")
    assert reopened.status_code == 200, reopened.get_json()
    body = reopened.get_json()
    assert (body["status"], body["outcome"], body["assigned_department"]) == ("assigned", None, "KFF")
    audit = client.get(f"/api/v1/audit?entity=initiative&entity_id={created['id']}",
                       headers=callers.viewer.headers).get_json()
    assert {"reason": "Föreningen återkom."} in [event["changes"] for event in audit]
    assert initiatives.step(callers.coordinator, created["id"], "reopen", reason="Igen").status_code == 409


def test_closing_as_a_grant_names_a_grant_of_the_same_organisation(
        initiatives, callers, client, organisation):
    text = ("year,committee,org_number,organisation,purpose,amount_sek\n"
            "2026,Socialnämnden,802012-3454,IFK Sjöstad,Aktivitetsstöd,45000\n"
            "2026,Socialnämnden,802471-9653,Sjöstads Stadsmission,Stöd till hemlösa,200000\n")
    client.post("/api/v1/grants/import", data=text.encode(), content_type="text/csv",
                headers=callers.coordinator.headers)
    grants = {g["org_number"]: g["id"] for g in client.get(
        "/api/v1/grants", headers=callers.viewer.headers).get_json()}
    created = initiatives.create(callers.officer, organisation_id=organisation["id"])
    unnamed = initiatives.step(callers.officer, created["id"], "close", outcome="grant")
    assert unnamed.status_code == 422 and "grant_reference" in unnamed.get_json()["errors"]
    other = initiatives.step(callers.officer, created["id"], "close", outcome="grant",
                             grant_id=grants["802471-9653"])
    assert other.status_code == 422
    assert "inte till initiativets organisation" in other.get_json()["errors"]["grant_id"][0]
    closed = initiatives.step(callers.officer, created["id"], "close", outcome="grant",
                              grant_id=grants["802012-3454"])
    assert closed.status_code == 200 and closed.get_json()["grant_id"] == grants["802012-3454"]
