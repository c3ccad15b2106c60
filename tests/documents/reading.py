"""Reading generated documents back with python-docx, as a reviewer's Word would show them."""

from __future__ import annotations

import io

import docx
from lxml import etree

from iop.documents.package import read_parts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read(blob: bytes):
    return docx.Document(io.BytesIO(blob))


def body_paragraphs(document) -> list:
    """Every paragraph of the body, table cells included, in order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    found = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            found.append(block)
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    found.extend(cell.paragraphs)
    return found


def header_text(document) -> str:
    return "\n".join(p.text for s in document.sections for p in s.header.paragraphs)


def footer_xml(document) -> str:
    return "".join(etree.tostring(s.footer._element, encoding="unicode") for s in document.sections)


def all_text(document) -> str:
    """Body, tables, headers and footers as one text, a line per paragraph."""
    return "\n".join([p.text for p in body_paragraphs(document)] + [header_text(document)])


def headings(document, level: int = 1) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def table_rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def part_xml(blob: bytes, name: str) -> str:
    return read_parts(blob)[name].decode("utf-8")
