"""The files of a follow-up report: what they may be (by their content, not their name), how large,
and the names they are downloaded under."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from datetime import date

from iop.errors import Invalid

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PNG = "image/png"
JPEG = "image/jpeg"
EXTENSIONS = {PDF: "pdf", DOCX: "docx", PNG: "png", JPEG: "jpg"}
ACCEPT = ",".join([PDF, DOCX, PNG, JPEG, ".pdf", ".docx", ".png", ".jpg", ".jpeg"])
ALLOWED_TEXT = "PDF, Word (.docx) eller bild (PNG, JPEG)"


def media_type_of(content: bytes) -> str | None:
    """PDF, Word .docx, PNG or JPEG by the file's own bytes, else None."""
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith(b"PK\x03\x04") and _is_docx(content):
        return DOCX
    return None


def _is_docx(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, ValueError):
        return False
    return "[Content_Types].xml" in names and "word/document.xml" in names


def check_file(content: bytes, *, limit: int, field: str = "file") -> str:
    """The file's media type; Invalid when it is empty, too large or of another kind."""
    if not content:
        raise Invalid({field: ["Filen är tom."]})
    if len(content) > limit:
        raise Invalid({field: [f"Filen är för stor: högst {limit // (1024 * 1024)} MB."]})
    media_type = media_type_of(content)
    if media_type is None:
        raise Invalid({field: [f"Filen måste vara en {ALLOWED_TEXT}."]})
    return media_type


def stored_name(filename: str | None, media_type: str) -> str:
    """The name a file is kept under: its own name without any path or control characters,
    with the extension its content has."""
    base = re.split(r"[\\/]", filename or "")[-1]
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip().strip(".")
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return f"{(stem or 'aterrapport')[:150]}.{EXTENSIONS[media_type]}"


def download_name(*, agreement_id: int, follow_up_date: date, filename: str) -> str:
    """The name a file is downloaded under: which agreement and follow-up it reports on."""
    # Made by the service, as for the signed scans: the uploaded name stays data, shown escaped.
    extension = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    return f"Återrapport-{agreement_id}-{follow_up_date.isoformat()}.{extension}"
