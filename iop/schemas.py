"""Field types shared by every resource's schemas, and Swedish validation messages."""

from __future__ import annotations

import re

import marshmallow as ma

from iop import daterange


def use_swedish_messages() -> None:
    """Make marshmallow's own messages Swedish: officers read them next to form fields.

    A library-wide setting, so create_app() makes it, first of all: marshmallow copies a
    field's messages when the field is built, so this must run before any schema module
    is imported (the wiring imports them after). Running it again changes nothing.
    """
    ma.fields.Field.default_error_messages.update({
        "required": "Fältet måste fyllas i.",
        "null": "Fältet får inte vara tomt.",
        "validator_failed": "Värdet är inte giltigt.",
    })
    ma.fields.String.default_error_messages.update({"invalid": "Ange text."})
    ma.fields.Integer.default_error_messages.update({"invalid": "Ange ett heltal."})
    ma.fields.Number.default_error_messages.update({
        "invalid": "Ange ett tal.", "too_large": "Talet är för stort.",
        "special": "Ange ett vanligt tal."})
    ma.fields.Boolean.default_error_messages.update({"invalid": "Ange true eller false."})
    ma.fields.Date.default_error_messages.update({"invalid": "Ange ett datum som ÅÅÅÅ-MM-DD."})
    ma.fields.List.default_error_messages.update({"invalid": "Ange en lista."})
    ma.fields.Nested.default_error_messages.update({"type": "Ange ett objekt."})
    ma.fields.Email.default_error_messages.update({"invalid": "Ange en giltig e-postadress."})
    ma.validate.Range.message_min = "Måste vara {min_op} {{min}}."
    ma.validate.Range.message_max = "Måste vara {max_op} {{max}}."
    ma.validate.Range.message_all = "Måste vara {min_op} {{min}} och {max_op} {{max}}."
    ma.validate.Range.message_gte = "minst"
    ma.validate.Range.message_gt = "större än"
    ma.validate.Range.message_lte = "högst"
    ma.validate.Range.message_lt = "mindre än"
    ma.validate.Length.message_min = "För kort: minst {min}."
    ma.validate.Length.message_max = "För långt: högst {max}."
    ma.validate.Length.message_all = "Längden måste vara mellan {min} och {max}."
    ma.validate.Length.message_equal = "Längden måste vara exakt {equal}."
    ma.validate.OneOf.default_message = "Välj en av: {choices}."
    ma.validate.Regexp.default_message = "Värdet har fel form."
    ma.Schema._default_error_messages = {
        **ma.Schema._default_error_messages,
        "type": "Ange ett JSON-objekt.",
        "unknown": "Okänt fält.",
    }


# C0 and C1 control characters but tab, line feed and carriage return: XML (docx, xlsx)
# cannot hold them, terminals act on them, and nobody types them into a name.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class Text(ma.fields.String):
    """A string trimmed at both ends that can be stored and printed anywhere.

    NUL and lone surrogates cannot be stored in PostgreSQL text or written as UTF-8, and
    other control characters cannot be written into a .docx or .xlsx: they are refused
    here rather than failing deep inside a flush or a report.
    """

    default_error_messages = {
        "unstorable": "Texten innehåller tecken som inte kan lagras.",
        "control": "Texten innehåller ett styrtecken (till exempel U+{code:04X}); ta bort det.",
    }

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if "\x00" in text:
            raise self.make_error("unstorable")
        control = CONTROL_CHARACTERS.search(text)
        if control:
            raise self.make_error("control", code=ord(control.group()))
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as error:
            raise self.make_error("unstorable") from error
        return text


class Date(ma.fields.Date):
    """An ISO date within the service's range (IOP_DATE_MIN..IOP_DATE_MAX)."""

    default_error_messages = {"out_of_range": "{message}"}

    def _deserialize(self, value, attr, data, **kwargs):
        day = super()._deserialize(value, attr, data, **kwargs)
        message = daterange.out_of_range(day)
        if message:
            raise self.make_error("out_of_range", message=message)
        return day


class Email(Text):
    """An e-mail address, lower-cased; empty means none."""

    default_error_messages = {"invalid": "Ange en giltig e-postadress."}
    _pattern = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).lower()
        if not text:
            return None
        if len(text) > 320 or not self._pattern.match(text):
            raise self.make_error("invalid")
        return text


class StrictInteger(ma.fields.Integer):
    """An integer that is a JSON integer: 1.5, true and "1" are refused, not coerced."""

    def __init__(self, **kwargs):
        kwargs.setdefault("strict", True)
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class QueryInteger(ma.fields.Integer):
    """A whole number in a query string: plain ASCII digits, with an optional minus.

    marshmallow's Integer is Python's int(): it takes `1_0` as 10 and ` 1`, `+1` and `١`
    (an Arabic-Indic digit) as 1, none of them an integer as the OpenAPI document spells it.
    """

    _digits = re.compile(r"^-?[0-9]{1,18}$")

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not self._digits.match(str(value)):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)
