"""Reading one agreement: its ETag, and If-None-Match answered 304 until it changes."""

from tests.agreements.factories import clean_iop, draft, patch


def test_if_none_match_with_the_current_etag_is_answered_304_until_the_agreement_changes(
        client, callers, organisation_id):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    url = f"/api/v1/agreements/{agreement['id']}"
    first = client.get(url, headers=callers.viewer.headers)
    etag = first.headers["ETag"]
    assert first.status_code == 200 and first.get_json()["title"] == agreement["title"]

    cached = client.get(url, headers={**callers.viewer.headers, "If-None-Match": etag})
    assert cached.status_code == 304 and cached.data == b"" and cached.headers["ETag"] == etag
    weak = client.get(url, headers={**callers.viewer.headers, "If-None-Match": f"W/{etag}"})
    assert weak.status_code == 304

    assert patch(client, callers.officer, agreement["id"], {"title": "Ny titel"}).status_code == 200
    changed = client.get(url, headers={**callers.viewer.headers, "If-None-Match": etag})
    assert changed.status_code == 200 and changed.get_json()["title"] == "Ny titel"
    assert changed.headers["ETag"] != etag


def test_if_none_match_for_an_agreement_that_does_not_exist_is_404(client, callers):
    response = client.get("/api/v1/agreements/999999", headers={**callers.viewer.headers,
                                                                 "If-None-Match": '"agreement-999999-v1"'})
    assert response.status_code == 404
