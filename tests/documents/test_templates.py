"""Templates: the registry of manifests and Word files, and what a broken one tells you."""

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from iop.documents.rendering import render_agreement
from iop.documents.sample import SAMPLE_AGREEMENT
from iop.documents.templates import TemplateError, load_template, load_templates
from tests.documents.conftest import SHIPPED
from tests.documents.reading import all_text, read

RUN = '<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def test_both_shipped_templates_are_registered_with_their_manifests(templates):
    assert sorted(templates) == ["annual", "iop"]
    iop = templates["iop"]
    assert (iop.kind, iop.name, iop.version) == ("iop", "Idéburet offentligt partnerskap", "2.0")
    assert {"challenge", "added_value", "market_assessment", "resources"} <= set(iop.required_fields)
    assert templates["annual"].name == "Årlig överenskommelse"


def test_the_sha256_is_computed_from_the_word_file(templates):
    for template in templates.values():
        assert template.sha256 == hashlib.sha256(template.path.read_bytes()).hexdigest()
        manifest = json.loads(template.path.with_suffix(".json").read_text())
        assert "sha256" not in manifest


@pytest.fixture
def manifest_dir(tmp_path):
    shutil.copy(Path(SHIPPED) / "iop.docx", tmp_path / "iop.docx")
    return tmp_path


@pytest.mark.parametrize(("manifest", "complaint"), [
    ("{not json", "ogiltig JSON på rad 1"),
    ("[]", "ska vara ett JSON-objekt"),
    ('{"key": "iop", "kind": "iop", "version": "1", "required_fields": []}', "name saknas"),
    ('{"key": "iop", "kind": "lease", "name": "X", "version": "1", "required_fields": []}',
     "kind ska vara en av iop, annual"),
    ('{"key": "other", "kind": "iop", "name": "X", "version": "1", "required_fields": []}',
     "key är 'other' men filen heter iop.json"),
    ('{"key": "iop", "kind": "iop", "name": "X", "version": "1", "required_fields": ["titel"]}',
     "okända fält: titel"),
    ('{"key": "iop", "kind": "iop", "name": "X", "version": "1", "required_fields": "title"}',
     "required_fields ska vara en lista"),
    ('{"key": "iop", "kind": "iop", "name": "X", "version": "1", "required_fields": [], "sha": 1}',
     "okända nycklar: sha"),
])
def test_a_broken_manifest_is_refused_with_a_message_naming_its_file(manifest_dir, manifest, complaint):
    (manifest_dir / "iop.json").write_text(manifest)
    with pytest.raises(TemplateError) as caught:
        load_templates(manifest_dir)
    assert "iop.json" in caught.value.message and complaint in caught.value.message


def test_a_manifest_without_its_word_file_is_refused(tmp_path):
    (tmp_path / "iop.json").write_text(Path(SHIPPED, "iop.json").read_text())
    with pytest.raises(TemplateError, match="Word-filen iop.docx saknas"):
        load_templates(tmp_path)


def test_a_missing_template_directory_is_a_clear_error(tmp_path):
    with pytest.raises(TemplateError, match="finns inte"):
        load_templates(tmp_path / "nowhere")


def test_a_placeholder_word_split_across_runs_still_renders(edited_copy, sample):
    split = ('<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{{ ti</w:t></w:r>'
             '<w:proofErr w:type="spellStart"/>'
             '<w:r><w:rPr><w:i/></w:rPr><w:t>tle</w:t></w:r><w:proofErr w:type="spellEnd"/>'
             '<w:r><w:t xml:space="preserve"> }}</w:t></w:r>')
    split_tag = ('<w:r><w:t>{%</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">p if '
                 'dra</w:t></w:r><w:r><w:t>ft %}</w:t></w:r>')
    template = edited_copy("iop", {
        RUN.format(text="{{ title }}"): split,
        RUN.format(text="{%p if draft %}"): split_tag,
        RUN.format(text="{{ item.description }}"):
            RUN.format(text="{{ item.descr") + '<w:bookmarkStart w:id="0" w:name="x"/>'
            + RUN.format(text="iption }}"),
    })
    document = read(render_agreement(sample, template=template))
    text = all_text(document)
    assert sample["title"] in [p.text for p in document.paragraphs]
    assert "Utkast – ej för underskrift" in text
    assert "Volontärer som läxhjälpare" in text
    assert "{{" not in text and "{%" not in text


def _render_error(template) -> TemplateError:
    with pytest.raises(TemplateError) as caught:
        render_agreement(SAMPLE_AGREEMENT, template=template)
    return caught.value


def test_a_misspelt_placeholder_fails_naming_the_template_and_the_placeholder(edited_copy):
    error = _render_error(edited_copy("iop", {"{{ title }}": "{{ titel }}"}))
    assert "iop (iop.docx)" in error.message and "'titel'" in error.message
    assert error.placeholder == "titel" and error.template == "iop"


def test_a_misspelt_field_fails_naming_the_placeholder_it_is_in(edited_copy):
    error = _render_error(edited_copy("iop", {"{{ item.description }}": "{{ item.descrption }}"}))
    assert error.placeholder == "descrption"
    assert "{{ item.descrption }}" in error.message and "iop (iop.docx)" in error.message


def test_a_jinja_syntax_error_fails_naming_the_template_and_quoting_the_paragraph(edited_copy):
    error = _render_error(edited_copy("iop", {"{{ purpose|paragraphs }}": "{{ purpose|| }}"}))
    assert "iop (iop.docx)" in error.message and "syntaxfel" in error.message
    assert "{{ purpose|| }}" in error.message


def test_an_unknown_filter_fails_naming_it(edited_copy):
    error = _render_error(edited_copy("annual", {"{{ item.amount_sek|sek }}": "{{ item.amount_sek|sekk }}"}))
    assert "annual (annual.docx)" in error.message and "sekk" in error.message


def test_a_placeholder_missing_a_brace_fails_instead_of_swallowing_paragraphs(edited_copy):
    error = _render_error(edited_copy("iop", {"{{ purpose|paragraphs }}": "{{ purpose|paragraphs }"}))
    assert error.placeholder == "{{ purpose|paragraphs }"
    assert "iop (iop.docx)" in error.message


def test_an_unclosed_block_fails_naming_the_template(edited_copy):
    error = _render_error(edited_copy("iop", {"{%p endif %}": "{%p end %}"}))
    assert "iop (iop.docx)" in error.message


def test_a_template_file_changed_after_loading_is_never_rendered_in_its_place(edited_copy):
    # An edit no other test makes, so the compiled form of this version is not cached yet.
    template = edited_copy("iop", {"Tvister</w:t>": "Tvister och tolkning</w:t>"})
    template.path.write_bytes(Path(SHIPPED, "annual.docx").read_bytes())
    with pytest.raises(TemplateError, match="har ändrats sedan mallarna lästes in"):
        render_agreement(SAMPLE_AGREEMENT, template=template)


def test_a_word_file_that_is_not_a_docx_is_a_clear_error(tmp_path):
    shutil.copy(Path(SHIPPED) / "iop.json", tmp_path / "iop.json")
    (tmp_path / "iop.docx").write_bytes(b"PK not really a zip")
    template = load_template(tmp_path / "iop.json")
    with pytest.raises(TemplateError, match="inte ett Word-dokument"):
        render_agreement(SAMPLE_AGREEMENT, template=template)


def test_a_column_loop_in_a_lawyers_template_widens_the_table_grid(tmp_path, sample):
    import docx

    document = docx.Document()
    cells = document.add_table(rows=1, cols=3).rows[0].cells
    for cell, text in zip(cells, ["{%tc for m in milestones %}", "{{ m.title }}", "{%tc endfor %}"],
                          strict=True):
        cell.text = text
    document.save(tmp_path / "kolumner.docx")
    (tmp_path / "kolumner.json").write_text(json.dumps(
        {"key": "kolumner", "kind": "iop", "name": "Kolumner", "version": "1", "required_fields": []}))
    sample["milestones"] = [{"date": "2027-01-01", "title": t} for t in "ABCD"]
    table = read(render_agreement(sample, template=load_template(tmp_path / "kolumner.json"))).tables[0]
    assert [cell.text for cell in table.rows[0].cells] == ["A", "B", "C", "D"]
    assert len(table._tbl.tblGrid.gridCol_lst) == 4
