"""After registration the departments and the day it came in are the network's to correct, with a reason."""

from __future__ import annotations


def test_an_officer_may_not_move_an_initiative_to_other_departments_or_another_day(initiatives, callers):
    created = initiatives.create(callers.officer)
    moved = initiatives.patch(callers.officer, created["id"], departments=["SOC"])
    assert moved.status_code == 422
    assert "Bara nätverkets samordnare" in moved.get_json()["errors"]["departments"][0]
    backdated = initiatives.patch(callers.officer, created["id"], received_on="2026-01-02")
    assert backdated.status_code == 422 and "svarstiden" in backdated.get_json()["errors"]["received_on"][0]
    unchanged = initiatives.get(callers.officer, created["id"]).get_json()
    assert unchanged["departments"] == ["KFF"] and unchanged["received_on"] == "2026-03-16"
    # the same values sent back (as a form does) are no change, and other fields still change
    same = initiatives.patch(callers.officer, created["id"], departments=["KFF"], received_on="2026-03-16",
                             title="Spontanidrott på fredagar")
    assert same.status_code == 200 and same.get_json()["title"] == "Spontanidrott på fredagar"


def test_a_coordinator_corrects_them_with_a_reason_that_the_audit_log_keeps(initiatives, callers):
    created = initiatives.create(callers.officer)
    without = initiatives.patch(callers.coordinator, created["id"], received_on="2026-03-02")
    assert without.status_code == 422 and without.get_json()["errors"]["reason"] == [
        "Ange varför förvaltningarna eller inkomstdatumet ändras."]
    corrected = initiatives.patch(callers.coordinator, created["id"], received_on="2026-03-02",
                                  reason="Brevet låg kvar i kommunens brevlåda.")
    assert corrected.status_code == 200 and corrected.get_json()["received_on"] == "2026-03-02"
    events = initiatives.client.get(
        f"/api/v1/audit?entity=initiative&entity_id={created['id']}&action=registration_corrected",
        headers=callers.admin.headers).get_json()
    assert len(events) == 1 and events[0]["actor"] == callers.coordinator.email
    assert events[0]["changes"] == {"received_on": ["2026-03-16", "2026-03-02"],
                                    "reason": [None, "Brevet låg kvar i kommunens brevlåda."]}


def test_if_match_star_is_not_a_version(initiatives, callers):
    created = initiatives.create(callers.officer)
    response = initiatives.client.patch(f"/api/v1/initiatives/{created['id']}", json={"title": "x"},
                                        headers={**callers.officer.headers, "If-Match": "*"})
    assert response.status_code == 428 and "If-Match: * räcker inte" in response.get_json()["message"]
    assert initiatives.get(callers.officer, created["id"]).get_json()["title"] == created["title"]
