"""Every file the service sends: one safe Content-Disposition (RFC 6266 with RFC 5987's filename*).

A name that reaches a header is made by the service, but it may still carry a case number
or a title with any characters: the plain `filename` gets ASCII letters, digits, `.`, `-`
and `_` only, and `filename*` the full name percent-encoded as UTF-8, so no quote, semicolon,
CR/LF or non-Latin-1 character can end the header, add a parameter or stall the response.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from flask import Response

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
EXTENSIONS = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg", "image/tiff": ".tif",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx"}


def ascii_name(name: str, fallback: str = "fil") -> str:
    """`Avtal – signerat.pdf` -> `Avtal-signerat.pdf`: letters without accents, the rest `-`."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    plain = _UNSAFE.sub("-", plain).strip("-.")[:150]
    return plain or fallback


def content_disposition(filename: str, disposition: str = "attachment") -> str:
    """`attachment; filename="..."; filename*=UTF-8''...` for any name."""
    fallback = ascii_name(filename)
    header = f'{disposition}; filename="{fallback}"'
    cleaned = "".join(c for c in filename if unicodedata.category(c)[0] != "C")
    if cleaned and cleaned != fallback:
        header += f"; filename*=UTF-8''{quote(cleaned, safe='')}"
    return header


def download(content: bytes, media_type: str, filename: str, *, disposition: str = "attachment",
             headers: dict[str, str] | None = None) -> Response:
    """A Response carrying `content` under `filename`, with the safe header."""
    disposition_header = {"Content-Disposition": content_disposition(filename, disposition)}
    return Response(content, mimetype=media_type, headers={**disposition_header, **(headers or {})})
