"""The lawyer sees what changed between two revisions as Word tracked changes."""

import io
import shutil
import subprocess
import zipfile

import pytest
from lxml import etree

from tests.agreements.factories import clean_iop, draft, patch

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _changes(content: bytes, tag: str) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    texts = []
    for change in root.iter(f"{W}{tag}"):
        texts.append("".join(t.text or "" for t in change.iter(f"{W}t", f"{W}delText")))
    return " ".join(" ".join(texts).split())


@pytest.fixture
def two_revisions(client, callers, organisation_id):
    agreement = draft(client, callers.officer, clean_iop(
        organisation_id, challenge="Färre elever når gymnasiebehörighet i Norra Sjöstad."))
    patch(client, callers.officer, agreement["id"], {
        "challenge": "Färre elever når gymnasiebehörighet i hela Sjöstad."})
    return agreement["id"]


def test_the_redline_marks_exactly_the_changed_words(client, callers, two_revisions):
    response = client.get(f"/api/v1/agreements/{two_revisions}/redline?from=1&to=2",
                          headers=callers.legal.headers)
    assert response.status_code == 200
    assert response.mimetype.endswith("wordprocessingml.document")
    # the revision number on the title page changes too: 1 -> 2
    assert _changes(response.data, "del") == "1 Norra"
    assert _changes(response.data, "ins") == "2 hela"
    with zipfile.ZipFile(io.BytesIO(response.data)) as package:
        xml = package.read("word/document.xml").decode()
    assert f'w:author="{callers.officer.email}"' in xml or 'w:author="Officer"' in xml


def test_a_redline_needs_two_existing_revisions(client, callers, two_revisions):
    url = f"/api/v1/agreements/{two_revisions}/redline"
    assert client.get(f"{url}?from=1&to=7", headers=callers.legal.headers).status_code == 404
    assert client.get(f"{url}?from=1", headers=callers.legal.headers).status_code == 422


@pytest.mark.libreoffice
def test_libreoffice_opens_the_redline(client, callers, two_revisions, tmp_path):
    content = client.get(f"/api/v1/agreements/{two_revisions}/redline?from=1&to=2",
                         headers=callers.legal.headers).data
    from iop.documents.pdf import convert_to_pdf

    pdf = convert_to_pdf(content, pdfa=False)
    (tmp_path / "redline.pdf").write_bytes(pdf)
    text = subprocess.run([shutil.which("pdftotext"), str(tmp_path / "redline.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "gymnasiebehörighet" in text
