"""The service queries the pages list from: waiting for review, a department's drafts, successors."""

from __future__ import annotations

from iop.agreements import services
from iop.extensions import db
from tests.agreements.factories import clean_iop, draft, signed_agreement, transition


def _titles(statement) -> list[str]:
    return [a.title for a in db.session.scalars(statement)]


def test_agreements_waiting_for_review_come_the_longest_waiting_first(client, callers, organisation_id, app):
    ids = [draft(client, callers.officer, clean_iop(organisation_id, title=f"Nr {n}", case_number=None))["id"]
           for n in (1, 2, 3)]
    for agreement_id in (ids[2], ids[0]):  # the third is sent first
        transition(client, callers.officer, agreement_id, action="submit")
    with app.app_context():
        assert _titles(services.list_awaiting_review()) == ["Nr 3", "Nr 1"]


def test_a_departments_drafts_are_its_own_and_only_drafts(client, callers, organisation_id, app):
    draft(client, callers.officer, clean_iop(organisation_id, title="KFF utkast", case_number=None))
    sent = draft(client, callers.officer, clean_iop(organisation_id, title="KFF inskickad", case_number=None))
    transition(client, callers.officer, sent["id"], action="submit")
    draft(client, callers.officer_soc, clean_iop(organisation_id, title="SOC utkast", case_number=None))
    with app.app_context():
        kff = services.get_agreement(agreement_id=sent["id"]).department
        assert _titles(services.list_drafts(department=kff)) == ["KFF utkast"]


def test_an_agreement_lists_the_agreements_that_renew_it(client, callers, organisation_id, app):
    signed = signed_agreement(client, callers, organisation_id)
    renewal = client.post(f"/api/v1/agreements/{signed['id']}/renewal", headers=callers.officer.headers,
                          json={"start_date": "2029-01-01", "end_date": "2030-12-31"}).get_json()
    with app.app_context():
        agreement = services.get_agreement(agreement_id=signed["id"])
        assert [a.id for a in services.list_successors(agreement=agreement)] == [renewal["id"]]
        assert services.list_successors(agreement=services.get_agreement(agreement_id=renewal["id"])) == []
