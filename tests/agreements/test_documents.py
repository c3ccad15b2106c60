import hashlib

from tests.agreements.factories import clean_iop, document, draft, patch

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_the_document_is_a_word_file_whose_etag_is_its_sha256(client, callers, organisation_id):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    response = document(client, callers.viewer, agreement["id"])
    assert response.status_code == 200 and response.mimetype == DOCX
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert ".docx" in response.headers["Content-Disposition"]
    assert response.headers["ETag"].strip('"') == hashlib.sha256(response.data).hexdigest()


def test_the_same_revision_downloads_byte_identical(client, callers, organisation_id):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    assert document(client, callers.viewer, agreement["id"]).data == document(
        client, callers.legal, agreement["id"]).data


def test_any_revision_can_be_downloaded(client, callers, organisation_id):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    first = document(client, callers.viewer, agreement["id"]).data
    patch(client, callers.officer, agreement["id"], {"title": "Ny titel för revision två"})
    assert document(client, callers.viewer, agreement["id"], revision=1).data == first
    assert document(client, callers.viewer, agreement["id"]).data != first
    assert document(client, callers.viewer, agreement["id"], revision=9).status_code == 404
