"""The agreement pages: the same rules as the API, errors beside their fields, no silent overwrite."""

from __future__ import annotations

import hashlib
import re

import pytest
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from iop.agreements.models import Agreement
from iop.extensions import db
from tests.agreements.factories import clean_iop, draft, review, signed_agreement, transition
from tests.organisations.test_views import field_error, value_of
from tests.web import csrf_token, page_csrf, sign_in


def post(client, path, data, page=None):
    return client.post(path, data={**data, "csrf_token": page_csrf(client, page or path)})


def stored(app, agreement_id) -> Agreement:
    with app.app_context():
        agreement = db.session.get(Agreement, agreement_id)
        db.session.expunge(agreement)
        return agreement


def html_of(response) -> str:
    return response.get_data(as_text=True)


def group_error(html: str, name: str) -> str:
    """The error shown at the top of a group of rows (its fieldset)."""
    assert f'<fieldset class="fieldset rows field--error" id="{name}">' in html
    return re.search(rf'<p class="field__error" id="{name}-error">(.*?)</p>', html, re.S).group(1)


@pytest.fixture
def officer(client, app, departments):
    return sign_in(client, app, "officer")


def step_form(client, path) -> dict[str, str]:
    """What the step page would post back as it stands: every input, select and textarea."""
    html = html_of(client.get(path))
    values = dict(re.findall(r'<input[^>]*\bname="([^"]+)"[^>]*\bvalue="([^"]*)"', html))
    values.update(re.findall(r'<textarea[^>]*\bname="([^"]+)"[^>]*>([^<]*)</textarea>', html))
    for name, options in re.findall(r'<select[^>]*\bname="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', options)
        values[name] = chosen.group(1) if chosen else ""
    values.pop("csrf_token", None)
    return {k: v.replace("&amp;", "&") for k, v in values.items() if k not in ("add_row", "remove_row")}


# -- the list ---------------------------------------------------------------------------------


def test_the_list_filters_by_status_and_links_each_row(client, app, callers, organisation_id, officer):
    first = draft(client, callers.officer, clean_iop(organisation_id, title="Läxhjälp i Norr"))
    second = draft(client, callers.officer, clean_iop(organisation_id, title="Mötesplats i Söder",
                                                      case_number="KFN 2026/0043"))
    transition(client, callers.officer, second["id"], action="submit")
    html = html_of(client.get("/overenskommelser?status=in_review"))
    assert f'href="/overenskommelser/{second["id"]}"' in html and "Mötesplats i Söder" in html
    assert "Läxhjälp i Norr" not in html and "Under juridisk granskning" in html
    assert f'href="/overenskommelser/{first["id"]}"' in html_of(client.get("/overenskommelser?q=norr"))


def test_a_bad_filter_is_shown_beside_its_field_and_the_list_still_shows(client, app, callers,
                                                                         organisation_id, officer):
    draft(client, callers.officer, clean_iop(organisation_id))
    response = client.get("/overenskommelser?ends_before=igår&status=klar")
    html = html_of(response)
    assert response.status_code == 200 and "Läxhjälp och föräldrastöd" in html
    assert field_error(html, "ends_before") == "Ange ett datum som ÅÅÅÅ-MM-DD."
    assert "Välj en av" in field_error(html, "status")


# -- drafting ---------------------------------------------------------------------------------


def test_a_new_draft_without_template_or_title_is_refused_beside_the_fields(client, app, officer):
    response = post(client, "/overenskommelser/ny", {"template": "", "title": " "})
    html = html_of(response)
    assert response.status_code == 422
    assert field_error(html, "title") == "Ange en titel."
    assert "Välj en mall." in html
    assert client.get("/overenskommelser").get_data(as_text=True).count("<tr>") == 0


def test_a_new_draft_is_saved_as_revision_1_of_the_officers_department(client, app, officer):
    response = post(client, "/overenskommelser/ny", {"template": "iop", "title": "Läxhjälp"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/utkast/parter")
    agreement_id = int(response.headers["Location"].split("/")[2])
    agreement = stored(app, agreement_id)
    assert (agreement.status, agreement.revision, agreement.title) == ("draft", 1, "Läxhjälp")
    with app.app_context():
        assert db.session.get(Agreement, agreement_id).department.code == "KFF"


def test_each_step_saves_a_revision_and_an_unchanged_save_saves_none(client, app, callers, organisation_id,
                                                                     officer):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    path = f"/overenskommelser/{agreement['id']}/utkast/innehall"
    form = step_form(client, path)
    response = post(client, path, {**form, "purpose": "Ett nytt syfte.", "continue": "1"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/utkast/resurser")
    saved = stored(app, agreement["id"])
    assert (saved.revision, saved.purpose) == (2, "Ett nytt syfte.")
    again = post(client, path, step_form(client, path))
    assert again.status_code == 302 and again.headers["Location"].endswith("/utkast/innehall")
    assert stored(app, agreement["id"]).revision == 2
    assert "Inget var ändrat" in html_of(client.get(again.headers["Location"]))


def test_an_emptied_field_is_cleared_and_the_draft_may_stay_incomplete(client, app, callers, organisation_id,
                                                                       officer):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    path = f"/overenskommelser/{agreement['id']}/utkast/innehall"
    assert post(client, path, {**step_form(client, path), "market_assessment": ""}).status_code == 302
    assert stored(app, agreement["id"]).market_assessment is None
    check = html_of(client.get(f"/overenskommelser/{agreement['id']}/utkast/kontroll"))
    assert "Marknadsbedömning" in check and "Marknadsbedömning saknas" in check  # missing, and warned of


def test_amounts_are_read_the_swedish_way_and_a_bad_one_is_shown_on_its_row(client, app, callers,
                                                                             organisation_id, officer):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    path = f"/overenskommelser/{agreement['id']}/utkast/resurser"
    form = step_form(client, path)
    assert form["resources-0-amount_sek"] == "250000"
    bad = post(client, path, {**form, "resources-0-amount_sek": "mycket", "resources-1-hours": "-5"})
    html = html_of(bad)
    assert bad.status_code == 422
    assert field_error(html, "resources-0-amount_sek") == "Ange ett tal."
    assert field_error(html, "resources-1-hours").startswith("Måste vara")
    assert "Resurs 1: Belopp: Ange ett tal." in html
    assert value_of(html, "resources-0-amount_sek") == "mycket"  # what was typed stays
    good = post(client, path, {**form, "resources-0-amount_sek": "312 500,50"})
    assert good.status_code == 302
    with app.app_context():
        assert float(db.session.get(Agreement, agreement["id"]).resources[0].amount_sek) == 312500.5


def test_a_resource_row_without_a_party_says_so_on_that_row(client, app, callers, organisation_id, officer):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    path = f"/overenskommelser/{agreement['id']}/utkast/resurser"
    response = post(client, path, {**step_form(client, path), "resources-2-description": "Lokal"})
    assert field_error(html_of(response), "resources-2-party") == "Välj vilken part som bidrar."


def test_a_save_from_a_stale_page_is_refused_and_overwrites_nothing(client, app, callers, organisation_id,
                                                                    officer):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    path = f"/overenskommelser/{agreement['id']}/utkast/innehall"
    form = step_form(client, path)
    colleague = client.get(f"/api/v1/agreements/{agreement['id']}", headers=callers.officer.headers)
    client.patch(f"/api/v1/agreements/{agreement['id']}", json={"purpose": "Kollegans syfte."},
                 headers={**callers.officer.headers, "If-Match": colleague.headers["ETag"]})
    response = post(client, path, {**form, "challenge": "Min utmaning."})
    html = html_of(response)
    assert response.status_code == 409
    assert "Någon annan har ändrat uppgifterna sedan du öppnade sidan." in html
    assert "Kollegans syfte." in html  # the differences table shows what was saved meanwhile
    saved = stored(app, agreement["id"])
    assert (saved.purpose, saved.challenge) == ("Kollegans syfte.", clean_iop(0)["challenge"])
    assert saved.revision == 2
    assert value_of(html, "version") == str(saved.version)  # a second save is the officer's own choice


def test_a_draft_from_another_department_or_by_a_viewer_is_403(client, app, callers, organisation_id,
                                                               departments):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    sign_in(client, app, "officer", department="SOC", email="soc.web@kommun.test")
    assert client.get(f"/overenskommelser/{agreement['id']}/utkast/innehall").status_code == 403
    assert client.get(f"/overenskommelser/{agreement['id']}").status_code == 200  # reading is open
    sign_in(client, app, "viewer")
    assert client.get("/overenskommelser/ny").status_code == 403
    assert client.get(f"/overenskommelser/{agreement['id']}/utkast/kontroll").status_code == 403
    assert "Skriv en ny överenskommelse" not in html_of(client.get("/overenskommelser"))


def test_hostile_text_is_shown_as_text(client, app, callers, organisation_id, officer):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    agreement = draft(client, callers.officer, clean_iop(organisation_id, title=hostile, challenge=hostile))
    for path in ("/overenskommelser", f"/overenskommelser/{agreement['id']}",
                 f"/overenskommelser/{agreement['id']}/utkast/innehall",
                 f"/overenskommelser/{agreement['id']}/utkast/kontroll",
                 f"/overenskommelser/{agreement['id']}/granskning", "/"):
        html = html_of(client.get(path))
        assert "<script>alert" not in html and "<img src=x" not in html, path
        assert "&lt;script&gt;alert(" in html, path


def test_an_agreement_that_is_no_longer_a_draft_cannot_be_edited(client, app, callers, organisation_id,
                                                                 officer):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    transition(client, callers.officer, agreement["id"], action="submit")
    response = client.get(f"/overenskommelser/{agreement['id']}/utkast/mall")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/overenskommelser/{agreement['id']}"
    assert "Bara ett utkast kan ändras" in html_of(client.get(response.headers["Location"]))


# -- check and submit -------------------------------------------------------------------------


def test_submitting_an_incomplete_draft_lists_every_missing_field_with_a_link_to_its_step(
        client, app, callers, organisation_id, officer):
    agreement = draft(client, callers.officer, clean_iop(organisation_id, challenge=None, resources=[]))
    path = f"/overenskommelser/{agreement['id']}/utkast/kontroll"
    response = post(client, path, {"version": str(stored(app, agreement["id"]).version)})
    html = html_of(response)
    assert response.status_code == 409 and "Utkastet är inte skickat" in html
    assert f'href="/overenskommelser/{agreement["id"]}/utkast/innehall">Samhällsutmaningen saknas' in html
    assert f'href="/overenskommelser/{agreement["id"]}/utkast/resurser">Resurs från kommunen saknas' in html
    assert "Organisationen bidrar inte med egna resurser" in html  # the warning, with its reason
    assert stored(app, agreement["id"]).status == "draft"


def test_a_complete_draft_is_submitted_from_the_check_page(client, app, callers, organisation_id, officer):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    path = f"/overenskommelser/{agreement['id']}/utkast/kontroll"
    assert "Alla uppgifter som krävs är ifyllda" in html_of(client.get(path))
    response = post(client, path, {"version": str(stored(app, agreement["id"]).version)})
    assert response.status_code == 302 and stored(app, agreement["id"]).status == "in_review"


# -- the agreement page and its files ---------------------------------------------------------


def test_the_agreement_page_shows_revisions_with_documents_and_redlines(client, app, callers,
                                                                        organisation_id, officer):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    path = f"/overenskommelser/{agreement['id']}/utkast/innehall"
    post(client, path, {**step_form(client, path), "purpose": "Ett nytt syfte."})
    html = html_of(client.get(f"/overenskommelser/{agreement['id']}"))
    assert "Utkast" in html and "Ett nytt syfte." in html
    assert f'/overenskommelser/{agreement["id"]}/dokument?revision=1' in html
    redline = f'/overenskommelser/{agreement["id"]}/andringar?from=1&amp;to=2'
    assert redline in html
    document = client.get(redline.replace("&amp;", "&"))
    assert document.status_code == 200 and document.headers["Content-Disposition"].startswith("attachment")
    assert b"w:ins" in _document_xml(document.data)


def _document_xml(content: bytes) -> bytes:
    import io
    import zipfile

    return zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml")


def test_the_document_download_carries_its_sha256(client, app, callers, organisation_id, officer):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    response = client.get(f"/overenskommelser/{agreement['id']}/dokument")
    assert response.status_code == 200
    assert response.headers["X-Document-SHA256"] == hashlib.sha256(response.data).hexdigest()
    assert client.get(f"/overenskommelser/{agreement['id']}/dokument?revision=9").status_code == 404
    assert client.get(f"/overenskommelser/{agreement['id']}/andringar?from=x&to=1").status_code == 422


def test_a_signed_scan_of_the_wrong_type_is_refused_beside_the_file_field(client, app, callers,
                                                                         organisation_id, officer):
    agreement = signed_agreement(client, callers, organisation_id)
    page = f"/overenskommelser/{agreement['id']}"
    token = page_csrf(client, page)
    refused = client.post(f"{page}/arkiv", data={"csrf_token": token, "file": (_file(b"hej"), "scan.txt")},
                          content_type="multipart/form-data")
    assert refused.status_code == 422
    assert field_error(html_of(refused), "file") == "Filen måste vara en PDF eller en bild (PNG, JPEG, TIFF)."
    kept = client.post(f"{page}/arkiv", content_type="multipart/form-data",
                       data={"csrf_token": token, "file": (_file(b"%PDF-1.7 scan"), "scan.pdf")})
    assert kept.status_code == 302
    html = html_of(client.get(page))
    assert "Inskannad underskrift" in html and hashlib.sha256(b"%PDF-1.7 scan").hexdigest() in html


def test_a_scan_larger_than_a_request_may_be_is_refused_beside_the_file_field(client, app, callers,
                                                                             organisation_id, officer,
                                                                             monkeypatch):
    agreement = signed_agreement(client, callers, organisation_id)
    page = f"/overenskommelser/{agreement['id']}"
    token = page_csrf(client, page)
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 2 * 1024 * 1024)
    big = b"%PDF-1.7 " + b"0" * (3 * 1024 * 1024)
    # Encoded in memory: the test client would spool a body this large to a file nobody closes on a 413.
    boundary, body = encode_multipart(MultiDict({"csrf_token": token,
                                                 "file": FileStorage(_file(big), "scan.pdf")}))
    response = client.post(f"{page}/arkiv", data=body,
                           content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 413
    assert field_error(html_of(response), "file") == "Filen är för stor: högst 2 MB."
    assert "Inskannad underskrift" not in html_of(client.get(page)).split('id="arkiv"')[1].split("<form")[0]


def _file(content: bytes):
    import io

    return io.BytesIO(content)


# -- signing, ending, renewing ----------------------------------------------------------------


def _approved(client, callers, organisation_id) -> int:
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    transition(client, callers.officer, agreement["id"], action="submit")
    assert review(client, callers, agreement["id"], "approve").status_code == 201
    return agreement["id"]


def test_signing_is_registered_with_its_signatories(client, app, callers, organisation_id, officer):
    agreement_id = _approved(client, callers, organisation_id)
    path = f"/overenskommelser/{agreement_id}/undertecknande"
    refused = post(client, path, {"signed_on": "20 nov", "signatories-0-party": "municipality",
                                  "signatories-0-name": "Anna Andersson"})
    assert refused.status_code == 422
    assert field_error(html_of(refused), "signed_on") == "Ange ett datum som ÅÅÅÅ-MM-DD."
    one_side = post(client, path, {"signed_on": "2026-11-20", "signatories-0-party": "municipality",
                                   "signatories-0-name": "Anna Andersson"})
    assert "en för organisationen" in group_error(html_of(one_side), "signatories")
    done = post(client, path, {"signed_on": "2026-11-20", "signatories-0-party": "municipality",
                               "signatories-0-name": "Anna Andersson", "signatories-1-party": "organisation",
                               "signatories-1-name": "Lena Lind", "signatories-1-title": "Ordförande"})
    assert done.status_code == 302
    agreement = stored(app, agreement_id)
    assert agreement.status == "active" and str(agreement.signed_on) == "2026-11-20"


def test_a_termination_is_confirmed_before_anything_changes(client, app, callers, organisation_id, officer):
    agreement = signed_agreement(client, callers, organisation_id)
    path = f"/overenskommelser/{agreement['id']}/uppsagning"
    missing = post(client, path, {"effective_on": "", "reason": ""})
    assert missing.status_code == 422
    assert field_error(html_of(missing), "reason") == "Ange skälet till uppsägningen."
    asked = post(client, path, {"effective_on": "2027-06-30", "reason": "Verksamheten har upphört."})
    assert asked.status_code == 200 and "Ja, säg upp överenskommelsen" in html_of(asked)
    assert stored(app, agreement["id"]).status == "active"
    done = client.post(path, data={"effective_on": "2027-06-30", "reason": "Verksamheten har upphört.",
                                   "confirmed": "1", "csrf_token": csrf_token(html_of(asked))})
    assert done.status_code == 302
    assert (stored(app, agreement["id"]).status, str(stored(app, agreement["id"]).ended_on)) == \
        ("terminated", "2027-06-30")


def test_a_withdrawal_is_confirmed_and_a_draft_can_be_withdrawn(client, app, callers, organisation_id,
                                                                officer):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    path = f"/overenskommelser/{agreement['id']}/aterkallelse"
    asked = post(client, path, {"reason": "Organisationen avstår."})
    assert "Ja, återkalla överenskommelsen" in html_of(asked)
    assert stored(app, agreement["id"]).status == "draft"
    post(client, path, {"reason": "Organisationen avstår.", "confirmed": "1"})
    assert stored(app, agreement["id"]).status == "withdrawn"
    assert client.get(path).status_code == 409  # nothing left to withdraw


def test_a_renewal_leads_to_the_new_draft_linked_both_ways(client, app, callers, organisation_id, officer):
    agreement = signed_agreement(client, callers, organisation_id)
    path = f"/overenskommelser/{agreement['id']}/fornyelse"
    bad = post(client, path, {"title": "Läxhjälp 2029–2030", "start_date": "2030-01-01",
                              "end_date": "2029-01-01"})
    assert field_error(html_of(bad), "end_date") == "Slutdatum kan inte ligga före startdatum."
    done = post(client, path, {"title": "Läxhjälp 2029–2030", "start_date": "2029-01-01",
                               "end_date": "2030-12-31"})
    assert done.status_code == 302 and done.headers["Location"].endswith("/utkast/kontroll")
    successor_id = int(done.headers["Location"].split("/")[2])
    assert stored(app, successor_id).predecessor_id == agreement["id"]
    predecessor_page = html_of(client.get(f"/overenskommelser/{agreement['id']}"))
    assert f'Förnyas av <a href="/overenskommelser/{successor_id}"' in predecessor_page
    successor_page = html_of(client.get(f"/overenskommelser/{successor_id}"))
    assert f'Förnyar <a href="/overenskommelser/{agreement["id"]}"' in successor_page


# -- the start page ---------------------------------------------------------------------------


def test_the_officer_sees_the_drafts_of_their_own_department(client, app, callers, organisation_id, officer):
    draft(client, callers.officer, clean_iop(organisation_id, title="Vårt utkast"))
    draft(client, callers.officer_soc, clean_iop(organisation_id, title="Socialens utkast", case_number=None))
    html = html_of(client.get("/"))
    assert "Mina utkast" in html and "Vårt utkast" in html and "Socialens utkast" not in html
