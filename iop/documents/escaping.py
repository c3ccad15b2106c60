"""What user text becomes inside a Word document: always literal text, never markup.

Jinja escapes `&`, `<`, `>` and quotes (autoescape). What it leaves are characters that XML
1.0 cannot carry at all (most control characters, lone surrogates, U+FFFE/U+FFFF), and the
four that docxtpl gives a meaning after rendering: tab (a Word tab), newline (a line break),
BEL (`\\a`, a new paragraph) and form feed (a page break). Tab and newline are what the user
typed and keep that meaning; every other control character is shown as its visible Unicode
control picture (BEL as ␇, ESC as ␛), so nothing typed can split a paragraph, break a page
or make the document unreadable.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

MISSING_TEXT = "[Ej ifyllt]"

# C0 controls except tab and newline, plus DEL: shown as U+2400 + code (U+2421 for DEL).
_C0 = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
# Not allowed in XML 1.0, or discouraged and invisible: C1 controls, surrogates, non-characters.
_UNREPRESENTABLE = re.compile("[\x80-\x9f\ud800-\udfff\ufffe\uffff]")


def _picture(match: re.Match) -> str:
    code = ord(match.group())
    return "\u2421" if code == 0x7F else chr(0x2400 + code)


def clean_text(value: str) -> str:
    """User text with Windows/old-Mac line ends made newlines and other control characters visible."""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = _C0.sub(_picture, text)
    return _UNREPRESENTABLE.sub("\ufffd", text)


def finalize(value):
    """Jinja's finalize: every `{{ value }}` passes here before it is escaped."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value  # built by our own filters, already clean and escaped
    return clean_text(value if isinstance(value, str) else str(value))


def paragraphs(value, missing: str = MISSING_TEXT) -> Markup:
    """Free text as Word paragraphs: each non-empty line becomes a paragraph of the same style.

    docxtpl turns BEL into "end this paragraph, start one with the same properties" after
    rendering; user text can never contain BEL itself (clean_text shows it as ␇).
    """
    if value is None or not str(value).strip():
        return Markup(escape(missing))
    lines = [line.rstrip() for line in clean_text(str(value)).split("\n")]
    return Markup("\a").join(escape(line) for line in lines if line.strip())
