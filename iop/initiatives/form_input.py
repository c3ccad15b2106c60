"""The initiative pages' form fields: their Swedish labels, and how posted strings become the
input of the API's schemas (`InitiativeIn`, `TransitionIn`, `NoteIn`).

Only shape is translated here (a ticked box to a list, "ja" to True, digits to a number);
whatever is wrong with the values is for the schemas and services to say.
"""

from __future__ import annotations

from iop.extensions import db
from iop.initiatives.models import OUTCOME_LABELS, Initiative, InitiativeStatus
from iop.organisations.models import Organisation
from iop.web import forms as web_forms
from iop.web.forms import FormState, Versioned

FIELDS = ("title", "description", "organisation_id", "contact_name", "contact_email", "received_on",
          "departments", "municipal_matter", "gender_equality")
# What a closed initiative may still be completed with on its edit page (the service's LINK_FIELDS).
CLOSED_FIELDS = ("gender_equality",)
LABELS = {
    "title": "Rubrik", "description": "Beskrivning", "organisation_id": "Organisation",
    "contact_name": "Kontaktperson", "contact_email": "Kontaktpersonens e-postadress",
    "received_on": "Inkom", "departments": "Berörda förvaltningar",
    "municipal_matter": "Är det en kommunal angelägenhet?",
    "department": "Ansvarig förvaltning", "outcome": "Utfall", "agreement_id": "Överenskommelse",
    "grant_reference": "Bidragets diarienummer eller beslut", "note": "Anteckning", "text": "Anteckning",
    "reason": "Skäl till ändrade förvaltningar eller inkomstdatum", "gender_equality": "Jämställdhet",
}
MISSING = {
    "title": "Ange en rubrik.", "description": "Beskriv initiativet.",
    "department": "Välj den förvaltning som ska ansvara.", "outcome": "Välj ett utfall.",
    "text": "Skriv anteckningen.", "received_on": "Ange när initiativet kom in.",
}
MATTER_CHOICES = [("ja", "Ja"), ("nej", "Nej"), ("oklart", "Oklart, nätverket bedömer det")]
_MATTER = {"ja": True, "nej": False, "oklart": None}
OUTCOME_CHOICES = [(outcome.value, label) for outcome, label in OUTCOME_LABELS.items()]


def form(values=None, *, id_prefix: str = "") -> FormState:
    return FormState(values, labels=LABELS, missing=MISSING, id_prefix=id_prefix)


def posted() -> dict[str, str]:
    """The posted fields as one string each; the ticked departments joined by spaces."""
    return web_forms.posted(lists=("departments",))


def chosen_departments(state: FormState) -> list[str]:
    return state.value("departments").split()


def initiative_input(state: FormState) -> dict:
    """The register or edit form as `InitiativeIn` input; empty fields are left out."""
    data: dict = state.input(("title", "description", "contact_name", "contact_email", "received_on"))
    data["departments"] = chosen_departments(state)
    data["organisation_id"] = web_forms.integer(state.value("organisation_id"))
    matter = state.value("municipal_matter")
    # Left empty it is unclear, as in the API; an unknown choice goes on as text for the schema to refuse.
    data["municipal_matter"] = _MATTER.get(matter, matter) if matter else None
    return data


def gender_input(state: FormState) -> dict:
    """The statement on gender equality as input: an emptied one is cleared."""
    return {"gender_equality": state.value("gender_equality").strip() or None}


def values_of(initiative: Initiative) -> dict[str, str]:
    """An initiative as its edit form shows it."""
    matter = {True: "ja", False: "nej", None: "oklart"}[initiative.municipal_matter]
    return {
        "title": initiative.title, "description": initiative.description,
        "organisation_id": str(initiative.organisation_id or ""),
        "contact_name": initiative.contact_name or "", "contact_email": initiative.contact_email or "",
        "received_on": initiative.received_on.isoformat(), "municipal_matter": matter,
        "departments": " ".join(initiative.department_codes),
        "gender_equality": initiative.gender_equality or "",
        "version": str(initiative.version),
    }


def step_input(action: str, state: FormState) -> dict:
    """One step's form as `TransitionIn` input."""
    data: dict = {"action": action, **state.input(("note",))}
    # The choice a step needs is sent even when empty, so the schema names it beside its field.
    if action == "assign":
        data["department"] = state.value("department").strip() or None
    if action == "close":
        data["outcome"] = state.value("outcome").strip() or None
        data.update(state.input(("grant_reference",)))
        if state.value("agreement_id").strip():
            data["agreement_id"] = web_forms.integer(state.value("agreement_id"))
    return data


def versioned(initiative: Initiative) -> Versioned:
    """A stale save of the edit form: its fields compared, a choice by its label."""
    matters = dict(MATTER_CHOICES)

    def shown(name: str, value: str) -> str:
        if name == "organisation_id" and value.isdigit():
            organisation = db.session.get(Organisation, int(value))
            return organisation.name if organisation else value
        return matters.get(value, value) if name == "municipal_matter" else value

    closed = initiative.status == InitiativeStatus.CLOSED
    return Versioned(current=lambda: initiative.version, stored=lambda: values_of(initiative),
                     fields=CLOSED_FIELDS if closed else FIELDS, shown=shown)
