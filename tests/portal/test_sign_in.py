"""Signing in to the portal by an e-mailed one-time link, through the outbox and a real SMTP server."""

from __future__ import annotations

from datetime import timedelta

from iop.clock import frozen_at, utcnow
from tests.portal.conftest import LENA, ask_for_link, confirm, link_in, mails_to, run_outbox, text_of
from tests.web import csrf_token, sign_in


def test_a_contact_person_gets_a_link_confirms_and_sees_only_their_agreement(client, runner, smtp, orgs):
    mine, other = orgs
    answer = ask_for_link(client, "Lena@Laxhjalpen.example ")
    assert answer.status_code == 200 and "Titta i din e-post" in answer.get_data(as_text=True)
    run_outbox(runner)
    [mail] = mails_to(smtp, LENA)
    assert "Läxhjälpen i Sjöstad" in text_of(mail) and "30 minuter" in text_of(mail)
    path = link_in(smtp, LENA)
    assert client.get("/portal").status_code == 302  # a link alone does not sign in
    opened = client.get(path)  # what a mail scanner does: nothing used up
    assert opened.status_code == 200 and "Tryck på knappen för att logga in" in opened.get_data(as_text=True)
    signed_in = confirm(client, path)
    assert signed_in.status_code == 302 and signed_in.headers["Location"].endswith("/portal")
    page = client.get("/portal").get_data(as_text=True)
    assert "Läxhjälp och föräldrastöd i Norra Sjöstad" in page
    assert "Nattvandring i Sjöstad" not in page
    assert f"/portal/overenskommelser/{mine.agreement_id}/aterrapport" in page


def test_a_link_works_once(client, app, runner, smtp, orgs):
    ask_for_link(client, LENA)
    run_outbox(runner)
    path = link_in(smtp, LENA)
    assert confirm(client, path).status_code == 302
    other = app.test_client()
    again = other.get(path)
    assert again.status_code == 410 and "Länken fungerar inte längre" in again.get_data(as_text=True)
    token = csrf_token(other.get("/portal/logga-in").get_data(as_text=True))
    used = other.post(path, data={"csrf_token": token})
    assert used.status_code == 410
    assert other.get("/portal").status_code == 302


def test_a_link_ends_after_thirty_minutes(client, runner, smtp, orgs):
    ask_for_link(client, LENA)
    run_outbox(runner)
    path = link_in(smtp, LENA)
    with frozen_at(utcnow() + timedelta(minutes=31)):
        assert client.get(path).status_code == 410


def test_an_unknown_address_gets_the_same_page_and_no_mail(client, runner, smtp, orgs):
    known = ask_for_link(client, LENA).get_data(as_text=True)
    unknown = ask_for_link(client, "nobody@example.org")
    assert unknown.status_code == 200
    strip = lambda html: html.split('name="csrf_token"')[0]  # noqa: E731
    assert strip(unknown.get_data(as_text=True)) == strip(known)
    run_outbox(runner)
    assert mails_to(smtp, "nobody@example.org") == [] and len(mails_to(smtp, LENA)) == 1
    assert not [r for r in smtp.received if "Logga in" in r.message["Subject"] and LENA not in r.recipients]


def test_asking_too_often_is_refused_for_known_and_unknown_addresses(client, orgs):
    for _ in range(5):
        assert ask_for_link(client, "nobody@example.org").status_code == 200
    refused = ask_for_link(client, "nobody@example.org")
    assert refused.status_code == 429 and "Vänta en timme" in refused.get_data(as_text=True)
    for n in range(15):
        assert ask_for_link(client, f"someone{n}@example.org").status_code == 200
    assert ask_for_link(client, LENA).status_code == 429  # the client's limit: 20 an hour


def test_an_empty_address_is_named_in_the_error_summary(client, orgs):
    answer = ask_for_link(client, "")
    assert answer.status_code == 422
    assert "Skriv din e-postadress" in answer.get_data(as_text=True)


def test_portal_and_staff_sessions_do_not_open_each_other(app, client, runner, smtp, orgs):
    ask_for_link(client, LENA)
    run_outbox(runner)
    confirm(client, link_in(smtp, LENA))
    assert client.get("/portal").status_code == 200
    staff_page = client.get("/overenskommelser")
    assert staff_page.status_code == 302 and "/login" in staff_page.headers["Location"]
    staff = app.test_client()
    sign_in(staff, app, "officer")
    assert staff.get("/overenskommelser").status_code == 200
    assert staff.get("/portal").status_code == 302  # staff are not a contact person


def test_a_portal_session_ends_after_idle_time_and_on_sign_out(client, runner, smtp, orgs):
    ask_for_link(client, LENA)
    run_outbox(runner)
    confirm(client, link_in(smtp, LENA))
    with frozen_at(utcnow() + timedelta(minutes=16)):
        assert client.get("/portal").status_code == 302
    ask_for_link(client, LENA)
    run_outbox(runner)
    confirm(client, link_in(smtp, LENA))
    page = client.get("/portal").get_data(as_text=True)
    assert client.post("/portal/logga-ut", data={"csrf_token": csrf_token(page)}).status_code == 302
    assert client.get("/portal").status_code == 302
