"""Forms on pages: what the user typed, the errors beside each field, and the way in.

A page form goes through the same marshmallow schema and service as the API: the view
turns the posted strings into the schema's input, `load_form()` loads it, and any
`Invalid` or `Conflict` (from the schema or from a service) lands in `FormState.fail()`,
which keys each message to the field it belongs to. Field names are flat:
`contacts-0-email` is the e-mail of the first row of the repeated `contacts` rows,
the same path marshmallow reports (`{"contacts": {0: {"email": [...]}}}`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

import marshmallow as ma
from flask import request

from iop.errors import DomainError, Invalid, PreconditionFailed

REQUIRED = ma.fields.Field.default_error_messages["required"]
_ROW = re.compile(r"^(?P<prefix>[a-z_]+)-(?P<index>\d{1,4})-(?P<field>[a-z_]+)$")


class FormState:
    """The values of one form as typed (strings), and what is wrong with them.

    `labels` names every field for the error summary (a row field by its generic
    name, `contacts-name`); `missing` gives a plainer message than the schema's
    generic "required" one for a field left empty.
    """

    def __init__(self, values: Mapping[str, str] | None = None, *, labels: Mapping[str, str] | None = None,
                 missing: Mapping[str, str] | None = None, row_labels: Mapping[str, str] | None = None,
                 id_prefix: str = ""):
        self.values: dict[str, str] = {k: "" if v is None else str(v) for k, v in (values or {}).items()}
        self.errors: dict[str, list[str]] = {}
        self.problem: str | None = None
        self.labels = dict(labels or {})
        self.missing = dict(missing or {})
        self.row_labels = dict(row_labels or {})
        self.id_prefix = id_prefix
        # The add-row and remove-row buttons post their own names; such a post reshapes the form.
        self.row_action = {key: self.values.pop(key) for key in ("add_row", "remove_row")
                           if key in self.values}
        self._row_counts: dict[str, int] = {}
        self._filled_counts: dict[str, int] = {}

    @classmethod
    def from_request(cls, **kwargs) -> FormState:
        return cls({k: v for k, v in request.form.items() if k != "csrf_token"}, **kwargs)

    # -- reading, for templates ------------------------------------------------------------

    def id(self, name: str) -> str:
        """The field's element id; its hint and error are `<id>-hint` and `<id>-error`."""
        return self.id_prefix + name

    def value(self, name: str) -> str:
        return self.values.get(name, "")

    def errors_for(self, name: str) -> list[str]:
        return self.errors.get(name, [])

    def label(self, name: str) -> str:
        """The field's label; a row's field by its own name (its row's legend says which row)."""
        row = _ROW.match(name)
        return self.labels.get(f"{row['prefix']}-{row['field']}" if row else name, name)

    def full_label(self, name: str) -> str:
        """The label with its row, as the error summary needs it: `Kontaktperson 2: E-postadress`."""
        row = _ROW.match(name)
        if row is None:
            return self.label(name)
        return f"{self.row_label(row['prefix'], int(row['index']))}: {self.label(name)}"

    def row_label(self, prefix: str, index: int) -> str:
        return f"{self.row_labels.get(prefix, prefix)} {index + 1}"

    @property
    def failed(self) -> bool:
        return bool(self.errors or self.problem)

    def summary(self) -> list[tuple[str, str, str]]:
        """(field, label, message) for every error, in the order the fields were reported."""
        return [(name, self.full_label(name), message)
                for name, messages in self.errors.items() for message in messages]

    def row_count(self, prefix: str) -> int:
        return self._row_counts.get(prefix, 0)

    def row_filled(self, prefix: str, index: int) -> bool:
        return index < self._filled_counts.get(prefix, 0)

    @property
    def reshaping(self) -> bool:
        """True when the post only added or removed a row: show the form again, save nothing."""
        return bool(self.row_action)

    # -- writing, for views ----------------------------------------------------------------

    def add_error(self, name: str, messages: Iterable[str]) -> None:
        row = _ROW.match(name)
        generic = f"{row['prefix']}-{row['field']}" if row else name
        plain = [self.missing.get(generic, m) if m == REQUIRED else m for m in messages]
        self.errors.setdefault(name, []).extend(plain)

    def fail(self, error: DomainError) -> None:
        """Show a refused save: each field's messages beside it, the rest above the form."""
        for name, messages in flatten_messages(error.errors or {}).items():
            if name == "_schema":
                self.problem = " ".join(messages)
            else:
                self.add_error(name, messages)
        if not isinstance(error, Invalid) or not self.errors:
            self.problem = error.message

    def input(self, names: Iterable[str]) -> dict[str, str]:
        """The non-empty values among `names`: an empty field is a missing one, as in the API."""
        return {name: self.values[name] for name in names if self.values.get(name, "").strip()}

    def take_rows(self, prefix: str, fields: Sequence[str]) -> list[dict[str, str]]:
        """The filled rows `prefix-N-field`, renumbered from 0 and followed by empty ones.

        A row whose visible fields are all empty is dropped (a hidden `id` alone does
        not keep it). One empty row always follows, so a row can be added without
        JavaScript; the add-row button keeps the empty rows there were and adds one,
        the remove-row button (`prefix-N`) drops row N.
        """
        found: dict[int, dict[str, str]] = {}
        for key in list(self.values):
            row = _ROW.match(key)
            if row and row["prefix"] == prefix and row["field"] in fields:
                found.setdefault(int(row["index"]), {})[row["field"]] = self.values.pop(key)
        removed = self.row_action.get("remove_row", "")
        if removed.startswith(f"{prefix}-") and removed[len(prefix) + 1:].isdigit():
            found.pop(int(removed[len(prefix) + 1:]), None)
        visible = [f for f in fields if f != "id"]
        rows = [found[i] for i in sorted(found)]
        filled = [r for r in rows if any(r.get(f, "").strip() for f in visible)]
        blank = len(rows) - len(filled) + 1 if self.row_action.get("add_row") == prefix else 1
        for index, row in enumerate(filled):
            for field, value in row.items():
                self.values[f"{prefix}-{index}-{field}"] = value
        self._filled_counts[prefix] = len(filled)
        self._row_counts[prefix] = len(filled) + max(blank, 1)
        return filled


def flatten_messages(messages, prefix: str = "") -> dict[str, list[str]]:
    """marshmallow's nested messages keyed by flat field name: `contacts-0-email`."""
    flat: dict[str, list[str]] = {}
    if not isinstance(messages, Mapping):
        listed = messages if isinstance(messages, list) else [messages]
        return {prefix or "_schema": [str(m) for m in listed]}
    for key, value in messages.items():
        name = f"{prefix}-{key}" if prefix else str(key)
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if isinstance(item, Mapping):  # `Invalid` wraps a nested dict in a list
                flat.update(flatten_messages(item, name))
            else:
                flat.setdefault(name, []).append(str(item))
    return flat


def load_form(schema: ma.Schema, data: dict) -> dict:
    """Load page input through the API's schema; its errors become an `Invalid` keyed by field."""
    try:
        return schema.load(data)
    except ma.ValidationError as error:
        raise Invalid(flatten_messages(error.messages)) from error


def require_version(*, current: int, submitted: str) -> None:
    """A save based on an older version than the stored one is refused, never merged silently.

    The page's counterpart of If-Match: the form carries the version it was opened at.
    """
    if submitted.strip() != str(current):
        raise PreconditionFailed("Någon annan har ändrat uppgifterna sedan du öppnade sidan.")
