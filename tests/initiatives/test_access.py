"""Everyone reads every initiative; only its department, or the network, changes it."""

import pytest


def test_an_officer_of_another_department_sees_but_cannot_change_an_initiative_assigned_elsewhere(
        initiatives, callers):
    created = initiatives.create(callers.officer_soc, departments=["KFF", "SOC"])
    initiatives.step(callers.coordinator, created["id"], "assign", department="KFF")
    initiative_id = created["id"]

    seen = initiatives.get(callers.officer_soc, initiative_id)
    assert seen.status_code == 200 and seen.get_json()["assigned_department"] == "KFF"
    assert [i["id"] for i in initiatives.list(callers.officer_soc).get_json()] == [initiative_id]

    refused = [
        initiatives.patch(callers.officer_soc, initiative_id, title="Ändrad av SOC"),
        initiatives.step(callers.officer_soc, initiative_id, "close", outcome="declined"),
        initiatives.step(callers.officer_soc, initiative_id, "to_network"),
        initiatives.step(callers.officer_soc, initiative_id, "assign", department="SOC"),
    ]
    assert [r.status_code for r in refused] == [403, 403, 403, 403]
    assert "Kultur- och fritidsförvaltningen (KFF)" in refused[0].get_json()["message"]
    after = initiatives.get(callers.viewer, initiative_id).get_json()
    assert after["title"] == created["title"] and after["status"] == "assigned"


def test_an_officer_cannot_change_a_received_initiative_of_another_department(initiatives, callers):
    created = initiatives.create(callers.officer)
    assert initiatives.patch(callers.officer_soc, created["id"], title="x").status_code == 403
    assert initiatives.step(callers.officer_soc, created["id"], "to_network").status_code == 403
    assert initiatives.patch(callers.officer, created["id"], title="Spontanidrott").status_code == 200


def test_an_officer_of_a_co_owning_department_may_edit_until_a_lead_is_named(initiatives, callers):
    created = initiatives.create(callers.officer, departments=["KFF", "SOC"])
    assert initiatives.patch(callers.officer_soc, created["id"], contact_name="Eva").status_code == 200
    initiatives.step(callers.coordinator, created["id"], "assign", department="KFF")
    assert initiatives.patch(callers.officer_soc, created["id"], contact_name="Per").status_code == 403


@pytest.mark.parametrize("role", ["admin", "coordinator", "officer"])
def test_officers_coordinators_and_admins_register_initiatives(initiatives, callers, role):
    initiatives.create(callers.by_role()[role], departments=["SOC"])


@pytest.mark.parametrize("role", ["legal", "viewer"])
def test_lawyers_and_viewers_read_but_cannot_register_note_or_move(initiatives, callers, role):
    caller = callers.by_role()[role]
    assert initiatives.create(caller, expect=403)["code"] == 403
    created = initiatives.create(callers.officer)
    assert initiatives.get(caller, created["id"]).status_code == 200
    assert initiatives.patch(caller, created["id"], title="x").status_code == 403
    assert initiatives.step(caller, created["id"], "to_network").status_code == 403
    assert initiatives.note(caller, created["id"], "Hej").status_code == 403
    assert initiatives.client.get(f"/api/v1/initiatives/{created['id']}/notes",
                                  headers=caller.headers).status_code == 200


def test_reading_initiatives_needs_a_token(client):
    assert client.get("/api/v1/initiatives").status_code == 401
