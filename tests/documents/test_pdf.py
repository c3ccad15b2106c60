"""LibreOffice, the independent renderer standing in for Word: every template's output converts
to PDF (PDF/A for the archive), and the PDF shows what a reader must see."""

import subprocess

import pytest

from iop.documents import pdf
from iop.documents.pdf import PdfConversionError, convert_to_pdf, libreoffice_available


def _pdf_text(document: bytes) -> str:
    """The PDF's text with whitespace normalised: where a line wraps depends on the fonts."""
    text = subprocess.run(["pdftotext", "-", "-"], input=document, capture_output=True,
                          check=True).stdout.decode("utf-8")
    return " ".join(text.split())


def _page_count(document: bytes) -> int:
    info = subprocess.run(["pdfinfo", "-"], input=document, capture_output=True, check=True).stdout.decode()
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


@pytest.mark.libreoffice
@pytest.mark.parametrize("key", ["iop", "annual"])
@pytest.mark.parametrize("signed", [False, True], ids=["utkast", "undertecknad"])
def test_each_template_converts_to_a_pdf_a_with_its_text_in_swedish_formats(
        render, sample, annual_sample, key, signed):
    data = sample if key == "iop" else annual_sample
    document = convert_to_pdf(render(data, key=key, signed=signed))
    assert document.startswith(b"%PDF") and b"pdfaid:part" in document
    text = _pdf_text(document)
    pages = _page_count(document)
    assert pages >= 2
    assert data["title"] in text
    assert f"Sida 1 av {pages}" in text and f"Sida {pages} av {pages}" in text
    assert "250 000 kr" in text and "1 januari 2027" in text
    assert "Diarienummer: KS 2026/0123" in text
    assert ("UTKAST" in text) is (not signed)
    assert ("Lena Lind" in text) is signed
    if key == "iop":
        assert "31 december 2029" in text and "1 200" in text and "24 november 2026" in text


@pytest.mark.libreoffice
def test_a_plain_pdf_can_be_asked_for(render, sample):
    document = convert_to_pdf(render(sample), pdfa=False)
    assert document.startswith(b"%PDF") and b"pdfaid:part" not in document


def test_a_missing_libreoffice_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(pdf, "SOFFICE", "soffice-som-inte-finns")
    assert libreoffice_available() is False
    with pytest.raises(PdfConversionError, match="LibreOffice .* är inte installerat"):
        convert_to_pdf(b"PK")


@pytest.mark.libreoffice
def test_a_conversion_that_takes_too_long_is_stopped_with_a_clear_error(render, sample):
    with pytest.raises(PdfConversionError, match="svarade inte inom"):
        convert_to_pdf(render(sample), timeout=0.2)
