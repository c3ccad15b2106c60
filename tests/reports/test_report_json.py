"""Every figure of the yearly report's JSON, against totals worked out by hand (year_2026.py)."""

from datetime import date

from iop import clock
from tests.reports import year_2026


def report(client, caller, year=2026):
    response = client.get(f"/api/v1/reports/{year}", headers=caller.headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_the_report_has_the_shape_api_md_promises(client, callers, year_of_data):
    with clock.frozen_at(date(2027, 1, 15)):
        body = report(client, callers.viewer)
    assert body["year"] == 2026 and body["preliminary"] is False
    assert {"active", "started", "ended", "renewed", "by_kind", "by_committee"} <= set(body["agreements"])
    assert {"total_sek", "by_committee", "organisations_with_several_committees"} <= set(body["grants"])
    assert {"received", "by_status", "cross_department", "median_days_to_first_handling"} <= set(
        body["initiatives"])
    assert {"org_number", "name", "amount_sek", "sources"} <= set(body["funding_overlaps"][0])
    source = body["funding_overlaps"][0]["sources"][0]
    assert {"type", "id", "committee", "title", "amount_sek"} <= set(source)


def test_a_year_that_is_not_over_is_preliminary(client, callers):
    with clock.frozen_at(date(2026, 12, 30)):
        assert report(client, callers.viewer, 2026)["preliminary"] is True
        assert report(client, callers.viewer, 2027)["preliminary"] is True
        assert report(client, callers.viewer, 2025)["preliminary"] is False


def test_every_agreement_figure_follows_the_counting_rules(client, callers, year_of_data):
    assert report(client, callers.viewer)["agreements"] == year_2026.EXPECTED_AGREEMENTS


def test_resources_are_summed_by_party_and_type(client, callers, year_of_data):
    assert report(client, callers.viewer)["resources"] == year_2026.EXPECTED_RESOURCES


def test_every_grant_figure_and_the_possible_double_funding(client, callers, year_of_data):
    body = report(client, callers.viewer)
    assert body["grants"] == year_2026.EXPECTED_GRANTS
    without_ids = [{**pair, "sources": [{k: v for k, v in s.items() if k != "id"} for s in pair["sources"]]}
                   for pair in body["possible_double_funding"]]
    assert without_ids == year_2026.EXPECTED_DOUBLE_FUNDING


def test_funding_overlaps_list_every_source_of_money_of_an_organisation(client, callers, year_of_data):
    overlaps = report(client, callers.viewer)["funding_overlaps"]
    assert [{**o, "sources": [{k: v for k, v in s.items() if k != "id"} for s in o["sources"]]}
            for o in overlaps] == year_2026.EXPECTED_FUNDING_OVERLAPS
    assert overlaps[0]["sources"][0]["id"] == year_of_data["A1"]


def test_initiatives_of_the_year_by_status_and_outcome_and_how_fast_they_were_handled(
        client, callers, year_of_data):
    def register(caller, received_on, departments, **extra):
        response = client.post("/api/v1/initiatives", headers=caller.headers, json={
            "title": "Initiativ", "description": "Beskrivning", "received_on": received_on,
            "departments": departments, "municipal_matter": True, **extra})
        assert response.status_code == 201, response.get_json()
        return response.get_json()["id"]

    def step(initiative_id, caller, **body):
        response = client.post(f"/api/v1/initiatives/{initiative_id}/transitions", headers=caller.headers,
                               json=body)
        assert response.status_code == 200, response.get_json()

    register(callers.officer, "2026-03-02", ["KFF"])  # waits, received
    register(callers.officer, "2026-04-01", ["KFF", "SOC"])  # cross-department: the network's queue
    taken = register(callers.officer, "2026-05-04", ["KFF"])  # a Monday
    with clock.frozen_at(date(2026, 5, 6)):  # first handled two working days later
        step(taken, callers.officer, action="assign", department="KFF")
        step(taken, callers.officer, action="close", outcome="answered")
    register(callers.officer, "2025-12-30", ["KFF"])  # another year
    initiatives = report(client, callers.viewer)["initiatives"]
    assert initiatives["received"] == 3 and initiatives["cross_department"] == 1
    assert initiatives["by_status"] == {"received": 1, "in_network": 1, "assigned": 0, "closed": 1}
    assert initiatives["by_outcome"]["answered"] == 1
    assert initiatives["median_days_to_first_handling"] == 2


def test_money_counts_pro_rata_in_each_year_of_a_multi_year_agreement(client, callers, year_of_data):
    # A2 (2025-01-01..2026-06-30, 546 days) gives 50 000 a year and 30 000 for the whole term.
    soc_2025 = next(d for d in report(client, callers.viewer, 2025)["agreements"]["by_department"]
                    if d["department"] == "SOC")
    assert soc_2025["municipality_sek"] == round(50000 + 30000 * 365 / 546)
    soc_2026 = next(d for d in report(client, callers.viewer)["agreements"]["by_department"]
                    if d["department"] == "SOC")
    assert soc_2026["municipality_sek"] == round(50000 * 181 / 365 + 30000 * 181 / 546 + 40000 + 25000.5)


def test_an_agreement_signed_for_next_year_counts_next_year_not_this(client, callers, year_of_data):
    body = report(client, callers.viewer, 2027)["agreements"]
    # 2027: A1 and the renewal A6; A3 runs to 2027 on paper but its termination took effect in 2026.
    assert body["active"] == 2
    assert body["municipality_sek"] == round(100000 + 20000 * 365 / 1096 + 65000)
    assert body["renewed"] == 0


def test_a_year_without_anything_is_all_zeros(client, callers, year_of_data):
    body = report(client, callers.viewer, 2019)
    assert body["agreements"]["active"] == 0 and body["agreements"]["by_committee"] == []
    assert body["grants"]["total_sek"] == 0 and body["grants"]["by_committee"] == []
    assert body["agreements"]["by_kind"] == {"iop": 0, "annual": 0}


def test_every_role_may_read_the_report(client, callers):
    for caller in callers.by_role().values():
        assert client.get("/api/v1/reports/2026", headers=caller.headers).status_code == 200


def test_an_unreasonable_year_is_refused_with_a_message(client, callers):
    response = client.get("/api/v1/reports/99999", headers=callers.viewer.headers)
    assert response.status_code == 422
    assert "year" in response.get_json()["errors"]
