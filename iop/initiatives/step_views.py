"""The steps and notes posted from the initiative page: to the network, assign, close, add a note.

Routes are listed in `iop.initiatives.views`. Who may take a step is asked of
`access.require_change` before the form is read, so a post the page did not offer gets
403 whatever it carries; the rest is the transitions' and services' own checking.
A refused step shows the initiative page again with the errors beside that step's fields.
"""

from __future__ import annotations

from flask import flash, url_for
from flask_login import current_user

from iop.initiatives import access, form_input, services, transitions
from iop.initiatives.models import OUTCOME_LABELS
from iop.initiatives.page import render_show, step_form
from iop.initiatives.schemas import NoteIn, TransitionIn
from iop.web.forms import form_page


def to_network(initiative_id: int):
    return _step(initiative_id, "to_network", lambda i: "Initiativet ligger nu i nätverkets kö.")


def assign(initiative_id: int):
    return _step(initiative_id, "assign",
                 lambda i: f"{i.assigned_department.name} ansvarar nu för initiativet.")


def close(initiative_id: int):
    return _step(initiative_id, "close", lambda i: f"Initiativet är avslutat: {OUTCOME_LABELS[i.outcome]}.")


def add_note(initiative_id: int):
    initiative = services.get_initiative(initiative_id=initiative_id)
    state = step_form("note", form_input.posted())

    def done(_) -> str:
        flash("Anteckningen är sparad.", "success")
        return url_for(".show", initiative_id=initiative.id, _anchor="anteckningar")

    def render(status: int, differences=None):
        return render_show(initiative, forms={"note": state}, status=status)

    return form_page(render, form=state, schema=NoteIn(), data=lambda: state.input(("text",)),
                     save=lambda data: services.add_note(initiative=initiative, by=current_user, **data),
                     done=done)


def _step(initiative_id: int, action: str, message):
    initiative = services.get_initiative(initiative_id=initiative_id)
    access.require_change(current_user, initiative)
    state = step_form(action, form_input.posted())

    def done(_) -> str:
        flash(message(initiative), "success")
        return url_for(".show", initiative_id=initiative.id)

    def render(status: int, differences=None):
        return render_show(initiative, forms={action: state}, status=status)

    def save(data: dict):
        return transitions.transition_initiative(initiative=initiative, by=current_user, **data)

    return form_page(render, form=state, schema=TransitionIn(), save=save, done=done,
                     data=lambda: form_input.step_input(action, state))
