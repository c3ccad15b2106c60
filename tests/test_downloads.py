"""Downloads carry a name the service makes, in one safe Content-Disposition (issue 20, point 2)."""

from __future__ import annotations

import io
import re
from urllib.parse import unquote

import pytest
import sqlalchemy as sa
from markupsafe import escape

from tests.agreements.factories import signed_agreement
from tests.web import sign_in

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
SAFE_HEADER = re.compile(
    r"""^attachment; filename="[A-Za-z0-9._-]+"(; filename\*=UTF-8''[A-Za-z0-9%._~-]+)?$""")


def disposition(response) -> tuple[str, str | None]:
    """(the plain name, the filename* name decoded) of a download, after checking the header's form."""
    header = response.headers["Content-Disposition"]
    assert SAFE_HEADER.match(header), header
    plain = re.search(r'filename="([^"]*)"', header).group(1)
    extended = re.search(r"filename\*=UTF-8''(\S+)", header)
    return plain, unquote(extended.group(1)) if extended else None


def store_scan(app, agreement_id: int, content: bytes, original: str) -> int:
    """A scan kept with `original` as its name, as an upload before this change could keep it."""
    from iop.agreements.models import StoredDocument
    from iop.extensions import db

    with app.app_context():
        row = StoredDocument(agreement_id=agreement_id, revision=1, purpose="signed_scan", sha256="0" * 64,
                             media_type={b"%": "application/pdf", b"\x89": "image/png"}.get(
                                 content[:1], "image/jpeg"),
                             filename=original, size=len(content), content=content)
        db.session.add(row)
        db.session.commit()
        return row.id


@pytest.mark.parametrize(("original", "content", "extension"), [
    ("avtal.pdf\"; filename*=UTF-8''evil.html", PDF, ".pdf"),
    ("avtal\r\nSet-Cookie: x=1.pdf", PDF, ".pdf"),
    ("Avtal – signerat.pdf", PDF, ".pdf"),
    ("bild.html", PNG, ".png"),
    ("skanning.pdf", JPEG, ".jpg"),
])
def test_a_scan_downloads_under_a_name_the_service_makes_with_the_detected_type(
        app, client, callers, organisation_id, original, content, extension):
    agreement = signed_agreement(client, callers, organisation_id)
    document_id = store_scan(app, agreement["id"], content, original)

    api = client.get(f"/api/v1/agreements/{agreement['id']}/archive/{document_id}",
                     headers=callers.viewer.headers)
    assert api.status_code == 200 and api.data == content
    plain, extended = disposition(api)
    assert plain == "IOP-KFN-2026-0042-rev1-underskriven" + extension
    assert extended in (None, plain)
    listing = client.get(f"/api/v1/agreements/{agreement['id']}/archive", headers=callers.viewer.headers)
    assert original in [d["filename"] for d in listing.get_json()]  # the uploaded name stays, as data

    sign_in(client, app, role="viewer")
    page = client.get(f"/overenskommelser/{agreement['id']}/arkiv/{document_id}")
    assert page.status_code == 200 and disposition(page)[0] == plain
    html = client.get(f"/overenskommelser/{agreement['id']}").get_data(as_text=True)
    assert str(escape(original)) in html  # shown as text on the page


def test_an_uploaded_file_name_never_reaches_the_header(client, callers, organisation_id):
    agreement = signed_agreement(client, callers, organisation_id)
    url = f"/api/v1/agreements/{agreement['id']}/signed-scan"
    uploaded = client.post(url, headers=callers.officer.headers,
                           data={"file": (io.BytesIO(PDF), "Avtal – signerat\"; filename*=UTF-8''evil.html")})
    assert uploaded.status_code == 201, uploaded.get_json()
    response = client.get(f"/api/v1/agreements/{agreement['id']}/archive/{uploaded.get_json()['id']}",
                          headers=callers.viewer.headers)
    assert disposition(response) == ("IOP-KFN-2026-0042-rev1-underskriven.pdf", None)


def test_a_case_number_with_quotes_and_line_breaks_still_gives_a_safe_header(
        app, client, callers, organisation_id):
    from iop.extensions import db

    agreement = signed_agreement(client, callers, organisation_id)
    with app.app_context():
        db.session.execute(sa.text("UPDATE agreements SET case_number = :number WHERE id = :id"),
                           {"number": "KFN 2026/0042 – Årsta\"\r\n", "id": agreement["id"]})
        db.session.commit()
    response = client.get(f"/api/v1/agreements/{agreement['id']}/document", headers=callers.viewer.headers)
    assert response.status_code == 200
    plain, extended = disposition(response)
    assert plain.endswith(".docx") and plain.isascii()
