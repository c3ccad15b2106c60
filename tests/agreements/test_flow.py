"""The whole life of an IOP through the HTTP API, as officers and a lawyer live it."""

import hashlib
import io

import docx

from tests.agreements.factories import (
    SIGNATORIES,
    clean_iop,
    document,
    draft,
    patch,
    review,
    transition,
)


def _text(content: bytes) -> str:
    document_ = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document_.paragraphs]
    for table in document_.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document_.sections:
        parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


def test_draft_review_sign_and_renew_an_iop(client, callers, organisation_id):
    officer, legal = callers.officer, callers.legal
    incomplete = clean_iop(organisation_id, challenge=None, market_assessment="", resources=[
        {"party": "municipality", "type": "money", "amount_sek": 250000}])
    agreement = draft(client, officer, incomplete)
    agreement_id = agreement["id"]
    assert (agreement["status"], agreement["revision"]) == ("draft", 1)

    refused = transition(client, officer, agreement_id, action="submit")
    assert refused.status_code == 409
    assert set(refused.get_json()["errors"]) == {"challenge", "market_assessment", "resources.organisation"}
    assert "samhällsutmaning" in refused.get_json()["message"]

    fixed = patch(client, officer, agreement_id, {
        "challenge": clean_iop(0)["challenge"], "market_assessment": clean_iop(0)["market_assessment"],
        "resources": clean_iop(0)["resources"]})
    assert fixed.status_code == 200 and fixed.get_json()["revision"] == 2
    assert transition(client, officer, agreement_id, action="submit").get_json()["status"] == "in_review"

    sent_back = review(client, callers, agreement_id, "request_changes", "Förtydliga styrgruppens mandat.")
    assert sent_back.status_code == 201
    reading = client.get(f"/api/v1/agreements/{agreement_id}", headers=officer.headers).get_json()
    assert reading["status"] == "draft"
    assert patch(client, officer, agreement_id, {
        "governance": "Styrgruppen beslutar om verksamhetens inriktning inom ramen för budgeten."}
    ).get_json()["revision"] == 3
    assert "UTKAST" in _text(document(client, officer, agreement_id).data)  # a draft is marked
    assert transition(client, officer, agreement_id, action="submit").status_code == 200

    reviewed = document(client, legal, agreement_id)
    approved = review(client, callers, agreement_id, "approve")
    assert approved.status_code == 201, approved.get_json()
    assert approved.get_json()["document_sha256"] == hashlib.sha256(reviewed.data).hexdigest()
    after = client.get(f"/api/v1/agreements/{agreement_id}", headers=officer.headers).get_json()
    assert (after["status"], after["approved_revision"]) == ("approved", 3)
    assert document(client, officer, agreement_id).data == reviewed.data  # what was approved is served

    no_signatures = transition(client, officer, agreement_id, action="activate", signed_on="2026-11-20")
    assert no_signatures.status_code == 422 and "signatories" in no_signatures.get_json()["errors"]
    active = transition(client, officer, agreement_id, action="activate", signed_on="2026-11-20",
                        signatories=SIGNATORIES).get_json()
    assert active["status"] == "active"
    assert active["approved_sha256"] == approved.get_json()["document_sha256"]
    signed_copy = document(client, officer, agreement_id)
    assert hashlib.sha256(signed_copy.data).hexdigest() == active["active_sha256"]
    # From submission on the document is the signature version: no draft marking anywhere.
    assert "UTKAST" not in _text(reviewed.data) and "UTKAST" not in _text(signed_copy.data)
    assert "Utkast" not in _text(reviewed.data)
    assert "Lena Lind" in _text(signed_copy.data)

    frozen = patch(client, officer, agreement_id, {"title": "Ändrad titel"})
    assert frozen.status_code == 409

    renewal = client.post(f"/api/v1/agreements/{agreement_id}/renewal", headers=officer.headers,
                          json={"start_date": "2029-01-01", "end_date": "2030-12-31"})
    assert renewal.status_code == 201, renewal.get_json()
    successor = renewal.get_json()
    assert successor["predecessor_id"] == agreement_id and successor["case_number"] is None
    assert (successor["status"], successor["revision"]) == ("draft", 1)
    assert successor["challenge"] == active["challenge"]
    assert successor["milestones"] == [
        {"date": "2029-03-31", "title": "Verksamheten har startat i två skolor"}]

    revisions = client.get(f"/api/v1/agreements/{agreement_id}/revisions", headers=callers.viewer.headers)
    assert [r["number"] for r in revisions.get_json()] == [1, 2, 3]
    assert {r["created_by"] for r in revisions.get_json()} == {officer.email}
    actions = {e["action"] for e in client.get(
        f"/api/v1/audit?entity=agreement&entity_id={agreement_id}&per_page=100",
        headers=callers.viewer.headers).get_json()}
    assert {"create", "update", "submit", "request_changes", "approve", "activate"} <= actions
