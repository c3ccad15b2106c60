"""The drafting form's steps, and the translation between their fields and the API's input.

A page posts strings; `AgreementContent` wants numbers, dates, lists and None for an
emptied field. This module turns one into the other and back, and nothing more: what
is allowed is decided by the schema and the services, as for the API.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from iop.agreements.content import PARTY_LABELS, RESOURCE_TYPE_LABELS, number
from iop.agreements.models import Agreement, Kind, Per
from iop.web.forms import FormState, Versioned, integer


@dataclass(frozen=True)
class Row:
    """A repeated group of fields, posted as `prefix-N-field`."""

    prefix: str
    fields: tuple[str, ...]
    label: str  # one row, numbered: "Resurs 1"
    preset: tuple[str, ...] = ()  # choices that always have a value and so do not make a row filled


@dataclass(frozen=True)
class Step:
    key: str  # in the address: /overenskommelser/7/utkast/resurser
    title: str
    texts: tuple[str, ...] = ()
    integers: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()  # checkboxes: unticked is False
    rows: tuple[Row, ...] = ()

    @property
    def fields(self) -> tuple[str, ...]:
        return (*self.texts, *self.integers, *self.dates, *self.flags)


ORGANISATIONS = Row("organisations", ("organisation_id",), "Organisation")
RESOURCES = Row("resources",
                ("party", "organisation_id", "type", "description", "amount_sek", "hours", "per"),
                "Resurs", preset=("per",))
MILESTONES = Row("milestones", ("date", "title"), "Milstolpe")
FOLLOW_UPS = Row("follow_ups", ("date", "title"), "Uppföljning")

IOP_TEXTS = ("challenge", "purpose", "added_value", "market_assessment", "background", "governance")
ANNUAL_TEXTS = ("purpose", "activities", "background")

STEPS = (
    Step("mall", "Mall och ärende", texts=("title", "case_number")),
    Step("parter", "Parter", texts=("responsible_email",), rows=(ORGANISATIONS,)),
    Step("innehall", "Utmaning och mervärde"),  # its texts depend on the kind: content_texts()
    Step("resurser", "Resurser", flags=("general_economic_interest",), rows=(RESOURCES,)),
    Step("tidplan", "Tidplan och uppföljning", texts=("follow_up_description",),
         integers=("notice_period_months", "extension_months", "max_extensions"),
         dates=("start_date", "end_date"), flags=("automatic_extension",), rows=(MILESTONES, FOLLOW_UPS)),
)
CHECK = Step("kontroll", "Kontrollera och skicka")
ORDER = (*STEPS, CHECK)
BY_KEY = {step.key: step for step in ORDER}

# Where each field is edited: the check page links a missing field to its step.
FIELD_STEPS = {
    **{name: step.key for step in STEPS for name in (*step.fields, *(r.prefix for r in step.rows))},
    **{name: "innehall" for name in (*IOP_TEXTS, *ANNUAL_TEXTS)},
    "resources.municipality": "resurser", "resources.organisation": "resurser",
}

LABELS = {
    "template": "Mall", "title": "Titel", "case_number": "Diarienummer", "department": "Förvaltning",
    "responsible_email": "Ansvarig handläggare", "organisations": "Organisationer",
    "organisations-organisation_id": "Organisation",
    "challenge": "Samhällsutmaningen", "purpose": "Mål och syfte", "added_value": "Organisationens mervärde",
    "market_assessment": "Marknadsbedömning", "background": "Bakgrund",
    "governance": "Organisation och styrning", "activities": "Organisationens verksamhet",
    "resources": "Resurser", "resources-party": "Part", "resources-organisation_id": "Organisation",
    "resources-type": "Slag av resurs", "resources-description": "Beskrivning",
    "resources-amount_sek": "Belopp", "resources-hours": "Timmar", "resources-per": "Avser",
    "general_economic_interest": "Tjänst av allmänt ekonomiskt intresse (SGEI)",
    "start_date": "Startdatum", "end_date": "Slutdatum", "notice_period_months": "Uppsägningstid",
    "extension_months": "Förlängning per gång", "max_extensions": "Högsta antal förlängningar",
    "automatic_extension": "Förlängs automatiskt", "follow_up_description": "Hur verksamheten följs upp",
    "milestones": "Milstolpar", "milestones-date": "Datum", "milestones-title": "Vad ska vara klart",
    "follow_ups": "Uppföljningar", "follow_ups-date": "Datum", "follow_ups-title": "Vad följs upp",
    "version": "Version", "resources.municipality": "Resurs från kommunen",
    "resources.organisation": "Resurs från organisationen",
}
MISSING = {
    "template": "Välj en mall.", "title": "Ange en titel.",
    "resources-party": "Välj vilken part som bidrar.", "resources-type": "Välj slag av resurs.",
    "milestones-date": "Ange datum för milstolpen.", "milestones-title": "Beskriv milstolpen.",
    "follow_ups-date": "Ange datum för uppföljningen.", "follow_ups-title": "Beskriv uppföljningen.",
}
ROW_LABELS = {row.prefix: row.label for step in STEPS for row in step.rows}

PARTY_CHOICES = [(party.value, label) for party, label in PARTY_LABELS.items()]
TYPE_CHOICES = [(kind.value, label) for kind, label in RESOURCE_TYPE_LABELS.items()]
PER_CHOICES = [(Per.YEAR.value, "Per år"), (Per.TOTAL.value, "Totalt för hela perioden")]


def content_texts(kind: Kind | str) -> tuple[str, ...]:
    return IOP_TEXTS if Kind(kind) == Kind.IOP else ANNUAL_TEXTS


def title_of(step: Step, kind: Kind | str | None) -> str:
    """The step's title; the content step of an annual agreement is about purpose and activities."""
    if step.key == "innehall" and kind is not None and Kind(kind) == Kind.ANNUAL:
        return "Syfte och verksamhet"
    return step.title


def texts_of(step: Step, kind: Kind | str) -> tuple[str, ...]:
    return content_texts(kind) if step.key == "innehall" else step.texts


def next_step(step: Step) -> Step:
    return ORDER[min(ORDER.index(step) + 1, len(ORDER) - 1)]


def form_for(values=None) -> FormState:
    return FormState(values, labels=LABELS, missing=MISSING, row_labels=ROW_LABELS)


# -- from the agreement to the form -----------------------------------------------------------


def values_of(agreement: Agreement) -> dict[str, str]:
    """Every field of every step as the form shows it, with the version the page was opened at."""
    values = {"version": str(agreement.version), "template": agreement.template_key}
    for name in (*{t for s in STEPS for t in s.texts}, *IOP_TEXTS, *ANNUAL_TEXTS):
        values[name] = getattr(agreement, name) or ""
    for name in STEPS[4].integers:
        value = getattr(agreement, name)
        values[name] = "" if value is None else str(value)
    for name in STEPS[4].dates:
        value = getattr(agreement, name)
        values[name] = value.isoformat() if value else ""
    for name in ("general_economic_interest", "automatic_extension"):
        values[name] = "1" if getattr(agreement, name) else ""
    for index, party in enumerate(agreement.parties):
        values[f"organisations-{index}-organisation_id"] = str(party.organisation_id)
    for index, resource in enumerate(agreement.resources):
        values.update({
            f"resources-{index}-party": resource.party.value, f"resources-{index}-type": resource.type.value,
            f"resources-{index}-organisation_id": str(resource.organisation_id or ""),
            f"resources-{index}-description": resource.description or "",
            f"resources-{index}-amount_sek": _shown_number(resource.amount_sek),
            f"resources-{index}-hours": _shown_number(resource.hours),
            f"resources-{index}-per": resource.per.value})
    for prefix in ("milestones", "follow_ups"):
        for index, item in enumerate(getattr(agreement, prefix)):
            values[f"{prefix}-{index}-date"] = item.date.isoformat()
            values[f"{prefix}-{index}-title"] = item.title
    return values


def _shown_number(value) -> str:
    shown = number(value)
    return "" if shown is None else str(shown).replace(".", ",")


# -- from the form to the API's input ---------------------------------------------------------


def take_rows(form: FormState, step: Step) -> dict[str, list[dict[str, str]]]:
    """The step's filled rows (call before rendering, so one empty row follows each group)."""
    return {row.prefix: form.take_rows(row.prefix, row.fields, preset=row.preset) for row in step.rows}


def content_input(step: Step, form: FormState, rows: dict[str, list[dict[str, str]]],
                  kind: Kind | str) -> dict:
    """The step's fields as `AgreementContent` input: an emptied field is None, so it is cleared."""
    data: dict = {}
    for name in texts_of(step, kind):
        data[name] = form.value(name) if form.value(name).strip() else None
    for name in step.integers:
        data[name] = integer(form.value(name))
    for name in step.dates:
        data[name] = form.value(name).strip() or None
    for name in step.flags:
        data[name] = form.value(name) in ("1", "on", "true")
    if "organisations" in rows:
        data["organisations"] = [integer(r.get("organisation_id", "")) for r in rows["organisations"]]
    if "resources" in rows:
        data["resources"] = [_resource(r) for r in rows["resources"]]
    for prefix in ("milestones", "follow_ups"):
        if prefix in rows:
            data[prefix] = [{k: v for k, v in r.items() if v.strip()} for r in rows[prefix]]
    return data


def create_input(form: FormState, *, with_department: bool) -> dict:
    names = ("template", "title", "case_number", *(("department",) if with_department else ()))
    return form.input(names)


def _resource(row: dict[str, str]) -> dict:
    item = {k: row[k] for k in ("party", "type", "description", "per") if row.get(k, "").strip()}
    item["organisation_id"] = integer(row.get("organisation_id", ""))
    item["amount_sek"] = _amount(row.get("amount_sek", ""))
    item["hours"] = _amount(row.get("hours", ""))
    return item


_SPACES = re.compile(r"[\s\u00a0\u202f]")


def _amount(text: str):
    """`250 000`, `1200,50` or `1200.5` as a number (spaces between thousands, comma or point)."""
    text = _SPACES.sub("", text).removesuffix("kr")
    if not text:
        return None
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return text
    return number(value) if value.is_finite() else text


def remap_errors(form: FormState) -> None:
    """An organisation list item's error belongs beside that row's select."""
    for name in [n for n in form.errors if re.fullmatch(r"organisations-\d+", n)]:
        form.errors[f"{name}-organisation_id"] = form.errors.pop(name)


def versioned(agreement: Agreement, step: Step,
              organisation_names: Callable[[], dict[str, str]]) -> Versioned:
    """How a stale save of `step` is answered: the step's own fields compared, as the user reads them."""

    def shown(name: str, value: str) -> str:
        if name in step.flags:
            return "Ja" if value in ("1", "on", "true") else "Nej"
        return organisation_names().get(value, value) if name == "organisation_id" else value

    return Versioned(current=lambda: agreement.version, stored=lambda: values_of(agreement),
                     fields=(*texts_of(step, agreement.kind), *step.integers, *step.dates, *step.flags),
                     rows={row.prefix: [f for f in row.fields if f not in row.preset] for row in step.rows},
                     shown=shown)
