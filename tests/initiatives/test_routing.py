"""Where a new initiative lands: its one department's inbox, or the network's queue."""

from datetime import date

import pytest

from tests.initiatives.conftest import SPONTANIDROTT, freeze


def test_an_initiative_for_one_clear_department_is_received_by_that_department(initiatives, callers):
    body = initiatives.create(callers.officer)
    assert body["status"] == "received" and body["status_label"] == "Mottaget"
    assert body["departments"] == ["KFF"] and body["assigned_department"] is None
    assert body["contact_email"] == "kansli@ifksjostad.example"
    assert body["first_handled_on"] is None and body["flagged"] is False and body["overdue"] is False
    assert body["registered_by"] == callers.officer.email


def test_an_initiative_for_several_departments_starts_in_the_network_queue(initiatives, callers):
    body = initiatives.create(callers.officer, departments=["kff", "SOC"])
    assert body["status"] == "in_network"
    assert body["departments"] == ["KFF", "SOC"]


@pytest.mark.parametrize("fields", [
    {"municipal_matter": None},
    {"departments": []},
    {"departments": ["KFF"], "municipal_matter": None},
])
def test_an_initiative_with_an_unclear_matter_or_owner_starts_in_the_network_queue(
        initiatives, callers, fields):
    assert initiatives.create(callers.officer, **fields)["status"] == "in_network"


def test_a_matter_left_out_counts_as_unclear(initiatives, callers):
    body = initiatives.create(callers.coordinator, municipal_matter=None)
    assert body["municipal_matter"] is None and body["status"] == "in_network"


def test_a_department_named_twice_counts_once(initiatives, callers):
    body = initiatives.create(callers.officer, departments=["KFF", "kff "])
    assert body["departments"] == ["KFF"] and body["status"] == "received"


def test_an_unknown_department_is_422_naming_it(initiatives, callers):
    body = initiatives.create(callers.officer, expect=422, departments=["KFF", "XYZ"])
    assert body["errors"]["departments"] == ["Förvaltningen XYZ finns inte."]
    assert initiatives.list(callers.viewer).get_json() == []


def test_a_received_initiative_given_a_second_department_moves_to_the_network(initiatives, callers):
    created = initiatives.create(callers.officer)
    changed = initiatives.patch(callers.coordinator, created["id"], departments=["KFF", "SOC"],
                                reason="Berör även socialtjänsten.")
    assert changed.status_code == 200
    assert changed.get_json()["status"] == "in_network"


def test_a_received_initiative_whose_matter_becomes_unclear_moves_to_the_network(initiatives, callers):
    created = initiatives.create(callers.officer)
    changed = initiatives.patch(callers.officer, created["id"], municipal_matter=None)
    assert changed.get_json()["status"] == "in_network"


def test_the_response_deadline_is_fourteen_swedish_working_days_after_receipt(initiatives, callers):
    assert initiatives.create(callers.officer, received_on="2026-03-02")["respond_by"] == "2026-03-20"


def test_the_response_deadline_skips_the_easter_holidays(initiatives, callers):
    freeze(date(2026, 4, 30))
    # Good Friday (3 April) and Easter Monday (6 April) are not working days.
    assert initiatives.create(callers.officer, received_on="2026-03-30")["respond_by"] == "2026-04-21"


def test_an_initiative_cannot_be_received_in_the_future(initiatives, callers):
    body = initiatives.create(callers.officer, expect=422, received_on="2026-03-17")
    assert list(body["errors"]) == ["received_on"]


def test_the_received_day_is_today_unless_given(initiatives, callers, today):
    fields = {k: v for k, v in SPONTANIDROTT.items() if k != "received_on"}
    response = initiatives.client.post("/api/v1/initiatives", json=fields, headers=callers.officer.headers)
    assert response.get_json()["received_on"] == today.isoformat()
