"""Dates that would skew the record are refused with a message on the field, through the API."""

from tests.agreements.factories import clean_iop, draft, patch, signed_agreement, transition


def renew(client, caller, agreement_id: int, **body):
    return client.post(f"/api/v1/agreements/{agreement_id}/renewal", headers=caller.headers, json=body)


def test_a_milestone_before_the_start_is_refused(client, callers, organisation_id):
    response = client.post("/api/v1/agreements", headers=callers.officer.headers, json=clean_iop(
        organisation_id, milestones=[{"date": "2026-12-01", "title": "Förberedelser"}]))
    assert response.status_code == 422
    [message] = response.get_json()["errors"]["milestones"]
    assert "2026-12-01" in message and "utanför" in message


def test_a_milestone_after_the_end_is_refused_when_the_draft_changes(client, callers, organisation_id):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    response = patch(client, callers.officer, agreement["id"], {"end_date": "2027-02-28"})
    assert response.status_code == 422 and "milestones" in response.get_json()["errors"]


def test_follow_ups_may_come_up_to_twelve_months_after_the_end(client, callers, organisation_id):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    allowed = patch(client, callers.officer, agreement["id"],
                    {"follow_ups": [{"date": "2029-12-31", "title": "Slutrapport"}]})
    assert allowed.status_code == 200, allowed.get_json()
    too_late = patch(client, callers.officer, agreement["id"],
                     {"follow_ups": [{"date": "2030-01-01", "title": "Slutrapport"}]})
    assert too_late.status_code == 422
    assert "tolv månader" in too_late.get_json()["errors"]["follow_ups"][0]
    too_early = patch(client, callers.officer, agreement["id"],
                      {"follow_ups": [{"date": "2026-12-31", "title": "Startmöte"}]})
    assert too_early.status_code == 422
    assert "före startdatum" in too_early.get_json()["errors"]["follow_ups"][0]


def test_a_termination_before_the_start_is_refused(client, callers, organisation_id):
    agreement = signed_agreement(client, callers, organisation_id)
    response = transition(client, callers.officer, agreement["id"], action="terminate",
                          effective_on="2026-12-31", reason="Verksamheten upphör.")
    assert response.status_code == 422
    assert "startdatum" in response.get_json()["errors"]["effective_on"][0]


def test_a_renewal_that_overlaps_its_predecessor_is_refused(client, callers, organisation_id):
    agreement = signed_agreement(client, callers, organisation_id)
    response = renew(client, callers.officer, agreement["id"], start_date="2028-12-31", end_date="2030-12-31")
    assert response.status_code == 422
    assert "2028-12-31" in response.get_json()["errors"]["start_date"][0]


def test_a_second_renewal_is_a_conflict_until_the_first_is_withdrawn(client, callers, organisation_id):
    agreement = signed_agreement(client, callers, organisation_id)
    first = renew(client, callers.officer, agreement["id"], start_date="2029-01-01", end_date="2030-12-31")
    assert first.status_code == 201, first.get_json()
    second = renew(client, callers.officer, agreement["id"], start_date="2029-01-01", end_date="2030-12-31")
    assert second.status_code == 409
    assert str(first.get_json()["id"]) in second.get_json()["message"]
    withdrawn = transition(client, callers.officer, first.get_json()["id"], action="withdraw")
    assert withdrawn.status_code == 200, withdrawn.get_json()
    again = renew(client, callers.officer, agreement["id"], start_date="2029-01-01", end_date="2030-12-31")
    assert again.status_code == 201
