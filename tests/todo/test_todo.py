"""Att göra: each role's waiting work, as JSON and on the start page, each row linking to its page."""

from __future__ import annotations

import pytest

from iop import clock
from iop.extensions import db
from iop.outbox.models import MessageStatus
from iop.outbox.services import enqueue_message
from tests.agreements.factories import clean_iop, draft, review, transition
from tests.initiatives.conftest import TODAY, InitiativeApi, freeze
from tests.web import sign_in


@pytest.fixture
def work(client, callers, organisation_id, app):
    """One agreement in review, one returned with a lawyer's comment, an initiative in KFF's inbox,
    one in the network's queue, and a failed e-mail."""
    freeze(TODAY)
    waiting = draft(client, callers.officer, clean_iop(organisation_id, title="Väntar på jurist"))
    assert transition(client, callers.officer, waiting["id"], action="submit").status_code == 200
    returned = draft(client, callers.officer, clean_iop(organisation_id, title="Tillbaka till KFF",
                                                          case_number="KFN 2026/0043"))
    assert transition(client, callers.officer, returned["id"], action="submit").status_code == 200
    client.post(f"/api/v1/agreements/{returned['id']}/comments", headers=callers.legal.headers,
                json={"section": "purpose", "body": "Förtydliga syftet."})
    assert review(client, callers, returned["id"], "request_changes").status_code == 201
    api = InitiativeApi(client)
    inbox = api.create(callers.officer, title="Spontanidrott i KFF")
    queued = api.create(callers.officer, title="Gemensamt för KFF och SOC", departments=["KFF", "SOC"])
    with app.app_context():
        message = enqueue_message(key="test:failed", recipients=["fel@kommun.test"], subject="Trasig post",
                                  body_text="x", entity="agreement", entity_id=waiting["id"])
        message.status, message.last_error = MessageStatus.FAILED, "550 Okänd mottagare"
        db.session.commit()
    yield {"waiting": waiting, "returned": returned, "inbox": inbox, "queued": queued}
    clock.set_frozen(None)


def todo(client, caller) -> list[dict]:
    response = client.get("/api/v1/me/todo", headers=caller.headers)
    assert response.status_code == 200
    body = response.get_json()
    assert body["total"] == len(body["items"])
    return body["items"]


def test_each_role_sees_exactly_its_waiting_work(work, client, callers):
    base = "http://iop.test"
    assert [(i["kind"], i["title"], i["url"]) for i in todo(client, callers.legal)] == [
        ("review", "Väntar på jurist", f"{base}/overenskommelser/{work['waiting']['id']}/granskning")]
    officer = todo(client, callers.officer)
    assert [(i["kind"], i["title"]) for i in officer] == [
        ("returned_agreement", "Tillbaka till KFF"), ("initiative", "Spontanidrott i KFF")]
    assert officer[0]["detail"] == "1 olöst kommentar från granskningen"
    assert officer[1]["url"] == f"{base}/initiativ/{work['inbox']['id']}"
    assert todo(client, callers.officer_soc) == []
    assert [(i["kind"], i["title"]) for i in todo(client, callers.coordinator)] == [
        ("network_initiative", "Gemensamt för KFF och SOC")]
    [failed] = todo(client, callers.admin)
    assert failed["kind"] == "failed_email" and "550 Okänd mottagare" in failed["detail"]
    assert todo(client, callers.viewer) == []


def test_resolving_the_comment_and_handling_the_initiative_empties_the_officers_list(work, client, callers):
    url = f"/api/v1/agreements/{work['returned']['id']}/comments"
    [comment] = client.get(url, headers=callers.officer.headers).get_json()
    assert client.post(f"{url}/{comment['id']}/resolve", headers=callers.officer.headers).status_code == 200
    api = InitiativeApi(client)
    assert api.step(callers.officer, work["inbox"]["id"], "assign", department="KFF").status_code == 200
    assert todo(client, callers.officer) == []


def test_the_start_page_shows_the_list_with_links(work, client, callers, app):
    sign_in(client, app, "legal", email="jurist.web@kommun.test")
    page = client.get("/").get_data(as_text=True)
    assert "Att göra" in page
    assert f'href="/overenskommelser/{work["waiting"]["id"]}/granskning">Väntar på jurist</a>' in page


def test_the_list_is_in_the_openapi_document_with_a_schema(client):
    document = client.get("/api/v1/openapi.json").get_json()
    operation = document["paths"]["/api/v1/me/todo"]["get"]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/TodoOut"}
    assert {"kind", "url", "title"} <= set(document["components"]["schemas"]["TodoItemOut"]["properties"])


def test_an_overdue_follow_up_report_is_on_the_officers_list_and_start_page(client, callers, organisation_id,
                                                                            app):
    """Past its date without a report: on the list of the department's officers, not another's."""
    from datetime import date

    from tests.agreements.factories import signed_agreement

    agreement = signed_agreement(client, callers, organisation_id, title="Läxhjälp med återrapport",
                                 follow_ups=[{"date": "2027-06-30", "title": "Halvårsredovisning"}])
    freeze(date(2027, 7, 12))  # Monday, 8 working days after Wednesday 30 June
    try:
        [item] = todo(client, callers.officer)
        assert (item["kind"], item["label"], item["title"]) == (
            "overdue_follow_up", "Registrera försenad återrapport", "Läxhjälp med återrapport")
        assert item["detail"] == "Halvårsredovisning: uppföljning 30 juni 2027, försenad 8 arbetsdagar"
        assert item["url"] == f"http://iop.test/overenskommelser/{agreement['id']}#uppfoljning"
        assert todo(client, callers.officer_soc) == []
        assert todo(client, callers.legal) == []
        sign_in(client, app, "officer", email="handlaggare.web@kommun.test")
        page = client.get("/").get_data(as_text=True)
        assert f'href="/overenskommelser/{agreement["id"]}#uppfoljning">Läxhjälp med återrapport</a>' in page
        assert "försenad 8 arbetsdagar" in page
        response = client.post(f"/api/v1/agreements/{agreement['id']}/follow-up-reports",
                               headers=callers.officer.headers,
                               json={"follow_up_date": "2027-06-30", "received_on": "2027-07-12",
                                     "summary": "Inkommen.", "assessment": "met"})
        assert response.status_code == 201
        assert todo(client, callers.officer) == []
    finally:
        clock.set_frozen(None)
