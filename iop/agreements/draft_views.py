"""Drafting on the web: template → parties → content → resources → timeline → check and submit.

Each step saves the draft through `services.update_agreement` (a new revision when
anything changed); the draft may stay incomplete until it is submitted. A page carries
the version it was opened at, so a save from a stale page is refused, never merged.
Routes are listed in `iop.agreements.views`.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from iop.agreements import services, steps, transitions
from iop.agreements.access import ensure_may_write
from iop.agreements.legality import legality_warnings
from iop.agreements.lifecycle import STATUS_LABELS
from iop.agreements.models import Agreement, Status
from iop.agreements.schemas import AgreementCreate, agreement_change
from iop.auth.models import User
from iop.auth.services import list_users
from iop.departments.services import list_departments
from iop.documents.services import list_templates
from iop.errors import NotFound
from iop.extensions import db
from iop.organisations.services import list_organisations
from iop.roles import Role
from iop.sorting import swedish_key
from iop.web.forms import FormState, form_page, posted, submit


def _chooses_department() -> bool:
    """Admins draft for any department; everyone else for their own, without asking."""
    return current_user.role == Role.ADMIN


def new():
    form = steps.form_for(posted())

    def done(agreement: Agreement) -> str:
        flash(f"Utkastet är skapat som revision {agreement.revision}. Fortsätt med parterna.", "success")
        return url_for(".step", agreement_id=agreement.id, step_key="parter")

    return form_page(lambda **answer: _render_step(form, steps.STEPS[0], None, **answer), form=form,
                     schema=AgreementCreate(),
                     data=lambda: steps.create_input(form, with_department=_chooses_department()),
                     save=lambda data: services.draft_agreement(author=current_user, **data), done=done)


def step(agreement_id: int, step_key: str):
    current = steps.BY_KEY.get(step_key)
    if current is None or current is steps.CHECK:
        raise NotFound(f"Steget {step_key} finns inte.")
    agreement = _draft(agreement_id)
    if not isinstance(agreement, Agreement):
        return agreement
    values = steps.values_of(agreement) if request.method == "GET" else posted()
    if request.method == "GET" and current.key == "parter":
        _choose_new_organisation(values, request.args.get("organisation_id", ""))
    form = steps.form_for(values)
    rows = steps.take_rows(form, current)
    before = agreement.revision
    warned_before = {w.code for w in _step_warnings(agreement, current)}

    def done(agreement: Agreement) -> str:
        if agreement.revision != before:
            flash(f"Utkastet är sparat som revision {agreement.revision}.", "success")
        else:
            flash("Inget var ändrat, så ingen ny revision sparades.", "info")
        if {w.code for w in _step_warnings(agreement, current)} - warned_before:
            # A rule this step's fields break is shown here, on the first save, not only on the last step.
            flash("Kontrollera varningen nedan innan du går vidare. Utkastet är sparat.", "warning")
            return _step_url(agreement, current)
        if "new_organisation" in request.form:
            # The draft is saved: register the organisation, then come back here with it chosen.
            return url_for("organisations.new", next=_step_url(agreement, current))
        target = steps.next_step(current) if "continue" in request.form else current
        return _step_url(agreement, target)

    def render(**answer):
        steps.remap_errors(form)
        return _render_step(form, current, agreement, **answer)

    return form_page(render, form=form, schema=agreement_change(),
                     data=lambda: steps.content_input(current, form, rows, agreement.kind),
                     save=lambda data: services.update_agreement(agreement=agreement, author=current_user,
                                                                 **data),
                     done=done, versioned=steps.versioned(agreement, current, _organisation_names))


def check(agreement_id: int):
    agreement = _draft(agreement_id)
    if not isinstance(agreement, Agreement):
        return agreement
    form = steps.form_for({"version": str(agreement.version)} if request.method == "GET" else posted())
    missing, status = transitions.missing_for_submit(agreement), 200
    if request.method == "POST":
        outcome = submit(form, lambda: transitions.submit_agreement(agreement=agreement, actor=current_user),
                         versioned=steps.versioned(agreement, steps.CHECK, _organisation_names))
        if outcome.ok:
            flash("Överenskommelsen är skickad för juridisk granskning.", "success")
            return redirect(url_for(".show", agreement_id=agreement.id))
        # Missing fields are edited on other steps: listed with links there, not as this form's fields.
        missing = list(form.errors) or missing
        form.errors.clear()
        status = outcome.status
    return render_template("agreements/check.html", form=form, agreement=agreement, step=steps.CHECK,
                           steps=steps, missing=missing, warnings=legality_warnings(agreement), edit=True,
                           texts=[(steps.LABELS[name], getattr(agreement, name))
                                  for name in steps.content_texts(agreement.kind)],
                           template=_template_name(agreement.template_key)), status


def _step_warnings(agreement: Agreement, current: steps.Step) -> list:
    """The legality warnings about fields edited on `current`, e.g. a term over the limit on Tidplan."""
    return [w for w in legality_warnings(agreement)
            if w.field and steps.FIELD_STEPS.get(w.field.split(".")[0]) == current.key]


def _choose_new_organisation(values: dict, organisation_id: str) -> None:
    """Add the organisation just registered from this step as a party row (saved with the step)."""
    if not organisation_id.isdigit():
        return
    chosen = [v for k, v in values.items() if k.startswith("organisations-")]
    if organisation_id in chosen or organisation_id not in _organisation_names():
        return
    values[f"organisations-{len(chosen)}-organisation_id"] = organisation_id
    flash(f"{_organisation_names()[organisation_id]} är vald. Spara steget för att lägga till den som part.",
          "info")


def _responsible_choices(agreement: Agreement, current: str) -> list[tuple[str, str]]:
    """The department's active users, by name; a responsible officer no longer among them stays shown."""
    users = db.session.scalars(list_users().where(User.department_id == agreement.department_id,
                                                  User.active.is_(True))).all()
    choices = sorted(((u.email, f"{u.name} ({u.email})" if u.name else u.email) for u in users),
                     key=lambda choice: swedish_key(choice[1]))
    if current and current not in {email for email, _ in choices}:
        choices.insert(0, (current, current))
    return choices


def _draft(agreement_id: int):
    """The draft to edit, or where to go instead: only its department writes, only a draft changes."""
    agreement = services.get_agreement(agreement_id=agreement_id)
    ensure_may_write(current_user, agreement.department)
    if agreement.status != Status.DRAFT:
        flash("Bara ett utkast kan ändras. Överenskommelsen har status "
              f"”{STATUS_LABELS[agreement.status].lower()}” och visas här som den är.", "warning")
        return redirect(url_for(".show", agreement_id=agreement.id))
    return agreement


def _step_url(agreement: Agreement, target: steps.Step) -> str:
    if target is steps.CHECK:
        return url_for(".check", agreement_id=agreement.id)
    return url_for(".step", agreement_id=agreement.id, step_key=target.key)


def _render_step(form: FormState, current: steps.Step, agreement: Agreement | None, *, status: int = 200,
                 differences=None):
    organisations = db.session.scalars(list_organisations(sort="name")).all()
    departments = db.session.scalars(list_departments()).all() if _chooses_department() else []
    return render_template(
        "agreements/step.html", form=form, step=current, agreement=agreement, steps=steps,
        texts=steps.texts_of(current, agreement.kind) if agreement else (),
        template_choices=[(t.key, t.name) for t in list_templates()],
        template=_template_name(agreement.template_key) if agreement else None,
        organisations=[(str(o.id), f"{o.name} ({o.org_number})") for o in organisations],
        party_organisations=[(str(p.organisation_id), p.organisation.name) for p in agreement.parties]
        if agreement else [],
        departments=[(d.code, f"{d.name} ({d.code})") for d in departments],
        step_warnings=_step_warnings(agreement, current) if agreement else [],
        responsible_choices=_responsible_choices(agreement, form.value("responsible_email"))
        if agreement else [],
        differences=differences), status


def _template_name(key: str) -> str:
    return next((t.name for t in list_templates() if t.key == key), key)


def _organisation_names() -> dict[str, str]:
    return {str(o.id): o.name for o in db.session.scalars(list_organisations(sort="name"))}
