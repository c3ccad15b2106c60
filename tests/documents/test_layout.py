"""The signature version as LibreOffice lays it out (standing in for Word, with Word's font
metrics through Carlito): no page holds only signature lines, a signature row never splits,
no table cell breaks a word, every signatory has a line (issue 16)."""

import copy
import io
import re
import subprocess

import docx
import pytest

from iop.documents.pdf import convert_to_pdf

pytestmark = [pytest.mark.libreoffice, pytest.mark.layout]

CLAUSE = re.compile(r"^\s*\d+\.\d+\s+\S")
SIGNATORIES = [
    {"party": "municipality", "name": "Anna Andersson", "title": "Förvaltningschef", "organisation_id": None},
    {"party": "municipality", "name": "Per Persson", "title": "Ordförande i kultur- och fritidsnämnden",
     "organisation_id": None},
    {"party": "organisation", "name": "Lena Lind", "title": "Ordförande", "organisation_id": 1},
]
SECOND = {"id": 2, "name": "Föräldranätverket i Sjöstad", "org_number": "802400-0005",
          "legal_form": "ideell_forening", "legal_form_label": "Ideell förening", "address": None,
          "email": None, "phone": None}


def _pages(document: bytes) -> list[str]:
    pdf = convert_to_pdf(document, pdfa=False)
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode("utf-8")
    return [page for page in text.split("\f") if page.strip()]


def _variants(sample):
    """The sample with more or less text before the signatures, so that the page breaks fall at
    different places around them, with two organisations and three named signatories."""
    for extra_lines in (0, 9, 18):
        data = copy.deepcopy(sample)
        data["organisations"].append(copy.deepcopy(SECOND))
        data["signatories"] = copy.deepcopy(SIGNATORIES)
        data["background"] += "\n" + "\n".join(
            f"Parterna har sedan {2010 + i} samverkat i frågor om barns skolgång."
            for i in range(extra_lines))
        yield extra_lines, data


@pytest.mark.parametrize("signed", [False, True], ids=["att-underteckna", "undertecknad"])
def test_no_page_holds_only_signature_lines_and_every_signatory_has_one(render, sample, signed):
    for extra_lines, data in _variants(sample):
        pages = _pages(render(data, signed=signed, draft=False, signed_on="2026-12-15",
                              signatories=SIGNATORIES) if signed else render(data, draft=False))
        with_signatures = [i for i, page in enumerate(pages) if "För Sjöstads kommun" in page]
        assert len(with_signatures) == 1, extra_lines
        first = with_signatures[0]
        # The heading, the sentence and the last clause before them share the page.
        assert any(CLAUSE.match(line) for line in pages[first].splitlines()), (extra_lines, pages[first])
        assert "Underskrifter" in pages[first]
        signature_text = "\n".join(pages[first:])
        for person in SIGNATORIES:
            assert person["name"] in signature_text and person["title"] in signature_text
        for party in ("För Läxhjälpen i Sjöstad", "För Föräldranätverket i Sjöstad"):
            assert party in signature_text
        # A row of signature lines is never split: each "För …" has its lines on the same page.
        for page in pages[first:]:
            assert page.count("För ") <= page.count("Ort: "), extra_lines
        assert "UTKAST" not in "\n".join(pages) and "Utkast" not in "\n".join(pages)


def test_no_table_cell_breaks_a_word(render, sample):
    data = copy.deepcopy(sample)
    data["resources"] += [
        {"party": "municipality", "type": "staff_hours", "type_label": "Personaltimmar",
         "description": "Samordnare på fritidsgården", "amount_sek": 1250000, "hours": 12000, "per": "year"},
        {"party": "municipality", "type": "money", "type_label": "Ekonomiskt bidrag",
         "description": "Startbidrag", "amount_sek": 9999999.5, "per": "total"},
        {"party": "organisation", "organisation_id": 1, "type": "in_kind", "type_label": "Annat i natura",
         "description": "Material", "hours": 250, "per": "year"},
    ]
    blob = render(data, draft=False)
    document = docx.Document(io.BytesIO(blob))
    words = {word for table in document.tables for row in table.rows for cell in row.cells
             for word in cell.text.split() if len(word) > 3}
    pages = _pages(blob)
    tokens = set(" ".join("\n".join(pages).split()).split())
    broken = sorted(word for word in words if word not in tokens)
    assert not broken, f"broken inside a word in a table cell: {broken}"
    assert "Personaltimmar" in tokens and "timmar" in tokens
