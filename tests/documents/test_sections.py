"""The manifest's sections (issue 16): a lawyer edits a clause in Word and adds a conditional
section with a bookmark and a manifest line, and both reach new drafts without a code change;
`iop templates check` says what is wrong with a section."""

import json
import shutil
from pathlib import Path

from iop.documents.linting import check_template
from iop.documents.package import read_parts, write_parts
from iop.documents.templates import load_template
from tests.agreements.factories import clean_iop, document, draft, patch
from tests.documents.conftest import SHIPPED
from tests.documents.reading import all_text, footer_xml, headings, read

NEW_SECTION = (
    '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'
    '<w:bookmarkStart w:id="90" w:name="milstolpsbetalning"/>'
    '<w:r><w:t>Redovisning före delbetalning</w:t></w:r><w:bookmarkEnd w:id="90"/></w:p>'
    '<w:p><w:pPr><w:pStyle w:val="Klausul"/></w:pPr><w:r><w:t xml:space="preserve">Organisationen '
    'redovisar skriftligen varje nådd milstolpe till {{ department.committee }} innan '
    'delbetalningen görs.</w:t></w:r></w:p>'
)
OLD_CLAUSE = "lösas genom förhandling mellan parterna."
NEW_CLAUSE = "lösas genom förhandling mellan parterna, i första hand i styrgruppen."


def _lawyers_copy(folder: Path) -> Path:
    """The shipped IOP template as a lawyer leaves it: one clause reworded, one section added
    before the signatures, and a line for it in the manifest."""
    for name in ("iop.docx", "iop.json", "annual.docx", "annual.json"):
        shutil.copy(Path(SHIPPED) / name, folder / name)
    docx_path = folder / "iop.docx"
    parts = read_parts(docx_path.read_bytes())
    xml = parts["word/document.xml"].decode()
    assert OLD_CLAUSE in xml
    xml = xml.replace(OLD_CLAUSE, NEW_CLAUSE)
    signatures = xml.index('<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:bookmarkStart w:id="21" '
                           'w:name="underskrifter"/>')
    xml = xml[:signatures] + NEW_SECTION + xml[signatures:]
    parts["word/document.xml"] = xml.encode()
    docx_path.write_bytes(write_parts(parts))
    manifest_path = folder / "iop.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["sections"].insert(len(manifest["sections"]) - 1, {
        "heading": "Redovisning före delbetalning", "part": "milstolpsbetalning",
        "condition": 'payment_terms == "per_milestone"'})
    manifest["version"] = "2.1"
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return manifest_path


def test_a_lawyers_clause_and_conditional_section_reach_new_drafts(
        app, client, callers, organisation_id, tmp_path, monkeypatch):
    manifest = _lawyers_copy(tmp_path)
    assert check_template(load_template(manifest)) == []
    monkeypatch.setitem(app.config, "TEMPLATES_DIR", str(tmp_path))
    officer = callers.officer
    agreement = draft(client, officer, clean_iop(organisation_id))
    first = read(document(client, officer, agreement["id"]).data)
    assert NEW_CLAUSE in all_text(first)
    assert "Redovisning före delbetalning" not in headings(first)

    assert patch(client, officer, agreement["id"], {"payment_terms": "per_milestone"}).status_code == 200
    second = read(document(client, officer, agreement["id"]).data)
    assert headings(second)[-2:] == ["Redovisning före delbetalning", "Underskrifter"]
    assert ("Organisationen redovisar skriftligen varje nådd milstolpe till Kultur- och fritidsnämnden "
            "innan delbetalningen görs.") in all_text(second)
    assert "mallversion 2.1" in footer_xml(second)


def _manifest_with(tmp_path: Path, change) -> Path:
    for suffix in (".docx", ".json"):
        shutil.copy(Path(SHIPPED) / f"iop{suffix}", tmp_path / f"iop{suffix}")
    path = tmp_path / "iop.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    change(manifest["sections"])
    path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_check_names_a_section_without_its_bookmark(tmp_path):
    path = _manifest_with(tmp_path, lambda sections: sections.append(
        {"heading": "Särskilda villkor", "part": "sarskilda_villkor"}))
    problems = check_template(load_template(path))
    assert any("inget bokmärke 'sarskilda_villkor'" in p and "Infoga > Bokmärke" in p for p in problems)


def test_the_check_names_a_misspelt_condition_and_a_wrong_heading(tmp_path):
    def change(sections):
        sections[1]["heading"] = "Bakgrund"
        sections[2]["condition"] = "procesess_personal_data"
    problems = check_template(load_template(_manifest_with(tmp_path, change)))
    assert any("”Bakgrund och gemensamma värderingar”, inte vid rubriken ”Bakgrund”" in p for p in problems)
    assert any("'procesess_personal_data'" in p and "datakontraktet" in p for p in problems)


def test_the_check_names_sections_out_of_order(tmp_path):
    def change(sections):
        sections[0], sections[1] = sections[1], sections[0]
    problems = check_template(load_template(_manifest_with(tmp_path, change)))
    assert any("annan ordning" in p for p in problems)
