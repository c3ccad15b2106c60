"""User text is always literal text in the document: no template code, no XML, no broken files."""

import pytest
from lxml import etree

from iop.documents.escaping import clean_text
from iop.documents.package import read_parts
from tests.documents.reading import all_text, read

HOSTILE = "{{ 7*7 }} {% if true %}ja{% endif %} <w:p/></w:t>&amp; & åäö \"citat\" 'enkla' {#"
CONTROL = "a\x07b\x1bc\x00d\x0be\x0cf\x7fg\x85h"
CONTROL_SHOWN = "a␇b␛c␀d␋e␌f␡g\ufffdh"

# Every text field a document shows, as a path into the data (signatories are render-time).
SHOWN_FIELDS = [
    ("title",), ("case_number",), ("municipality", "name"), ("department", "name"),
    ("department", "committee"), ("organisations", 0, "name"), ("organisations", 0, "org_number"),
    ("organisations", 0, "legal_form_label"), ("organisations", 0, "address"), ("background",),
    ("governance",), ("challenge",), ("purpose",), ("added_value",), ("market_assessment",),
    ("follow_up_description",), ("responsible_email",), ("resources", 0, "description"),
    ("resources", 0, "type_label"), ("resources", 2, "organisation_name"),
    ("milestones", 0, "title"), ("follow_ups", 1, "title"), ("predecessor", "title"),
    ("predecessor", "case_number"),
]


def _set(data, path, value):
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value


def _with_predecessor(data):
    data["predecessor"] = {"id": 1, "title": "Tidigare", "case_number": "KS 2020/1"}
    return data


def _string_paths(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _string_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _string_paths(item, (*path, index))
    elif isinstance(value, str) and not path[-1].endswith("date"):
        yield path


def _assert_valid_package(blob):
    for name, content in read_parts(blob).items():
        if name.endswith(".xml") or name.endswith(".rels"):
            etree.fromstring(content)  # strict: a broken part raises


@pytest.mark.parametrize("path", SHOWN_FIELDS, ids=lambda p: ".".join(map(str, p)))
def test_template_syntax_and_xml_in_a_field_come_out_as_literal_text(render, sample, path):
    _set(_with_predecessor(sample), path, HOSTILE)
    blob = render(sample)
    _assert_valid_package(blob)
    text = all_text(read(blob))
    assert HOSTILE in text
    assert "49" not in text.replace("2049", "")


@pytest.mark.parametrize("path", SHOWN_FIELDS, ids=lambda p: ".".join(map(str, p)))
def test_control_characters_in_a_field_are_shown_as_control_pictures(render, sample, path):
    _set(_with_predecessor(sample), path, CONTROL)
    blob = render(sample)
    _assert_valid_package(blob)
    assert CONTROL_SHOWN in all_text(read(blob))


@pytest.mark.parametrize("signed", [False, True])
def test_hostile_text_in_every_string_of_the_data_leaves_a_valid_document(render, sample, signed):
    sample = _with_predecessor(sample)
    for path in _string_paths(sample):
        if path[-1] not in ("party", "type", "per", "kind", "template_key", "template_version"):
            _set(sample, path, HOSTILE + CONTROL)
    blob = render(sample, signed=signed)
    _assert_valid_package(blob)
    text = all_text(read(blob))
    assert text.count(HOSTILE + CONTROL_SHOWN) >= len(SHOWN_FIELDS) - 2


def test_hostile_signatory_names_come_out_as_literal_text(render, sample):
    signatories = [{"party": "municipality", "name": HOSTILE, "title": CONTROL},
                   {"party": "organisation", "name": "Lena Lind", "title": HOSTILE}]
    blob = render(sample, signed=True, signed_on="2026-12-15", signatories=signatories)
    text = all_text(read(blob))
    assert text.count(HOSTILE) == 2 and CONTROL_SHOWN in text


def test_a_newline_in_a_one_line_field_is_a_line_break_not_a_new_paragraph(render, sample):
    sample["milestones"][0]["title"] = "Rad ett\r\nRad två"
    document = read(render(sample))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "Rad ett\nRad två" in cells


def test_windows_line_ends_in_free_text_give_paragraphs(render, sample):
    sample["purpose"] = "Första stycket.\r\n\r\nAndra stycket.\rTredje stycket."
    texts = [p.text for p in read(render(sample)).paragraphs]
    assert {"Första stycket.", "Andra stycket.", "Tredje stycket."} <= set(texts)


def test_a_tab_typed_by_the_user_stays_a_tab(render, sample):
    sample["purpose"] = "Mål\tdelmål"
    assert "Mål\tdelmål" in [p.text for p in read(render(sample)).paragraphs]


def test_the_document_title_property_is_cleaned_too(render, sample):
    sample["title"] = "Titel\x07 & <b>"
    assert read(render(sample)).core_properties.title == "Titel␇ & <b>"


def test_clean_text_replaces_what_xml_cannot_carry():
    assert clean_text("ok\ud800\ufffe\uffff") == "ok\ufffd\ufffd\ufffd"
    assert clean_text("a\tb\nc") == "a\tb\nc"
