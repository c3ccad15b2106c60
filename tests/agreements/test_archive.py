import hashlib
import io
import subprocess

import pytest

from tests.agreements.factories import clean_iop, draft, signed_agreement

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_the_approved_and_signed_documents_are_kept_with_their_sha256(client, callers, organisation_id):
    agreement = signed_agreement(client, callers, organisation_id)
    kept = client.get(f"/api/v1/agreements/{agreement['id']}/archive", headers=callers.viewer.headers)
    by_purpose = {d["purpose"]: d for d in kept.get_json()}
    assert by_purpose["approved"]["sha256"] == agreement["approved_sha256"]
    assert by_purpose["active"]["sha256"] == agreement["active_sha256"]
    download = client.get(f"/api/v1/agreements/{agreement['id']}/archive/{by_purpose['active']['id']}",
                          headers=callers.viewer.headers)
    assert download.headers["ETag"].strip('"') == agreement["active_sha256"]


def test_a_signed_scan_is_kept_beside_the_documents(client, callers, organisation_id):
    agreement = signed_agreement(client, callers, organisation_id)
    url = f"/api/v1/agreements/{agreement['id']}/signed-scan"
    response = client.post(url, headers=callers.officer.headers,
                           data={"file": (io.BytesIO(PDF), "underskrift.pdf")})
    assert response.status_code == 201, response.get_json()
    assert (response.get_json()["media_type"], response.get_json()["size"]) == ("application/pdf", len(PDF))
    raw = client.post(url, data=PNG, headers={**callers.officer.headers, "Content-Type": "image/png"})
    assert raw.status_code == 201 and raw.get_json()["media_type"] == "image/png"


def test_a_scan_that_is_not_a_pdf_or_image_or_too_large_is_refused_and_nothing_is_kept(
        client, callers, organisation_id, app):
    agreement = signed_agreement(client, callers, organisation_id)
    url = f"/api/v1/agreements/{agreement['id']}/signed-scan"
    archive = f"/api/v1/agreements/{agreement['id']}/archive"
    before = len(client.get(archive, headers=callers.viewer.headers).get_json())
    fake = client.post(url, headers=callers.officer.headers,
                       data={"file": (io.BytesIO(b"MZ\x90\x00 not a pdf"), "underskrift.pdf")})
    assert fake.status_code == 422 and "file" in fake.get_json()["errors"]
    app.config["MAX_SCAN_BYTES"] = 1024
    try:
        big = client.post(url, headers=callers.officer.headers,
                          data={"file": (io.BytesIO(PDF + b"0" * 2048), "stor.pdf")})
    finally:
        app.config["MAX_SCAN_BYTES"] = 20 * 1024 * 1024
    assert big.status_code == 422 and "MB" in big.get_json()["errors"]["file"][0]
    assert len(client.get(archive, headers=callers.viewer.headers).get_json()) == before


def test_a_scan_belongs_to_a_signed_agreement_of_ones_own_department(client, callers, organisation_id):
    unsigned = draft(client, callers.officer, clean_iop(organisation_id, case_number=None))
    response = client.post(f"/api/v1/agreements/{unsigned['id']}/signed-scan",
                           headers=callers.officer.headers, data={"file": (io.BytesIO(PDF), "a.pdf")})
    assert response.status_code == 409
    agreement = signed_agreement(client, callers, organisation_id)
    other = client.post(f"/api/v1/agreements/{agreement['id']}/signed-scan",
                        headers=callers.officer_soc.headers, data={"file": (io.BytesIO(PDF), "a.pdf")})
    assert other.status_code == 403


@pytest.mark.libreoffice
def test_a_pdfa_copy_of_the_signed_document_is_archived(client, callers, organisation_id, app):
    app.config["ARCHIVE_PDFA"] = True
    try:
        agreement = signed_agreement(client, callers, organisation_id)
    finally:
        app.config["ARCHIVE_PDFA"] = False
    kept = client.get(f"/api/v1/agreements/{agreement['id']}/archive", headers=callers.viewer.headers)
    [pdf] = [d for d in kept.get_json() if d["purpose"] == "active_pdfa"]
    content = client.get(f"/api/v1/agreements/{agreement['id']}/archive/{pdf['id']}",
                         headers=callers.viewer.headers).data
    assert content.startswith(b"%PDF-") and b"pdfaid" in content  # PDF/A identification in its metadata
    assert hashlib.sha256(content).hexdigest() == pdf["sha256"]
    # The copy says what it is: a rendering of the signed agreement, whose original is the signed paper.
    text = " ".join(subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True,
                                   check=True).stdout.decode().split())
    assert "Återgivning för arkivet av den undertecknade överenskommelsen" in text
    assert "Lena Lind" in text
