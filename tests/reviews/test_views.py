"""The review page: a decision bound to the document the lawyer was offered, comments per section."""

from __future__ import annotations

import hashlib
import re

import pytest

from tests.agreements.factories import clean_iop, document, draft, patch, review, transition
from tests.agreements.test_views import html_of, stored
from tests.web import page_csrf, sign_in


@pytest.fixture
def submitted(client, callers, organisation_id) -> int:
    agreement = draft(client, callers.officer, clean_iop(organisation_id, max_extensions=None,
                                                         automatic_extension=True))
    assert transition(client, callers.officer, agreement["id"], action="submit").status_code == 200
    return agreement["id"]


@pytest.fixture
def lawyer(client, app, departments):
    return sign_in(client, app, "legal")


def offered(html: str) -> dict[str, str]:
    return {name: re.search(rf'name="{name}" value="([^"]*)"', html).group(1)
            for name in ("revision", "document_sha256")}


def decide(client, agreement_id, **fields):
    path = f"/overenskommelser/{agreement_id}/granskning"
    html = html_of(client.get(path))
    return client.post(path, data={**offered(html), **fields, "csrf_token": page_csrf(client, path)})


def test_the_page_offers_the_document_with_its_sha256_and_the_warnings(client, callers, submitted, lawyer):
    html = html_of(client.get(f"/overenskommelser/{submitted}/granskning"))
    sha256 = hashlib.sha256(document(client, callers.legal, submitted).data).hexdigest()
    assert f'<code class="hash" id="document-sha256">{sha256}</code>' in html
    assert offered(html) == {"revision": "1", "document_sha256": sha256}
    assert "kan förlängas utan tidsgräns" in html  # the renewal warning and its reason
    assert 'name="assessment"' in html


def test_a_lawyer_approves_with_an_assessment_kept_beside_the_warnings(client, app, callers, submitted,
                                                                      lawyer):
    response = decide(client, submitted, decision="approve",
                      assessment="Förlängningen prövas årligen av nämnden; godtagbart.")
    assert response.status_code == 302
    assert stored(app, submitted).status == "approved"
    reviews = client.get(f"/api/v1/agreements/{submitted}/reviews", headers=callers.legal.headers).get_json()
    assert reviews[0]["assessment"].startswith("Förlängningen prövas")
    assert [w["code"] for w in reviews[0]["warnings"]] == ["renewal_without_limit"]


def test_a_decision_without_a_choice_is_shown_beside_the_choice(client, app, submitted, lawyer):
    response = decide(client, submitted, comment="Ser bra ut.")
    html = html_of(response)
    assert response.status_code == 422
    assert "Välj om du godkänner eller begär ändringar." in re.search(
        r'<p class="field__error" id="decision-error">(.*?)</p>', html, re.S).group(1)
    assert "Ser bra ut." in html and stored(app, submitted).status == "in_review"


def test_a_document_changed_since_the_page_was_opened_is_refused_in_words(client, app, callers, submitted,
                                                                          lawyer):
    path = f"/overenskommelser/{submitted}/granskning"
    html = html_of(client.get(path))
    token = page_csrf(client, path)
    stale = {**offered(html), "document_sha256": "a" * 64}  # as if the document had changed meanwhile
    response = client.post(path, data={**stale, "decision": "approve", "csrf_token": token})
    page = html_of(response)
    assert response.status_code == 409
    assert "Dokumentet har ändrats sedan du läste det" in page and "Hämta dokumentet igen" in page
    assert "a" * 64 in page  # what the lawyer had, beside what is offered now
    assert stored(app, submitted).status == "in_review"


def test_only_a_lawyer_decides(client, app, submitted, departments):
    sign_in(client, app, "officer")
    path = f"/overenskommelser/{submitted}/granskning"
    assert 'name="decision"' not in html_of(client.get(path))
    response = client.post(path, data={"decision": "approve", "revision": "1", "document_sha256": "0" * 64,
                                       "csrf_token": page_csrf(client, path)})
    assert response.status_code == 403 and stored(app, submitted).status == "in_review"


def test_comments_are_added_per_section_listed_per_revision_and_resolved(client, app, callers, submitted,
                                                                         lawyer):
    path = f"/overenskommelser/{submitted}/granskning"
    empty = client.post(f"{path}/kommentarer", data={"section": "", "body": "",
                                                     "csrf_token": page_csrf(client, path)})
    assert empty.status_code == 422
    page = html_of(empty)
    assert 'id="kommentar-body" name="body"' in page and 'aria-describedby="kommentar-body-error"' in page
    assert "Skriv kommentaren." in re.search(r'id="kommentar-body-error">(.*?)</p>', page, re.S).group(1)
    added = client.post(f"{path}/kommentarer", data={"section": "market_assessment", "body": "Utveckla.",
                                                     "csrf_token": page_csrf(client, path)})
    assert added.status_code == 302
    html = html_of(client.get(path))
    assert "Marknadsbedömning" in html and "Utveckla." in html and "Öppen" in html
    assert "Inga kommentarer till revision 2" in html_of(client.get(f"{path}?revision=2"))
    comment_id = re.search(r"/kommentarer/(\d+)/lost", html).group(1)
    client.post(f"{path}/kommentarer/{comment_id}/lost", data={"csrf_token": page_csrf(client, path)})
    assert "Löst av" in html_of(client.get(f"{path}?revision=1"))


def test_the_lawyer_gets_the_redline_against_the_revision_they_last_reviewed(client, app, callers, submitted,
                                                                              lawyer):
    assert decide(client, submitted, decision="request_changes", comment="Ange ett tak.").status_code == 302
    patch(client, callers.officer, submitted, {"max_extensions": 1})
    patch(client, callers.officer, submitted, {"purpose": "Ett skarpare syfte."})
    transition(client, callers.officer, submitted, action="submit")
    html = html_of(client.get(f"/overenskommelser/{submitted}/granskning"))
    assert f"/overenskommelser/{submitted}/andringar?from=1&amp;to=3" in html
    assert "Ändringar sedan du senast granskade (revision 1 → 3" in html
    assert review(client, callers, submitted, "approve").status_code == 201


def test_typed_decision_text_survives_marking_a_comment_resolved(client, app, callers, submitted, lawyer):
    """One form carries the decision, the new comment and the answers: pressing one button loses nothing."""
    url = f"/api/v1/agreements/{submitted}/comments"
    made = client.post(url, headers=callers.legal.headers, json={"section": "purpose", "body": "Förtydliga."})
    comment_id = made.get_json()["id"]
    path = f"/overenskommelser/{submitted}/granskning"
    html = html_of(client.get(path))
    assert f'formaction="{path}/kommentarer/{comment_id}/lost"' in html
    response = client.post(f"{path}/kommentarer/{comment_id}/lost", data={
        **offered(html), "comment": "Ange ett tak för förlängningen.", "assessment": "Godtagbart.",
        "decision": "request_changes", "section": "term", "body": "Utkast till kommentar.",
        f"reply-{comment_id}": "Klart, syftet är omskrivet.", "csrf_token": page_csrf(client, path)})
    assert response.status_code == 200  # the page again, with what was typed
    page = html_of(response)
    assert "Svaret är sparat och kommentaren är markerad som löst." in page
    assert ">Ange ett tak för förlängningen.</textarea>" in page and ">Godtagbart.</textarea>" in page
    assert 'value="request_changes" checked' in page
    assert ">Utkast till kommentar.</textarea>" in page
    [thread] = client.get(url, headers=callers.viewer.headers).get_json()
    assert thread["resolved_at"] is not None
    assert [r["body"] for r in thread["replies"]] == ["Klart, syftet är omskrivet."]


def test_an_empty_answer_is_refused_beside_its_field_and_the_rest_is_kept(client, callers, submitted, lawyer):
    made = client.post(f"/api/v1/agreements/{submitted}/comments", headers=callers.legal.headers,
                       json={"section": "purpose", "body": "Förtydliga."})
    comment_id = made.get_json()["id"]
    path = f"/overenskommelser/{submitted}/granskning"
    response = client.post(f"{path}/kommentarer/{comment_id}/svar", data={
        "comment": "Mitt beslut.", f"reply-{comment_id}": " ", "csrf_token": page_csrf(client, path)})
    assert response.status_code == 422
    page = html_of(response)
    assert "Svaret är inte sparat" in page and f'id="reply-{comment_id}-body-error"' in page
    assert ">Mitt beslut.</textarea>" in page


def test_the_next_revisions_page_shows_the_threads_of_the_last_with_their_answers(client, app, callers,
                                                                                   submitted, lawyer):
    url = f"/api/v1/agreements/{submitted}/comments"
    made = client.post(url, headers=callers.legal.headers, json={"section": "term", "body": "Sätt ett tak."})
    assert decide(client, submitted, decision="request_changes", comment="Se kommentaren.").status_code == 302
    sign_in(client, app, "officer")
    path = f"/overenskommelser/{submitted}/granskning"
    answered = client.post(f"{path}/kommentarer/{made.get_json()['id']}/svar", data={
        f"reply-{made.get_json()['id']}": "Taket är en förlängning.", "csrf_token": page_csrf(client, path)})
    assert answered.status_code == 302
    patch(client, callers.officer, submitted, {"max_extensions": 1})
    transition(client, callers.officer, submitted, action="submit")
    sign_in(client, app, "legal", email="jurist.web2@kommun.test")
    html = html_of(client.get(path))
    beside = html.split('id="tidigare-kommentarer"', 1)[1].split("</section>", 1)[0]
    assert "Kommentarer till revision 1 och svaren på dem" in html
    assert "Sätt ett tak." in beside and "Taket är en förlängning." in beside


def test_the_lawyer_is_told_which_clause_data_is_missing_and_what_the_document_says_instead(
        client, callers, organisation_id, lawyer):
    bare = draft(client, callers.officer, clean_iop(organisation_id, case_number="KFN 2026/0901"))
    decided = draft(client, callers.officer, clean_iop(
        organisation_id, case_number="KFN 2026/0902", decision_body="Kultur- och fritidsnämnden",
        decision_date="2026-11-24", decision_section="112", payment_terms="yearly_in_advance"))
    for agreement in (bare, decided):
        assert transition(client, callers.officer, agreement["id"], action="submit").status_code == 200
    html = html_of(client.get(f"/overenskommelser/{bare['id']}/granskning"))
    assert "Uppgifter som saknas</h2>" in html
    assert 'data-field="decision_body"' in html and 'data-field="payment_terms"' in html
    assert "halvårsvis i förskott" in html
    html = html_of(client.get(f"/overenskommelser/{decided['id']}/granskning"))
    assert "Uppgifter som saknas</h2>" not in html
