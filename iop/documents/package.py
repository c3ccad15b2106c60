"""A .docx as an ordered set of parts, read and written so the same parts give the same bytes.

zipfile stamps entries with the current time; a document whose bytes change from one
download to the next cannot be bound to a review by its SHA-256. Every entry here gets the
same fixed time, attributes and compression, in the order given.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

from lxml import etree

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
CONTENT_TYPES = "[Content_Types].xml"
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
HEADER = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
FOOTER = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
ENDNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"
CORE = "application/vnd.openxmlformats-package.core-properties+xml"
STORY_TYPES = (MAIN, HEADER, FOOTER, FOOTNOTES, ENDNOTES)

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class PackageError(ValueError):
    """The bytes are not a Word document."""


def read_parts(data: bytes) -> dict[str, bytes]:
    """Every part of a .docx by name, in the order of the zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = {info.filename: archive.read(info) for info in archive.infolist()
                     if not info.is_dir()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as error:
        raise PackageError(f"filen är inte ett Word-dokument (.docx): {error}") from error
    if CONTENT_TYPES not in parts or not any(parts_of_type(parts, MAIN)):
        raise PackageError("filen är inte ett Word-dokument (.docx): huvuddokumentet saknas")
    return parts


def write_parts(parts: dict[str, bytes]) -> bytes:
    """A .docx of `parts`: [Content_Types].xml first, then the given order, fixed stamps."""
    buffer = io.BytesIO()
    names = [CONTENT_TYPES] + [name for name in parts if name != CONTENT_TYPES]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            archive.writestr(info, parts[name], compresslevel=6)
    return buffer.getvalue()


def content_types(parts: dict[str, bytes]) -> dict[str, str]:
    """Part name (without the leading slash) -> content type, from the overrides."""
    root = etree.fromstring(parts[CONTENT_TYPES])
    return {
        element.get("PartName", "").lstrip("/"): element.get("ContentType", "")
        for element in root
        if etree.QName(element).localname == "Override"
    }


def parts_of_type(parts: dict[str, bytes], *types: str) -> list[str]:
    """Names of the parts with one of `types`, in package order."""
    typed = content_types(parts)
    return [name for name in parts if typed.get(name) in types]


def core_part_name(parts: dict[str, bytes]) -> str | None:
    names = parts_of_type(parts, CORE)
    return names[0] if names else None


def core_properties(*, title: str, subject: str, creator: str, identifier: str, revision: int) -> bytes:
    """docProps/core.xml without dates: a creation time would make every rendering differ."""
    return XML_DECLARATION + (
        '<cp:coreProperties'
        ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:dcmitype="http://purl.org/dc/dcmitype/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title>"
        f"<dc:subject>{escape(subject)}</dc:subject>"
        f"<dc:creator>{escape(creator)}</dc:creator>"
        f"<dc:identifier>{escape(identifier)}</dc:identifier>"
        "<dc:language>sv-SE</dc:language>"
        f"<cp:revision>{int(revision)}</cp:revision>"
        "</cp:coreProperties>"
    ).encode()
