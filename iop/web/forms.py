"""Forms on pages: what the user typed, the errors beside each field, and the one way a
posted form is saved.

A page form goes through the same marshmallow schema and service as the API: the view
turns the posted strings (`posted()`) into the schema's input, and `form_page()` (or
`submit()`, for a form that sits on a larger page) loads it with the schema, calls one
service function and commits once. Any `Invalid` or `Conflict` (from the schema or from a
service) lands in `FormState.fail()`, which keys each message to the field it belongs to;
a save from a page opened at an older version (`Versioned`) is answered the same way on
every page: what the user typed stays, the other save's value is shown beside it
(`differences()`), *Spara* overwrites and *Ladda om* discards. A refused save is rolled
back here and nowhere else. Field names are flat:
`contacts-0-email` is the e-mail of the first row of the repeated `contacts` rows,
the same path marshmallow reports (`{"contacts": {0: {"email": [...]}}}`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

import marshmallow as ma
from flask import redirect, render_template, request
from sqlalchemy.orm.exc import StaleDataError

from iop.errors import Conflict, DomainError, Invalid, PreconditionFailed
from iop.extensions import db

REQUIRED = ma.fields.Field.default_error_messages["required"]
NULL = ma.fields.Field.default_error_messages["null"]  # an emptied field sent as None
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
        plain = [self.missing.get(generic, m) if m in (REQUIRED, NULL) else m for m in messages]
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

    def take_rows(self, prefix: str, fields: Sequence[str], *,
                  preset: Sequence[str] = ()) -> list[dict[str, str]]:
        """The filled rows `prefix-N-field`, renumbered from 0 and followed by empty ones.

        A row whose visible fields are all empty is dropped (a hidden `id` alone does
        not keep it, nor does a `preset` field: a choice that always has a value). One
        empty row always follows, so a row can be added without JavaScript; the add-row
        button keeps the empty rows there were and adds one, the remove-row button
        (`prefix-N`) drops row N.
        """
        found: dict[int, dict[str, str]] = {}
        for key in list(self.values):
            row = _ROW.match(key)
            if row and row["prefix"] == prefix and row["field"] in fields:
                found.setdefault(int(row["index"]), {})[row["field"]] = self.values.pop(key)
        removed = self.row_action.get("remove_row", "")
        if removed.startswith(f"{prefix}-") and removed[len(prefix) + 1:].isdigit():
            found.pop(int(removed[len(prefix) + 1:]), None)
        visible = [f for f in fields if f != "id" and f not in preset]
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
        raise PreconditionFailed(STALE)


# -- one way to take a posted form -----------------------------------------------------------------


def posted(*, only: Iterable[str] | None = None, exclude: Iterable[str] = (),
           lists: Iterable[str] = ()) -> dict[str, str]:
    """The posted fields as one string each, the CSRF token left out.

    `only` keeps just those fields (an absent one as ""), `exclude` drops buttons that steer
    the view rather than carry a value, and a `lists` field (ticked checkboxes) is its
    values joined by spaces.
    """
    lists = tuple(lists)
    if only is not None:
        values = {name: request.form.get(name, "") for name in only if name not in lists}
    else:
        skip = {"csrf_token", *exclude, *lists}
        values = {k: v for k, v in request.form.items() if k not in skip}
    for name in lists:
        values[name] = " ".join(request.form.getlist(name))
    return values


def integer(text: str):
    """A whole number as a number; anything else as typed, for the schema to refuse in words."""
    text = text.strip()
    if not text:
        return None
    return int(text) if re.fullmatch(r"[0-9]{1,12}", text) else text


@dataclass(frozen=True)
class Versioned:
    """How a form over a versioned record answers a save from a page opened at an older version.

    `current` reads the version stored now, `stored` the record as the form shows it; the
    `fields` and repeated `rows` (prefix -> row fields) are compared, each value put in
    words by `shown(field, value)` (a choice by its label, a ticked box as Ja/Nej).
    """

    current: Callable[[], int]
    stored: Callable[[], Mapping[str, str]]
    fields: Sequence[str]
    rows: Mapping[str, Sequence[str]] = dataclass_field(default_factory=dict)
    shown: Callable[[str, str], str] | None = None


def differences(form: FormState, versioned: Versioned) -> list[tuple[str, str, str]]:
    """(label, saved now, in the form) for each field and group of rows where the two differ."""
    stored = versioned.stored()
    shown = versioned.shown or (lambda name, value: value)
    found = []
    for name in versioned.fields:
        saved, typed = (shown(name, (values.get(name) or "").strip()) for values in (stored, form.values))
        if saved != typed:
            found.append((form.label(name), saved, typed))
    for prefix, fields in versioned.rows.items():
        saved, typed = (_row_lines(prefix, fields, values, shown) for values in (stored, form.values))
        if saved != typed:
            found.append((form.label(prefix), "; ".join(saved), "; ".join(typed)))
    return found


def _row_lines(prefix: str, fields: Sequence[str], values: Mapping[str, str], shown) -> list[str]:
    lines, index = [], 0
    while any(f"{prefix}-{index}-{name}" in values for name in fields):
        parts = [shown(name, (values.get(f"{prefix}-{index}-{name}") or "").strip()) for name in fields]
        if any(parts):
            lines.append(", ".join(p for p in parts if p))
        index += 1
    return lines


@dataclass
class Outcome:
    """What became of a submitted form: the save's result, or the status to show the form with."""

    ok: bool
    result: Any = None
    status: int = 200
    differences: list[tuple[str, str, str]] | None = None  # set when another save came first


STALE = "Någon annan har ändrat uppgifterna sedan du öppnade sidan."


def submit(form: FormState, save: Callable[..., Any], *, schema: ma.Schema | None = None,
           data: Mapping | Callable[[], Mapping] | None = None, versioned: Versioned | None = None,
           keep: bool = True) -> Outcome:
    """Check the version, load `data` through the API's `schema`, call `save` and commit once.

    `save` gets the loaded data (or nothing without a schema). A refusal (`Invalid`,
    `Conflict`) lands beside the fields it names; a save from a stale page keeps what the
    user typed, lists what differs from the save that came first, and moves the form's
    version on, so that saving again overwrites on purpose. `keep=False` checks and undoes:
    the first step of a confirmation. Everything refused is rolled back here, and only here.
    """
    failure: DomainError | None = None
    try:
        if versioned is not None:
            require_version(current=versioned.current(), submitted=form.value("version"))
        result = save(load_form(schema, data() if callable(data) else data or {})) if schema else save()
        if keep:
            db.session.commit()
            return Outcome(True, result)
    except (Invalid, Conflict, PreconditionFailed) as error:
        failure = error
    except StaleDataError:  # the other save landed between the version check and the commit
        failure = PreconditionFailed(STALE)
    db.session.rollback()
    if failure is None:
        return Outcome(True, result)
    form.fail(failure)
    if isinstance(failure, PreconditionFailed) and versioned is not None:
        found = differences(form, versioned)
        form.values["version"] = str(versioned.current())  # the next save is on what the user has now seen
        return Outcome(False, status=409, differences=found)
    # The status the API gives the same refusal: 422 for bad input, 409 for a clash with what is stored.
    return Outcome(False, status=409 if isinstance(failure, PreconditionFailed) else failure.status)


def form_page(render: str | Callable[..., Any], *, form: FormState, save: Callable[..., Any],
              done: Callable[[Any], Any], schema: ma.Schema | None = None,
              data: Mapping | Callable[[], Mapping] | None = None, versioned: Versioned | None = None,
              context: Mapping | Callable[[], Mapping] | None = None):
    """A page with one form: shown on GET (and on a post that only adds or removes a row),
    submitted on POST (see `submit`), and after a good save `done(result)`: a URL to go to,
    or a response. A refused save shows the form again with its errors and, after a stale
    save, `differences` (see the `stale` macro).

    `render` is a template (given `form`, `differences` and `context`) or a function
    called with `status=` and `differences=` for a form that sits on a larger page.
    """
    status, found = 200, None
    if request.method == "POST" and not form.reshaping:
        outcome = submit(form, save, schema=schema, data=data, versioned=versioned)
        if outcome.ok:
            answer = done(outcome.result)
            return redirect(answer) if isinstance(answer, str) else answer
        status, found = outcome.status, outcome.differences
    if callable(render):
        return render(status=status, differences=found)
    extra = context() if callable(context) else context or {}
    return render_template(render, form=form, differences=found, **extra), status
