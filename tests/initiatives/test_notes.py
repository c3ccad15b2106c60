"""Notes: who said what about an initiative, when, shared across departments and in the audit log."""

from datetime import datetime

from tests.initiatives.conftest import freeze


def test_notes_are_listed_newest_first_with_their_author_and_time(initiatives, callers, today):
    created = initiatives.create(callers.officer)
    assert initiatives.note(callers.officer, created["id"], "Ringde Erik, han återkommer.").status_code == 201
    freeze(today.replace(day=17))
    initiatives.note(callers.coordinator, created["id"], "Tas upp på nätverksmötet.")
    notes = initiatives.client.get(f"/api/v1/initiatives/{created['id']}/notes",
                                   headers=callers.viewer.headers).get_json()
    assert [(n["author"], n["text"]) for n in notes] == [
        (callers.coordinator.email, "Tas upp på nätverksmötet."),
        (callers.officer.email, "Ringde Erik, han återkommer.")]
    assert [datetime.fromisoformat(n["created_at"]).date().isoformat() for n in notes] == [
        "2026-03-17", "2026-03-16"]
    assert notes[0]["author_name"] == "Coordinator"


def test_a_note_is_in_the_audit_log_under_its_initiative(initiatives, callers):
    created = initiatives.create(callers.officer)
    note = initiatives.note(callers.officer, created["id"], "Föreningen har fått bidrag från SOC förut.")
    events = initiatives.client.get(f"/api/v1/audit?entity=initiative&entity_id={created['id']}",
                                    headers=callers.coordinator.headers).get_json()
    logged = [e for e in events if e["action"] == "note_create"]
    assert len(logged) == 1 and logged[0]["actor"] == callers.officer.email
    assert logged[0]["changes"]["note.text"] == [None, "Föreningen har fått bidrag från SOC förut."]
    assert logged[0]["changes"]["note.id"] == [None, note.get_json()["id"]]


def test_an_officer_of_another_department_may_share_what_they_know(initiatives, callers):
    created = initiatives.create(callers.officer)
    response = initiatives.note(callers.officer_soc, created["id"], "Vi känner föreningen via fältgruppen.")
    assert response.status_code == 201


def test_an_empty_note_is_422(initiatives, callers):
    created = initiatives.create(callers.officer)
    response = initiatives.note(callers.officer, created["id"], "   ")
    assert response.status_code == 422 and "text" in response.get_json()["errors"]


def test_every_step_is_in_the_audit_log_by_name(initiatives, callers):
    created = initiatives.create(callers.officer, departments=["KFF", "SOC"])
    initiatives.step(callers.coordinator, created["id"], "assign", department="KFF")
    initiatives.step(callers.officer, created["id"], "close", outcome="answered")
    events = initiatives.client.get(f"/api/v1/audit?entity=initiative&entity_id={created['id']}",
                                    headers=callers.coordinator.headers).get_json()
    steps = [(e["action"], e["actor"]) for e in reversed(events) if e["action"] in ("assign", "close")]
    assert ("assign", callers.coordinator.email) in steps and ("close", callers.officer.email) in steps
    closing = next(e for e in events if e["action"] == "close" and "status" in e["changes"])
    assert closing["changes"]["status"] == ["assigned", "closed"]
    assert closing["changes"]["outcome"] == [None, "answered"]
