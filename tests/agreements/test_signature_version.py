"""The document a lawyer approves is the one the parties sign (issue 16): only a draft is marked
as a draft; from submission on the bytes stay the same; a signature line per signatory; the
data the officer fills in (decision, payment terms, personal data) reaches the document."""

import hashlib
import io
import re

import docx
import pytest

from iop.documents.package import read_parts
from tests.agreements.factories import SIGNATORIES, clean_iop, document, draft, patch, review, transition

DRAFT_MARKS = re.compile(r"UTKAST|Utkast|utkast")
PLACEHOLDERS = ("[Ej ifyllt]", "Inga milstolpar", "Inga uppföljningstillfällen", "Inga resurser")


def _all_xml_text(content: bytes) -> str:
    """The text of every part of the package: body, headers, footers, notes, properties."""
    parts = read_parts(content)
    text = []
    for name, blob in parts.items():
        if name.endswith(".xml"):
            text.append(re.sub(r"<[^>]+>", "", blob.decode("utf-8")))
    return "\n".join(text)


def _text(content: bytes) -> str:
    document_ = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document_.paragraphs]
    for table in document_.tables:
        parts += [p.text for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return "\n".join(parts)


def test_only_the_draft_is_marked_and_the_approved_bytes_are_the_reviewed_and_signed_ones(
        client, callers, organisation_id):
    officer = callers.officer
    agreement = draft(client, officer, clean_iop(organisation_id))
    agreement_id = agreement["id"]
    in_draft = document(client, officer, agreement_id).data
    assert DRAFT_MARKS.search(_all_xml_text(in_draft))

    assert transition(client, officer, agreement_id, action="submit").status_code == 200
    reviewed = document(client, callers.legal, agreement_id).data
    assert not DRAFT_MARKS.search(_all_xml_text(reviewed))
    approved = review(client, callers, agreement_id, "approve")
    assert approved.get_json()["document_sha256"] == hashlib.sha256(reviewed).hexdigest()
    assert document(client, officer, agreement_id).data == reviewed

    activated = transition(client, officer, agreement_id, action="activate", signed_on="2026-11-20",
                           signatories=SIGNATORIES).get_json()
    signed = document(client, officer, agreement_id).data
    assert hashlib.sha256(signed).hexdigest() == activated["active_sha256"]
    assert not DRAFT_MARKS.search(_all_xml_text(signed))
    text = _text(signed)
    for value in ("Anna Andersson", "Förvaltningschef", "Lena Lind", "Ordförande", "20 november 2026"):
        assert value in text
    # The active rendering differs from the approved one only in who signed and when.
    before = _text(reviewed).replace("Namnförtydligande: ____________________", "")
    after = _text(signed)
    assert [line for line in before.splitlines() if "Datum:" not in line and "Befattning" not in line
            and line.strip()] == [line for line in after.splitlines() if line.strip() and "Datum:" not in line
                                  and line not in ("Anna Andersson", "Förvaltningschef", "Lena Lind",
                                                   "Ordförande")]


def test_a_submitted_document_has_no_placeholder_text_and_a_line_for_each_named_signatory(
        client, callers, organisation_id, second_organisation_id):
    officer = callers.officer
    payload = clean_iop(organisation_id, organisations=[organisation_id, second_organisation_id],
                        milestones=[], follow_ups=[], governance=None, background=None,
                        follow_up_description=None, signatories=[
                            {"party": "municipality", "name": "Anna Andersson", "title": "Förvaltningschef"},
                            {"party": "organisation", "name": "Lena Lind", "title": "Ordförande",
                             "organisation_id": organisation_id}])
    payload["resources"][1]["organisation_id"] = organisation_id
    agreement = draft(client, officer, payload)
    assert [s["organisation_id"] for s in agreement["signatories"]] == [None, organisation_id]
    assert transition(client, officer, agreement["id"], action="submit").status_code == 200
    text = _text(document(client, officer, agreement["id"]).data)
    for placeholder in PLACEHOLDERS:
        assert placeholder not in text
    assert "Parterna har inte avtalat om särskilda milstolpar" in text
    assert "minst en gång per år" in text
    # Named signatories under their lines; the second organisation gets a blank line of its own.
    assert "Anna Andersson" in text and "Lena Lind" in text
    assert text.count("_____________________________________") == 3
    assert text.count("Namnförtydligande:") == 1


def test_an_organisation_signatory_must_name_its_organisation_when_there_are_several(
        client, callers, organisation_id, second_organisation_id):
    payload = clean_iop(organisation_id, organisations=[organisation_id, second_organisation_id],
                        signatories=[{"party": "organisation", "name": "Lena Lind"}])
    payload["resources"][1]["organisation_id"] = organisation_id
    response = client.post("/api/v1/agreements", json=payload, headers=callers.officer.headers)
    assert response.status_code == 422
    assert "organisation_id" in str(response.get_json()["errors"]["signatories"]), response.get_json()


def test_the_decision_payment_terms_and_personal_data_reach_the_document(client, callers, organisation_id):
    officer = callers.officer
    agreement = draft(client, officer, clean_iop(organisation_id))
    text = _text(document(client, officer, agreement["id"]).data)
    # Defaults: no decision yet, half-yearly in advance, no data-processing section.
    assert "beslutar att ingå den" in text
    assert "halvårsvis i förskott" in text
    assert "personuppgiftsbiträde" not in text
    assert "vunnit laga kraft" in text

    changed = patch(client, officer, agreement["id"], {
        "decision_body": "Kultur- och fritidsnämnden", "decision_date": "2026-11-24",
        "decision_section": "§ 112", "decision_case_number": "KFN 2026/0456",
        "payment_terms": "quarterly_in_advance", "processes_personal_data": True})
    assert changed.status_code == 200, changed.get_json()
    reading = changed.get_json()
    assert (reading["payment_terms"], reading["processes_personal_data"]) == ("quarterly_in_advance", True)
    text = _text(document(client, officer, agreement["id"]).data)
    assert ("Överenskommelsen grundar sig på beslut av Kultur- och fritidsnämnden den 24 november 2026, "
            "§ 112 (diarienummer KFN 2026/0456).") in text
    assert "kvartalsvis i förskott" in text and "halvårsvis" not in text
    assert "personuppgiftsbiträde enligt artikel 28" in text

    delegated = patch(client, officer, agreement["id"], {
        "decision_body": "Förvaltningschefen",
        "decision_delegation": "punkt 4.2 i nämndens delegationsordning",
        "decision_section": None, "payment_terms": "nightly"})
    assert delegated.status_code == 422 and "payment_terms" in delegated.get_json()["errors"]


def test_no_notice_clause_claims_an_effect_for_a_fixed_term(client, callers, organisation_id):
    officer = callers.officer
    agreement = draft(client, officer, clean_iop(organisation_id, notice_period_months=None,
                                                 extension_months=None, max_extensions=None))
    text = _text(document(client, officer, agreement["id"]).data)
    assert "får verkan senast vid avtalstidens slut" not in text
    assert "kan inte sägas upp i förtid" in text
    assert "upphör vid avtalstidens slut utan föregående uppsägning" in text


@pytest.fixture
def second_organisation_id(client, callers) -> int:
    response = client.post("/api/v1/organisations", headers=callers.officer.headers, json={
        "name": "Föräldranätverket i Sjöstad", "org_number": "8024000005", "legal_form": "ideell_forening"})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]
