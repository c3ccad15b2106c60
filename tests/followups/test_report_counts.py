"""The yearly report counts the follow-up reports: due, received, missing and their assessments."""

from datetime import date

from iop.clock import frozen_at
from tests.agreements.factories import clean_iop, draft, signed_agreement


def follow_ups(*days: str) -> list[dict]:
    return [{"date": day, "title": f"Rapport {day}"} for day in days]


def record(client, caller, agreement_id: int, day: str, assessment: str):
    with frozen_at(date(2028, 1, 10)):
        response = client.post(f"/api/v1/agreements/{agreement_id}/follow-up-reports", headers=caller.headers,
                               json={"follow_up_date": day, "received_on": "2028-01-09",
                                     "summary": "Inkommen.", "assessment": assessment})
    assert response.status_code == 201, response.get_json()


def test_the_yearly_report_counts_follow_ups_received_missing_and_assessed(client, callers, organisation_id):
    both = signed_agreement(client, callers, organisation_id, case_number="KFN 2026/0061",
                            follow_ups=follow_ups("2027-06-30", "2027-12-15"))
    one = signed_agreement(client, callers, organisation_id, case_number="KFN 2026/0062",
                           follow_ups=follow_ups("2027-06-30"))
    late = signed_agreement(client, callers, organisation_id, case_number="KFN 2026/0063",
                            follow_ups=follow_ups("2027-06-30", "2028-03-31"))
    draft(client, callers.officer, clean_iop(organisation_id, case_number="KFN 2026/0064"))  # not signed
    record(client, callers.officer, both["id"], "2027-06-30", "met")
    record(client, callers.officer, both["id"], "2027-12-15", "not_met")
    record(client, callers.coordinator, one["id"], "2027-06-30", "partly_met")
    record(client, callers.officer, late["id"], "2028-03-31", "met")  # early, and for another year

    with frozen_at(date(2028, 1, 10)):
        report = client.get("/api/v1/reports/2027", headers=callers.viewer.headers).get_json()
    assert report["follow_up_reports"] == {"due": 4, "received": 3, "missing": 1,
                                           "by_assessment": {"met": 1, "partly_met": 1, "not_met": 1}}


def test_a_follow_up_still_to_come_is_due_but_not_missing(client, callers, organisation_id):
    signed_agreement(client, callers, organisation_id, follow_ups=follow_ups("2027-06-30", "2027-12-15"))
    with frozen_at(date(2027, 7, 5)):
        report = client.get("/api/v1/reports/2027", headers=callers.viewer.headers).get_json()
    assert report["follow_up_reports"] == {"due": 2, "received": 0, "missing": 1,
                                           "by_assessment": {"met": 0, "partly_met": 0, "not_met": 0}}
