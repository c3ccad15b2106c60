import hashlib

from tests.agreements.factories import (
    clean_iop,
    document,
    draft,
    patch,
    review,
    transition,
)


def _submitted(client, callers, organisation_id, **changes):
    agreement = draft(client, callers.officer, clean_iop(organisation_id, **changes))
    assert transition(client, callers.officer, agreement["id"], action="submit").status_code == 200
    return agreement


def test_only_a_lawyer_reviews(client, callers, organisation_id):
    agreement = _submitted(client, callers, organisation_id)
    for role in ("admin", "coordinator", "officer", "viewer"):
        response = client.post(f"/api/v1/agreements/{agreement['id']}/reviews",
                               headers=getattr(callers, role).headers,
                               json={"decision": "approve", "revision": 1, "document_sha256": "0" * 64})
        assert response.status_code == 403, role


def test_a_review_of_another_revision_or_another_document_is_409(client, callers, organisation_id):
    agreement = _submitted(client, callers, organisation_id)
    sha = hashlib.sha256(document(client, callers.legal, agreement["id"]).data).hexdigest()
    url = f"/api/v1/agreements/{agreement['id']}/reviews"
    old = client.post(url, headers=callers.legal.headers, json={
        "decision": "approve", "revision": 2, "document_sha256": sha})
    assert old.status_code == 409 and "revision" in old.get_json()["errors"]
    other = client.post(url, headers=callers.legal.headers, json={
        "decision": "approve", "revision": 1, "document_sha256": "a" * 64})
    assert other.status_code == 409 and "document_sha256" in other.get_json()["errors"]
    assert client.get(f"/api/v1/agreements/{agreement['id']}",
                      headers=callers.legal.headers).get_json()["status"] == "in_review"


def test_a_draft_cannot_be_reviewed(client, callers, organisation_id):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    assert review(client, callers, agreement["id"], "approve").status_code == 409


def test_bad_review_input_is_422_per_field(client, callers, organisation_id):
    agreement = _submitted(client, callers, organisation_id)
    response = client.post(f"/api/v1/agreements/{agreement['id']}/reviews", headers=callers.legal.headers,
                           json={"decision": "maybe", "revision": "1", "document_sha256": "xyz"})
    assert response.status_code == 422
    assert {"decision", "revision", "document_sha256"} <= set(response.get_json()["errors"])


def test_the_warnings_the_lawyer_weighed_are_kept_with_the_assessment(client, callers, organisation_id):
    agreement = _submitted(client, callers, organisation_id, automatic_extension=True, max_extensions=None)
    sha = hashlib.sha256(document(client, callers.legal, agreement["id"]).data).hexdigest()
    response = client.post(f"/api/v1/agreements/{agreement['id']}/reviews", headers=callers.legal.headers,
                           json={"decision": "approve", "revision": 1, "document_sha256": sha,
                                 "assessment": "Förlängningen prövas årligen av nämnden; godtagbart."})
    assert response.status_code == 201
    kept = client.get(f"/api/v1/agreements/{agreement['id']}/reviews", headers=callers.viewer.headers)
    [decision] = kept.get_json()
    assert [w["code"] for w in decision["warnings"]] == ["renewal_without_limit"]
    assert decision["assessment"].startswith("Förlängningen") and decision["reviewer"] == callers.legal.email


def test_comments_are_anchored_to_a_section_of_a_revision_and_resolved(client, callers, organisation_id):
    agreement = _submitted(client, callers, organisation_id)
    url = f"/api/v1/agreements/{agreement['id']}/comments"
    made = client.post(url, headers=callers.legal.headers, json={
        "section": "market_assessment", "body": "Beskriv varför ingen privat aktör kan erbjuda detta."})
    assert made.status_code == 201
    comment = made.get_json()
    assert (comment["revision"], comment["section_label"]) == (1, "Marknadsbedömning")
    assert review(client, callers, agreement["id"], "request_changes").status_code == 201
    patch(client, callers.officer, agreement["id"], {"market_assessment": "Ingen marknad finns."})
    resolved = client.post(f"{url}/{comment['id']}/resolve", headers=callers.officer.headers)
    assert resolved.status_code == 200 and resolved.get_json()["resolved_by"] == callers.officer.email
    assert client.get(f"{url}?unresolved=true", headers=callers.viewer.headers).get_json() == []
    assert [c["id"] for c in client.get(f"{url}?revision=1", headers=callers.viewer.headers).get_json()] == [
        comment["id"]]


def test_a_comment_needs_a_known_section_and_an_existing_revision(client, callers, organisation_id):
    agreement = _submitted(client, callers, organisation_id)
    url = f"/api/v1/agreements/{agreement['id']}/comments"
    bad = client.post(url, headers=callers.legal.headers, json={"section": "kapitel 9", "body": "x"})
    assert bad.status_code == 422 and "section" in bad.get_json()["errors"]
    future = client.post(url, headers=callers.legal.headers, json={"section": "general", "body": "x",
                                                                     "revision": 5})
    assert future.status_code == 422 and "revision" in future.get_json()["errors"]
    viewer = client.post(url, headers=callers.viewer.headers, json={"section": "general", "body": "x"})
    assert viewer.status_code == 403
    other = client.post(url, headers=callers.officer_soc.headers, json={"section": "general", "body": "x"})
    assert other.status_code == 403
