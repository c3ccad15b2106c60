"""A revision is rendered with the template version it was drafted with: a lawyer's edit of the
Word template reaches new drafts, and an existing draft only when the officer moves it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from iop.config import DEFAULTS
from iop.documents.package import read_parts, write_parts
from tests.agreements.factories import (
    SIGNATORIES,
    clean_iop,
    document,
    draft,
    patch,
    review,
    transition,
)

NEW_WORDING = "Lydelse från mallens nya version"


@pytest.fixture
def template_copy(app, tmp_path, monkeypatch):
    """The shipped templates copied to a folder the test may edit, and an edit as a lawyer makes
    it: the first fixed text of the IOP template's body replaced by NEW_WORDING."""
    for path in Path(DEFAULTS["TEMPLATES_DIR"]).glob("*.*"):
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.setitem(app.config, "TEMPLATES_DIR", str(tmp_path))

    def edit() -> str:
        docx = tmp_path / "iop.docx"
        parts = read_parts(docx.read_bytes())
        xml = parts["word/document.xml"].decode()
        old = next(t for t in re.findall(r"<w:t(?: [^>]*)?>([^<{}%]{12,})</w:t>", xml))
        parts["word/document.xml"] = xml.replace(f">{old}<", f">{NEW_WORDING}<", 1).encode()
        docx.write_bytes(write_parts(parts))
        return old

    return edit


def body_text(content: bytes) -> str:
    return read_parts(content)["word/document.xml"].decode()


def reading(client, caller, agreement_id: int) -> dict:
    return client.get(f"/api/v1/agreements/{agreement_id}", headers=caller.headers).get_json()


def test_an_edited_template_leaves_existing_documents_byte_for_byte_the_same(
        client, callers, organisation_id, template_copy):
    approved = draft(client, callers.officer, clean_iop(organisation_id))
    assert transition(client, callers.officer, approved["id"], action="submit").status_code == 200
    assert review(client, callers, approved["id"], "approve").status_code == 201
    approved_bytes = document(client, callers.officer, approved["id"]).data
    waiting = draft(client, callers.officer, clean_iop(organisation_id, case_number="KFN 2026/0043"))
    draft_bytes = document(client, callers.officer, waiting["id"]).data
    pinned = waiting["template_version"]
    assert pinned["sha256"] and pinned["current"] is True

    old_wording = template_copy()

    assert document(client, callers.officer, approved["id"]).data == approved_bytes
    assert document(client, callers.officer, waiting["id"]).data == draft_bytes
    activated = transition(client, callers.officer, approved["id"], action="activate",
                           signed_on="2026-11-20", signatories=SIGNATORIES)
    assert activated.status_code == 200, activated.get_json()
    active = body_text(document(client, callers.officer, approved["id"]).data)
    assert old_wording in active and NEW_WORDING not in active
    # An officer's edit of the waiting draft keeps the version it was drafted with.
    assert patch(client, callers.officer, waiting["id"], {"title": "Läxhjälp i Sjöstad"}).status_code == 200
    edited = reading(client, callers.officer, waiting["id"])
    assert edited["revision"] == 2 and edited["template_version"] == {**pinned, "current": False}
    assert NEW_WORDING not in body_text(document(client, callers.officer, waiting["id"]).data)


def test_a_new_template_version_applies_to_new_drafts_and_to_a_draft_the_officer_moves(
        client, callers, organisation_id, template_copy):
    waiting = draft(client, callers.officer, clean_iop(organisation_id))
    template_copy()
    fresh = draft(client, callers.officer, clean_iop(organisation_id, case_number="KFN 2026/0043"))
    assert NEW_WORDING in body_text(document(client, callers.officer, fresh["id"]).data)
    assert fresh["template_version"]["sha256"] != waiting["template_version"]["sha256"]

    moved = client.post(f"/api/v1/agreements/{waiting['id']}/template-version",
                        headers=callers.officer.headers)
    assert moved.status_code == 200
    assert moved.get_json()["revision"] == 2
    assert moved.get_json()["template_version"] == fresh["template_version"]
    assert NEW_WORDING in body_text(document(client, callers.officer, waiting["id"]).data)
    assert NEW_WORDING not in body_text(document(client, callers.officer, waiting["id"], revision=1).data)


def test_only_a_draft_changes_template_version(client, callers, organisation_id, template_copy):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    assert transition(client, callers.officer, agreement["id"], action="submit").status_code == 200
    template_copy()
    refused = client.post(f"/api/v1/agreements/{agreement['id']}/template-version",
                          headers=callers.officer.headers)
    assert refused.status_code == 409
    assert NEW_WORDING not in body_text(document(client, callers.officer, agreement["id"]).data)


def test_the_page_shows_the_version_and_lets_the_officer_move_the_draft(
        client, app, callers, organisation_id, template_copy):
    from tests.web import page_csrf, sign_in

    waiting = draft(client, callers.officer, clean_iop(organisation_id))
    page = f"/overenskommelser/{waiting['id']}"
    sign_in(client, app, "officer")
    html = client.get(page).get_data(as_text=True)
    sha256 = waiting["template_version"]["sha256"]
    assert f'(Word-filens SHA-256 <code class="hash">{sha256}</code>)' in html
    assert "Använd mallens aktuella version" not in html
    template_copy()
    html = client.get(page).get_data(as_text=True)
    assert "Mallen har ändrats sedan utkastet skrevs" in html and "Använd mallens aktuella version" in html
    moved = client.post(f"{page}/mallversion", data={"csrf_token": page_csrf(client, page)})
    assert moved.status_code == 302
    html = client.get(page).get_data(as_text=True)
    assert "Utkastet använder nu mallens aktuella version (revision 2)." in html
    assert "Mallen har ändrats" not in html
