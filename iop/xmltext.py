"""Text as an XML file (.docx, .xlsx) can hold it.

New text with control characters is refused at the door (iop.schemas.Text), but rows
stored before that rule, and imported files, may still hold them; XML 1.0 cannot, and
openpyxl and python-docx raise on them. The writers pass text through `xml_text`.
"""

from __future__ import annotations

import dataclasses
import enum
import re

# What XML 1.0 forbids (C0 but tab, LF, CR; lone surrogates; U+FFFE/U+FFFF) and the C1 range,
# which XML allows but no reader shows as anything meaningful.
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_text(value):
    """`value` without the characters XML cannot hold; anything but a string as it is."""
    if isinstance(value, str) and not isinstance(value, enum.Enum):  # a StrEnum stays itself
        return UNWRITABLE.sub("", value)
    return value


def xml_safe(value):
    """`value` (dicts, lists, tuples, dataclasses and strings, nested) with `xml_text` applied to
    every string."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{field.name: xml_safe(getattr(value, field.name))
                                             for field in dataclasses.fields(value) if field.init})
    if isinstance(value, dict):
        return {key: xml_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(xml_safe(item) for item in value) if not hasattr(value, "_fields") \
            else type(value)(*(xml_safe(item) for item in value))
    return xml_text(value)
