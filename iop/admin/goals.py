"""Municipal goals (kommunala mål): the list, adding one, editing its number, name and description,
and removing one that no agreement is tagged with. Officers tag agreements with them on the
agreement's page; the yearly report counts agreements and money per goal."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from iop.agreements import goals as services
from iop.agreements.models import MunicipalGoal
from iop.agreements.schemas import GoalIn
from iop.web.forms import FormState, Versioned, form_page, integer, posted, submit

FIELDS = ("number", "name", "description")
LABELS = {"number": "Nummer", "name": "Namn", "description": "Beskrivning"}
MISSING = {"name": "Ange målets namn."}


def _form(values=None) -> FormState:
    return FormState(values, labels=LABELS, missing=MISSING)


def _input(form: FormState) -> dict:
    """The form as `GoalIn` input: an emptied number or description is cleared, an empty name missing."""
    return {**form.input(("name",)), "number": integer(form.value("number")),
            "description": form.value("description")}


def index(refused: FormState | None = None, status: int = 200):
    """The goals with how many agreements each is tagged on; `refused`: a removal that was refused."""
    return render_template("admin/goals.html", goals=services.list_goals(), uses=services.goal_uses(),
                           refused=refused or FormState()), status


def new():
    form = _form(posted(only=FIELDS))

    def done(goal: MunicipalGoal) -> str:
        flash(f"Målet {goal.name} är tillagt.", "success")
        return url_for(".goals")

    return form_page("admin/goal_form.html", form=form, schema=GoalIn(), data=lambda: _input(form),
                     save=lambda data: services.create_goal(by=current_user, **data), done=done,
                     context={"goal": None, "uses": 0})


def values_of(goal: MunicipalGoal) -> dict[str, str]:
    return {"number": "" if goal.number is None else str(goal.number), "name": goal.name,
            "description": goal.description or "", "version": str(goal.version)}


def edit(goal_id: int):
    goal = services.get_goal(goal_id=goal_id)
    form = _form(values_of(goal) if request.method == "GET" else posted(only=(*FIELDS, "version")))

    def done(goal: MunicipalGoal) -> str:
        flash(f"Ändringarna av målet {goal.name} är sparade.", "success")
        return url_for(".goals")

    return form_page("admin/goal_form.html", form=form, schema=GoalIn(), data=lambda: _input(form),
                     save=lambda data: services.update_goal(goal=goal, by=current_user, **data), done=done,
                     versioned=Versioned(current=lambda: goal.version, stored=lambda: values_of(goal),
                                         fields=FIELDS),
                     context={"goal": goal, "uses": services.goal_uses().get(goal.id, 0)})


def delete(goal_id: int):
    """Remove a goal; one that agreements are tagged with is refused (409), the list says why."""
    goal = services.get_goal(goal_id=goal_id)
    name = goal.name
    form = FormState()
    outcome = submit(form, lambda: services.delete_goal(goal=goal, by=current_user))
    if not outcome.ok:
        return index(refused=form, status=outcome.status)
    flash(f"Målet {name} är borttaget.", "success")
    return redirect(url_for(".goals"))
