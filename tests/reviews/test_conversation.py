"""A lawyer's comment is a thread: the officer answers it and marks it resolved, on its revision."""

from __future__ import annotations

from tests.agreements.factories import clean_iop, draft, patch, review, transition


def _commented(client, callers, organisation_id):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    assert transition(client, callers.officer, agreement["id"], action="submit").status_code == 200
    url = f"/api/v1/agreements/{agreement['id']}/comments"
    made = client.post(url, headers=callers.legal.headers, json={
        "section": "market_assessment", "body": "Finns det privata aktörer i området?"})
    assert made.status_code == 201
    return agreement, url, made.get_json()


def test_the_officer_answers_and_resolves_and_the_thread_stays_with_its_revision(client, callers,
                                                                                 organisation_id):
    agreement, url, comment = _commented(client, callers, organisation_id)
    assert review(client, callers, agreement["id"], "request_changes").status_code == 201
    answered = client.post(f"{url}/{comment['id']}/replies", headers=callers.officer.headers,
                           json={"body": "Nej, vi har frågat två företag; ingen erbjuder läxhjälp."})
    assert answered.status_code == 201
    assert answered.get_json()["author"] == callers.officer.email
    back = client.post(f"{url}/{comment['id']}/replies", headers=callers.legal.headers,
                       json={"body": "Bra, skriv in det i marknadsbedömningen."})
    assert back.status_code == 201
    patch(client, callers.officer, agreement["id"], {"market_assessment": "Två företag tillfrågade."})
    assert client.post(f"{url}/{comment['id']}/resolve", headers=callers.officer.headers).status_code == 200
    [thread] = client.get(f"{url}?revision=1", headers=callers.viewer.headers).get_json()
    assert [r["body"][:4] for r in thread["replies"]] == ["Nej,", "Bra,"]
    assert thread["revision"] == 1 and thread["resolved_by"] == callers.officer.email
    assert client.get(f"{url}?revision=2", headers=callers.viewer.headers).get_json() == []


def test_replies_refuse_other_departments_unknown_comments_and_empty_text(client, callers, organisation_id):
    agreement, url, comment = _commented(client, callers, organisation_id)
    body = {"body": "Svar"}
    assert client.post(f"{url}/{comment['id']}/replies", headers=callers.officer_soc.headers,
                       json=body).status_code == 403
    assert client.post(f"{url}/{comment['id']}/replies", headers=callers.viewer.headers,
                       json=body).status_code == 403
    assert client.post(f"{url}/999999/replies", headers=callers.officer.headers, json=body).status_code == 404
    assert client.post(f"/api/v1/agreements/999999/comments/{comment['id']}/replies",
                       headers=callers.officer.headers, json=body).status_code == 404
    empty = client.post(f"{url}/{comment['id']}/replies", headers=callers.officer.headers, json={"body": ""})
    assert empty.status_code == 422 and "body" in empty.get_json()["errors"]


def test_the_comment_endpoints_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path in ("/api/v1/agreements/{agreement_id}/comments",
                 "/api/v1/agreements/{agreement_id}/comments/{comment_id}/replies",
                 "/api/v1/agreements/{agreement_id}/comments/{comment_id}/resolve"):
        assert "post" in paths[path], path
