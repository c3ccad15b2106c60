"""Organisation pages: search and list, register, view with history, edit.

Every save goes through `OrganisationIn` and the organisation services, as the API's
does; the pages only translate between form fields and that input.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from iop.audit import services as audit
from iop.errors import Conflict, Invalid, PreconditionFailed
from iop.extensions import db
from iop.followups.services import reports_of_organisation
from iop.followups.views import ASSESSMENT_LABELS
from iop.initiatives.history import organisation_history
from iop.organisations import services
from iop.organisations.models import LEGAL_FORM_LABELS, Organisation
from iop.organisations.schemas import OrganisationFilter, OrganisationIn
from iop.web.access import permission_required
from iop.web.forms import FormState, load_form, require_version
from iop.web.listing import load_filters, page_args, page_of

bp = Blueprint("organisations", __name__, url_prefix="/organisationer")

FIELDS = ("name", "org_number", "legal_form", "email", "phone", "address")
CONTACT_FIELDS = ("id", "name", "title", "email", "phone")
LABELS = {
    "name": "Namn", "org_number": "Organisationsnummer", "legal_form": "Juridisk form",
    "email": "E-postadress", "phone": "Telefon", "address": "Postadress", "contacts": "Kontaktpersoner",
    "contacts-name": "Namn", "contacts-title": "Roll eller uppdrag", "contacts-email": "E-postadress",
    "contacts-phone": "Telefon",
}
MISSING = {
    "name": "Ange organisationens namn.", "org_number": "Ange organisationsnumret.",
    "legal_form": "Välj juridisk form.", "contacts-name": "Ange kontaktpersonens namn.",
}
FILTERS = ("q", "legal_form", "sort")
FILTER_LABELS = {"q": "Namn eller organisationsnummer", "legal_form": "Juridisk form", "sort": "Ordning"}
LEGAL_FORMS = [(form.value, label) for form, label in LEGAL_FORM_LABELS.items()]
SORTS = [("newest", "Senast registrerade först"), ("name", "Namn, A–Ö")]
HISTORY_SIZE = 20
EVENT_LABELS = {
    "create": "Registrerad", "update": "Ändrad", "contact_create": "Kontaktperson tillagd",
    "contact_update": "Kontaktperson ändrad", "contact_delete": "Kontaktperson borttagen",
}


def _form(values=None) -> FormState:
    return FormState(values, labels=LABELS, missing=MISSING, row_labels={"contacts": "Kontaktperson"})


def _posted() -> dict[str, str]:
    return {k: v for k, v in request.form.items() if k != "csrf_token"}


def _values_of(organisation: Organisation) -> dict[str, str]:
    values = {name: getattr(organisation, name) or "" for name in FIELDS}
    values["legal_form"] = organisation.legal_form.value
    values["version"] = str(organisation.version)
    for index, contact in enumerate(organisation.contacts):
        for field in CONTACT_FIELDS:
            values[f"contacts-{index}-{field}"] = getattr(contact, field) or ""
    return values


def _take_contacts(form: FormState) -> list[dict]:
    """The contact rows as the schema's input: empty fields left out, a row's id as a number."""
    contacts = []
    for row in form.take_rows("contacts", CONTACT_FIELDS):
        contact = {k: v for k, v in row.items() if k != "id" and v.strip()}
        if row.get("id", "").isdigit():
            contact["id"] = int(row["id"])
        contacts.append(contact)
    return contacts


def _render_form(form: FormState, organisation: Organisation | None = None, differences=None):
    status = 409 if differences is not None else 422 if form.failed else 200
    return render_template("organisations/form.html", form=form, organisation=organisation,
                           legal_forms=LEGAL_FORMS, differences=differences), status


@bp.get("")
@permission_required("read")
def index():
    filters, filter_form = load_filters(OrganisationFilter(), request.args, FILTERS, labels=FILTER_LABELS)
    pager = page_of(services.list_organisations(**filters), **page_args(request.args))
    return render_template("organisations/index.html", pager=pager, filters=filter_form,
                           legal_forms=LEGAL_FORMS, sorts=SORTS, legal_form_labels=LEGAL_FORM_LABELS,
                           args=filter_form.input(FILTERS))


@bp.route("/ny", methods=["GET", "POST"])
@permission_required("organisation.write")
def new():
    form = _form(_posted())
    contacts = _take_contacts(form)
    if request.method == "POST" and not form.reshaping:
        try:
            data = load_form(OrganisationIn(), {**form.input(FIELDS), "contacts": contacts})
            organisation = services.create_organisation(**data)
            db.session.commit()
        except (Invalid, Conflict) as error:
            db.session.rollback()
            form.fail(error)
        else:
            flash(f"{organisation.name} är registrerad.", "success")
            return redirect(url_for(".show", organisation_id=organisation.id))
    return _render_form(form)


@bp.get("/<int:organisation_id>")
@permission_required("read")
def show(organisation_id: int):
    organisation = services.get_organisation(organisation_id=organisation_id)
    history = page_of(audit.list_events(entity="organisation", entity_id=organisation.id),
                      page=1, per_page=HISTORY_SIZE)
    # Every department's dealings with it in one place: what the network exists to give.
    dealings = organisation_history(organisation_id=organisation.id)
    return render_template("organisations/show.html", organisation=organisation, history=history,
                           legal_form_labels=LEGAL_FORM_LABELS, event_labels=EVENT_LABELS,
                           changed_fields=_changed_fields, dealings=dealings,
                           follow_up_reports=reports_of_organisation(organisation_id=organisation.id),
                           assessment_labels=ASSESSMENT_LABELS)


@bp.route("/<int:organisation_id>/andra", methods=["GET", "POST"])
@permission_required("organisation.write")
def edit(organisation_id: int):
    organisation = services.get_organisation(organisation_id=organisation_id)
    if request.method == "GET":
        form = _form(_values_of(organisation))
    else:
        form = _form(_posted())
    contacts = _take_contacts(form)
    if request.method == "GET" or form.reshaping:
        return _render_form(form, organisation)
    try:
        require_version(current=organisation.version, submitted=form.value("version"))
        data = load_form(OrganisationIn(), {**form.input(FIELDS), "contacts": contacts})
        services.update_organisation(organisation=organisation, **data)
        db.session.commit()
    except PreconditionFailed as error:
        form.fail(error)
        differences = _differences(form, organisation)
        # The next save is based on what the user has now seen; it is theirs to decide.
        form.values["version"] = str(organisation.version)
        return _render_form(form, organisation, differences)
    except (Invalid, Conflict) as error:
        db.session.rollback()
        form.fail(error)
        return _render_form(form, organisation)
    flash("Ändringarna är sparade.", "success")
    return redirect(url_for(".show", organisation_id=organisation.id))


def _differences(form: FormState, organisation: Organisation) -> list[tuple[str, str, str]]:
    """(label, stored now, in the form) for each field where the two differ."""
    stored = _values_of(organisation)
    rows = []
    for name in FIELDS:
        if stored.get(name, "").strip() != form.value(name).strip():
            rows.append((LABELS[name], _shown(name, stored.get(name, "")), _shown(name, form.value(name))))
    stored_contacts = _contact_lines(stored)
    typed_contacts = _contact_lines(form.values)
    if stored_contacts != typed_contacts:
        rows.append((LABELS["contacts"], "; ".join(stored_contacts), "; ".join(typed_contacts)))
    return rows


def _shown(name: str, value: str) -> str:
    if name == "legal_form" and value:
        return next((label for key, label in LEGAL_FORMS if key == value), value)
    return value


def _contact_lines(values: dict[str, str]) -> list[str]:
    lines, index = [], 0
    while f"contacts-{index}-name" in values:
        parts = [values.get(f"contacts-{index}-{f}", "").strip() for f in CONTACT_FIELDS if f != "id"]
        if any(parts):
            lines.append(", ".join(p for p in parts if p))
        index += 1
    return lines


def _changed_fields(event) -> str:
    """What an audit event changed, in words: `E-postadress: a@x.se → b@x.se`."""
    if event.action == "create":
        return ""
    parts = []
    for key, (before, after) in event.changes.items():
        contact, _, field = key.rpartition(".")
        if field in ("id", "organisation_id"):
            continue
        label = LABELS.get(f"contacts-{field}" if contact else field, field)
        before, after = _shown(field, before or ""), _shown(field, after or "")
        if event.action == "contact_create":
            parts.append(f"{label}: {after}")
        elif event.action == "contact_delete":
            parts.append(f"{label}: {before}")
        else:
            parts.append(f"{label}: {before or '–'} → {after or '–'}")
    return "; ".join(parts)
