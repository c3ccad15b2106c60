"""`iop templates check`: a lawyer who edited a template learns at once whether it still works."""

import shutil
from pathlib import Path

from iop.documents.linting import check_directory
from tests.documents.conftest import SHIPPED


def _check(runner, directory=None):
    args = ["templates", "check"] + (["--dir", str(directory)] if directory else [])
    return runner.invoke(args=args)


def test_the_shipped_templates_pass_the_check(runner):
    result = _check(runner)
    assert result.exit_code == 0, result.output
    assert "iop (iop.docx), version 2.0: OK" in result.output
    assert "annual (annual.docx), version 2.0: OK" in result.output


def test_the_check_reads_the_configured_template_directory(app, runner, edited_copy, monkeypatch):
    template = edited_copy("iop", {"{{ title }}": "{{ titel }}"})
    monkeypatch.setitem(app.config, "TEMPLATES_DIR", str(template.path.parent))
    result = _check(runner)
    assert result.exit_code == 1
    assert "Okänd platshållare 'titel'" in result.output


def test_a_misspelt_placeholder_fails_the_check_naming_it(runner, edited_copy):
    template = edited_copy("iop", {"{{ title }}": "{{ titel }}"})
    result = _check(runner, template.path.parent)
    assert result.exit_code == 1
    assert "iop (iop.docx), version 2.0: 1 fel" in result.output
    assert "titel" in result.output


def test_a_misspelt_field_of_a_table_row_fails_the_check(runner, edited_copy):
    template = edited_copy("iop", {"{{ item.description }}": "{{ item.descrption }}",
                                   "{{ municipality.name }}, genom": "{{ municipality.nmae }}, genom"})
    output = _check(runner, template.path.parent).output
    assert "Okänt fält 'item.descrption'" in output
    assert "Okänt fält 'municipality.nmae'" in output


def test_a_syntax_error_fails_the_check_quoting_the_paragraph(runner, edited_copy):
    template = edited_copy("annual", {"{{ purpose|paragraphs }}": "{{ purpose|paragraphs }"})
    result = _check(runner, template.path.parent)
    assert result.exit_code == 1
    assert "{{ purpose|paragraphs }”" in result.output


def test_tracked_changes_left_in_a_template_fail_the_check(edited_copy):
    run = '<w:r><w:t xml:space="preserve">Tvister</w:t></w:r>'
    tracked = ('<w:ins w:id="90" w:author="Jurist" w:date="2026-01-01T00:00:00Z">'
               f'{run}</w:ins>')
    template = edited_copy("iop", {run: tracked})
    [report] = check_directory(template.path.parent)
    assert any("spårade ändringar" in problem for problem in report.problems)


def test_switching_escaping_off_fails_the_check(edited_copy):
    template = edited_copy("iop", {"{{ title }}": "{{ title|safe }}"})
    [report] = check_directory(template.path.parent)
    assert any("|safe" in problem for problem in report.problems)


def test_a_stray_closing_brace_fails_the_check(edited_copy):
    template = edited_copy("iop", {"Tvister</w:t>": "Tvister }}</w:t>"})
    [report] = check_directory(template.path.parent)
    assert any("Tvister }}" in problem for problem in report.problems)


def test_a_broken_manifest_is_reported_and_the_other_templates_still_checked(tmp_path):
    for name in ("iop.docx", "iop.json", "annual.docx"):
        shutil.copy(Path(SHIPPED) / name, tmp_path / name)
    (tmp_path / "annual.json").write_text('{"key": "annual"')
    reports = {report.label: report for report in check_directory(tmp_path)}
    assert reports["iop (iop.docx), version 2.0"].ok
    assert "ogiltig JSON" in reports["annual.json"].problems[0]


def test_a_word_file_without_a_manifest_is_reported(tmp_path):
    shutil.copy(Path(SHIPPED) / "iop.docx", tmp_path / "iop-kopia.docx")
    [report] = check_directory(tmp_path)
    assert "har inget manifest" in report.problems[0]
