"""Follow-up reports through the HTTP API: recording one, the refusals per field, files kept by SHA-256."""

import hashlib
import io
import zipfile
from datetime import date
from urllib.parse import unquote

import pytest

from iop.clock import frozen_at
from tests.agreements.factories import clean_iop, draft, signed_agreement

PDF = b"%PDF-1.4\n% verksamhetsber\xc3\xa4ttelse\n%%EOF\n"
URL = "/api/v1/agreements/{}/follow-up-reports"
REPORT = {"follow_up_date": "2027-06-30", "received_on": "2027-06-28",
          "summary": "Läxhjälpen har haft 140 elever under våren.", "assessment": "met"}


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture
def agreement(client, callers, organisation_id) -> dict:
    """A signed IOP with a follow-up on 30 June 2027 (Halvårsredovisning)."""
    return signed_agreement(client, callers, organisation_id)


def post(client, caller, agreement_id, *, json=None, data=None, day=date(2027, 7, 5)):
    with frozen_at(day):
        return client.post(URL.format(agreement_id), json=json, data=data, headers=caller.headers,
                           content_type="multipart/form-data" if data is not None else None)


def test_an_officer_records_the_report_and_everyone_reads_it(client, callers, agreement):
    response = post(client, callers.officer, agreement["id"], json={**REPORT, "comment": "Bra arbete."})
    assert response.status_code == 201, response.get_json()
    report = response.get_json()
    assert (report["follow_up_date"], report["received_on"], report["assessment"], report["comment"]) == (
        "2027-06-30", "2027-06-28", "met", "Bra arbete.")
    assert report["recorded_by"] == callers.officer.email
    listed = client.get(URL.format(agreement["id"]), headers=callers.viewer.headers)
    assert listed.status_code == 200
    assert [r["id"] for r in listed.get_json()] == [report["id"]]


@pytest.mark.parametrize("change, field", [
    ({"follow_up_date": "2027-07-01"}, "follow_up_date"),
    ({"received_on": "2027-07-06"}, "received_on"),
    ({"assessment": "good"}, "assessment"),
    ({"follow_up_date": "30/6 2027"}, "follow_up_date"),
])
def test_a_report_that_breaks_a_rule_is_refused_naming_the_field(client, callers, agreement, change, field):
    response = post(client, callers.officer, agreement["id"], json={**REPORT, **change})
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == [field]


def test_a_report_needs_its_text_or_a_file(client, callers, agreement):
    response = post(client, callers.officer, agreement["id"], json={**REPORT, "summary": ""})
    assert response.status_code == 422 and "summary" in response.get_json()["errors"]


def test_a_follow_up_is_reported_once(client, callers, agreement):
    assert post(client, callers.officer, agreement["id"], json=REPORT).status_code == 201
    again = post(client, callers.coordinator, agreement["id"], json=REPORT)
    assert again.status_code == 409


@pytest.mark.parametrize("who", ["officer_soc", "legal", "viewer"])
def test_only_the_departments_officers_coordinators_and_admins_record(client, callers, agreement, who):
    response = post(client, getattr(callers, who), agreement["id"], json=REPORT)
    assert response.status_code == 403
    assert client.get(URL.format(agreement["id"]), headers=callers.viewer.headers).get_json() == []


def test_a_coordinator_of_another_department_records(client, callers, agreement):
    assert post(client, callers.coordinator, agreement["id"], json=REPORT).status_code == 201


def test_an_unknown_agreement_is_not_found(client, callers):
    assert post(client, callers.officer, 999999, json=REPORT).status_code == 404
    assert client.get(URL.format(999999), headers=callers.viewer.headers).status_code == 404


def test_a_draft_has_no_reports_yet(client, callers, organisation_id):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    assert post(client, callers.officer, agreement["id"], json=REPORT).status_code == 409


def test_files_come_back_byte_for_byte_with_their_sha256(client, callers, agreement):
    files = [(io.BytesIO(PDF), "Verksamhetsberättelse 2027.pdf"), (io.BytesIO(docx_bytes()), "ekonomi.docx")]
    response = post(client, callers.officer, agreement["id"], data={**REPORT, "summary": "", "file": files})
    assert response.status_code == 201, response.get_json()
    report = response.get_json()
    assert [(f["filename"], f["media_type"]) for f in report["files"]] == [
        ("Verksamhetsberättelse 2027.pdf", "application/pdf"),
        ("ekonomi.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    first = report["files"][0]
    assert first["sha256"] == hashlib.sha256(PDF).hexdigest() and first["size"] == len(PDF)
    got = client.get(f"{URL.format(agreement['id'])}/{report['id']}/files/{first['id']}",
                     headers=callers.viewer.headers)
    assert got.status_code == 200 and got.data == PDF
    assert hashlib.sha256(got.data).hexdigest() == got.headers["ETag"].strip('"')
    disposition = got.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="')
    assert disposition.split('"')[1].isascii()
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == (
        f"Återrapport-{agreement['id']}-2027-06-30.pdf")


def test_a_file_is_judged_by_its_content_and_size(client, callers, agreement, app, monkeypatch):
    renamed = post(client, callers.officer, agreement["id"],
                   data={**REPORT, "file": [(io.BytesIO(b"MZ\x90\x00 not a pdf"), "rapport.pdf")]})
    assert renamed.status_code == 422 and "file" in renamed.get_json()["errors"]
    monkeypatch.setitem(app.config, "MAX_FOLLOW_UP_FILE_BYTES", 10)
    large = post(client, callers.officer, agreement["id"],
                 data={**REPORT, "file": [(io.BytesIO(PDF), "r.pdf")]})
    assert large.status_code == 422 and "för stor" in large.get_json()["errors"]["file"][0]


def test_a_file_of_another_report_is_not_found(client, callers, agreement):
    response = post(client, callers.officer, agreement["id"],
                    data={**REPORT, "file": [(io.BytesIO(PDF), "r.pdf")]})
    report = response.get_json()
    url = f"{URL.format(agreement['id'])}/{report['id'] + 1}/files/{report['files'][0]['id']}"
    assert client.get(url, headers=callers.viewer.headers).status_code == 404
