"""The initiative page, shown by its own route and again by a refused step with the step's errors."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from iop.agreements.models import Agreement
from iop.audit import services as audit
from iop.departments.services import list_departments
from iop.extensions import db
from iop.initiatives import form_input, services
from iop.initiatives.actions import available_actions
from iop.initiatives.history import agreements_of
from iop.initiatives.models import Initiative
from iop.web.forms import FormState
from iop.web.listing import page_of

STEPS = ("note", "to_network", "assign", "close")
NOTES_SHOWN = 50
HISTORY_SIZE = 25
EVENT_LABELS = {
    "create": "Registrerades", "update": "Ändrades", "to_network": "Flyttades till nätverkets kö",
    "route_to_network": "Gick till nätverkets kö efter en ändring", "assign": "Fick en ansvarig förvaltning",
    "close": "Avslutades", "escalate": "Flaggades och gick till nätverket: svarstiden hade gått ut",
    "note_create": "Anteckning skrevs", "department_create": "Förvaltning lades till",
    "department_update": "Förvaltningarnas ordning ändrades", "department_delete": "Förvaltning togs bort",
}


def departments():
    return db.session.scalars(list_departments()).all()


def step_form(step: str, values=None) -> FormState:
    """A step's form; its fields' ids carry the step, as several forms share one page."""
    return form_input.form(values, id_prefix=f"{step}-")


def render_show(initiative: Initiative, *, forms: dict[str, FormState] | None = None, status: int = 200):
    """The initiative page; `forms` carries a refused step's form, with its errors, back to it."""
    forms = {step: step_form(step) for step in STEPS} | (forms or {})
    agreement = db.session.get(Agreement, initiative.agreement_id) if initiative.agreement_id else None
    linkable = agreements_of(initiative.organisation) if initiative.organisation else []
    notes = page_of(services.list_notes(initiative=initiative), page=1, per_page=NOTES_SHOWN)
    history = page_of(audit.list_events(entity="initiative", entity_id=initiative.id), page=1,
                      per_page=HISTORY_SIZE)
    actions = available_actions(current_user, initiative, departments())
    return render_template(
        "initiatives/show.html", initiative=initiative, forms=forms, agreement=agreement, notes=notes,
        history=history, event_labels=EVENT_LABELS, actions=actions,
        assign_choices=[(d.code, f"{d.name} ({d.code})") for d in actions.assign_to],
        agreement_choices=[(str(a["id"]), a["title"] + (f" ({a['case_number']})" if a["case_number"] else ""))
                           for a in linkable],
        outcome_choices=form_input.OUTCOME_CHOICES, overdue=services.is_overdue(initiative),
        days=services.days_to_first_handling(initiative), failed=any(f.failed for f in forms.values())), \
        status
