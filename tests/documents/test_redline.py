"""Redlines: the differences between two revisions as Word tracked changes, word by word."""

import copy
import subprocess
from datetime import UTC, datetime, timedelta, timezone

import pytest
from lxml import etree

from iop.documents.package import read_parts
from iop.documents.pdf import convert_to_pdf
from iop.documents.redline import redline
from tests.documents.reading import W, read

WHEN = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


def _root(blob: bytes, part: str = "word/document.xml"):
    return etree.fromstring(read_parts(blob)[part])


def _changes(blob: bytes, kind: str, part: str = "word/document.xml") -> list[str]:
    """The text of each w:ins / w:del that carries text, in document order."""
    texts = []
    for element in _root(blob, part).iter(f"{W}{kind}"):
        text = "".join(t.text or "" for t in element.iter(f"{W}t", f"{W}delText"))
        if element.getparent().tag == f"{W}p":
            texts.append(text)
    return texts


def _flagged(element, kind: str) -> bool:
    mark = element.find(f"{W}pPr/{W}rPr/{W}{kind}")
    row = next(element.iterancestors(f"{W}tr"), None)
    row_mark = row.find(f"{W}trPr/{W}{kind}") if row is not None else None
    return mark is not None or row_mark is not None


def _paragraph_texts(blob: bytes, outcome: str | None = None) -> list[str]:
    """Paragraph texts as Word shows them after accepting or rejecting every change."""
    dropped, kept = {"accept": ("del", "ins"), "reject": ("ins", "del")}.get(outcome, (None, None))
    texts = []
    for paragraph in _root(blob).iter(f"{W}p"):
        if dropped and _flagged(paragraph, dropped):
            continue
        text = ""
        for node in paragraph.iter(f"{W}t", f"{W}delText"):
            inside = {a.tag for a in node.iterancestors()}
            if dropped and f"{W}{dropped}" in inside:
                continue
            text += node.text or ""
        texts.append(text)
    return texts


@pytest.fixture
def revisions(render, sample):
    old = render(sample)
    changed = copy.deepcopy(sample)
    changed["purpose"] = changed["purpose"].replace("fler elever", "alla elever")
    changed["resources"][0]["amount_sek"] = 300000
    return old, render(changed), changed


def test_a_changed_word_is_one_deletion_and_one_insertion(revisions):
    old, new, _ = revisions
    marked = redline(old, new, author="Johan Jurist", date=WHEN)
    assert _changes(marked, "del") == ["fler", "250", "250"]
    assert _changes(marked, "ins") == ["alla", "300", "300"]


def test_changes_carry_author_and_date_and_unique_ids(revisions):
    old, new, _ = revisions
    marked = redline(old, new, author="Johan Jurist", date=datetime(2026, 11, 2, 10, 30,
                                                                      tzinfo=timezone(timedelta(hours=1))))
    root = _root(marked)
    changes = list(root.iter(f"{W}ins", f"{W}del"))
    assert {c.get(f"{W}author") for c in changes} == {"Johan Jurist"}
    assert {c.get(f"{W}date") for c in changes} == {"2026-11-02T09:30:00Z"}
    ids = [c.get(f"{W}id") for c in changes]
    assert len(ids) == len(set(ids))


def test_added_and_removed_paragraphs_and_rows_are_whole_insertions_and_deletions(render, sample):
    old = render(sample)
    sample["governance"] += "\nStyrgruppen leds av kommunen."
    sample["background"] = sample["background"].split("\n")[0]
    sample["milestones"].append({"date": "2027-09-30", "title": "Första terminen utvärderad"})
    marked = redline(old, render(sample), author="Jurist", date=WHEN)
    assert "Styrgruppen leds av kommunen." in _changes(marked, "ins")
    assert "Parterna delar synen att alla barn ska ges förutsättningar att klara skolan." in _changes(
        marked, "del")
    inserted_rows = [r for r in _root(marked).iter(f"{W}tr") if r.find(f"{W}trPr/{W}ins") is not None]
    assert len(inserted_rows) == 1
    assert "".join(inserted_rows[0].itertext()) == "30 september 2027Första terminen utvärderad"


def test_accepting_every_change_gives_the_new_text_and_rejecting_gives_the_old(render, sample):
    old = render(sample)
    sample.update(title="Läxhjälp, föräldrastöd och sommarskola", challenge=None)
    sample["purpose"] = "Att alla elever i Norra Sjöstad når gymnasiebehörighet."
    sample["follow_ups"].pop(0)
    sample["resources"].insert(1, {"party": "municipality", "type": "money",
                                   "description": "Sommarskola", "amount_sek": 40000,
                                   "per": "year"})
    new = render(sample)
    marked = redline(old, new, author="Jurist", date=WHEN)
    assert _paragraph_texts(marked, "accept") == _paragraph_texts(new)
    assert _paragraph_texts(marked, "reject") == _paragraph_texts(old)


def test_the_header_shows_a_new_revision_number_as_a_change(render, sample):
    old = render(sample)
    sample["revision"] = 4
    marked = redline(old, render(sample), author="Jurist", date=WHEN)
    assert _changes(marked, "del", "word/header1.xml") == ["3"]
    assert _changes(marked, "ins", "word/header1.xml") == ["4"]


def test_identical_documents_give_a_redline_without_changes(render, sample):
    document = render(sample)
    marked = redline(document, document, author="Jurist", date=WHEN)
    assert not list(_root(marked).iter(f"{W}ins", f"{W}del"))


def test_a_redline_is_deterministic_and_reads_back_with_python_docx(revisions):
    old, new, changed = revisions
    first = redline(old, new, author="Jurist", date=WHEN)
    assert first == redline(old, new, author="Jurist", date=WHEN)
    document = read(first)
    assert changed["title"] in [p.text for p in document.paragraphs]


@pytest.mark.libreoffice
def test_libreoffice_opens_a_redline(revisions):
    old, new, _ = revisions
    pdf = convert_to_pdf(redline(old, new, author="Jurist", date=WHEN), pdfa=False)
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    text = " ".join(text.split())  # where the title wraps depends on the fonts
    assert "Läxhjälp och föräldrastöd i Norra Sjöstad" in text
    assert "alla" in text and "Sida 1 av" in text
