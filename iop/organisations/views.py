"""Organisation pages: search and list, register, view with history, edit.

Every save goes through `OrganisationIn` and the organisation services, as the API's
does; the pages only translate between form fields and that input.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from flask import Blueprint, abort, current_app, flash, render_template, request, url_for

from iop.audit import services as audit
from iop.extensions import db
from iop.organisations import services
from iop.organisations.models import LEGAL_FORM_LABELS, Organisation
from iop.organisations.schemas import OrganisationFilter, OrganisationIn
from iop.web.access import permission_required
from iop.web.exports import FORMATS, list_download
from iop.web.forms import FormState, Versioned, form_page, posted
from iop.web.listing import load_filters, page_args, page_of, sorting_of

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
FILTERS = ("q", "legal_form")
FILTER_LABELS = {"q": "Namn, organisationsnummer eller e-post", "legal_form": "Juridisk form"}
LEGAL_FORMS = [(form.value, label) for form, label in LEGAL_FORM_LABELS.items()]
SORT_COLUMNS = {"newest": Organisation.id, "name": Organisation.name, "org_number": Organisation.org_number,
                "legal_form": Organisation.legal_form, "email": Organisation.email}
EXPORT_HEADERS = ["Namn", "Organisationsnummer", "Juridisk form", "E-postadress", "Telefon", "Postadress"]
HISTORY_SIZE = 20
EVENT_LABELS = {
    "create": "Registrerad", "update": "Ändrad", "contact_create": "Kontaktperson tillagd",
    "contact_update": "Kontaktperson ändrad", "contact_delete": "Kontaktperson borttagen",
}


def _form(values=None) -> FormState:
    return FormState(values, labels=LABELS, missing=MISSING, row_labels={"contacts": "Kontaktperson"})


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


def _versioned(organisation: Organisation) -> Versioned:
    return Versioned(current=lambda: organisation.version, stored=lambda: _values_of(organisation),
                     fields=FIELDS, rows={"contacts": [f for f in CONTACT_FIELDS if f != "id"]}, shown=_shown)


def _page(organisation: Organisation | None = None) -> dict:
    return {"organisation": organisation, "legal_forms": LEGAL_FORMS}


@bp.get("")
@permission_required("read")
def index():
    filters, filter_form = load_filters(OrganisationFilter(), request.args, FILTERS, labels=FILTER_LABELS)
    sorting = sorting_of(request.args, SORT_COLUMNS, "newest", default_descending=True)
    statement = sorting.apply(services.list_organisations(**filters), Organisation.id)
    args = filter_form.input(FILTERS)
    file_format = request.args.get("format")
    if file_format is not None:
        if file_format not in FORMATS:
            abort(404)
        rows = ([o.name, o.org_number, LEGAL_FORM_LABELS[o.legal_form], o.email, o.phone, o.address]
                for o in db.session.scalars(statement))
        return list_download(file_format, name="organisationer", title="Organisationer",
                             headers=EXPORT_HEADERS, rows=rows)
    pager = page_of(statement, **page_args(request.args))

    def url(**more):
        return url_for(".index", **args, **more)

    headers = [sorting.header("Namn", "name", url), sorting.header("Organisationsnummer", "org_number", url),
               sorting.header("Juridisk form", "legal_form", url),
               sorting.header("E-postadress", "email", url), "Telefon"]
    return render_template("organisations/index.html", pager=pager, filters=filter_form,
                           legal_forms=LEGAL_FORMS, legal_form_labels=LEGAL_FORM_LABELS, headers=headers,
                           args=args, list_args={**args, **sorting.args})


@bp.route("/ny", methods=["GET", "POST"])
@permission_required("organisation.write")
def new():
    form = _form(posted())
    contacts = _take_contacts(form)

    back = _return_to(request.args.get("next"))

    def done(organisation: Organisation) -> str:
        flash(f"{organisation.name} är registrerad.", "success")
        if back:
            # Back where the user came from (a draft's parties step), with the new one chosen.
            joiner = "&" if urlsplit(back).query else "?"
            return f"{back}{joiner}{urlencode({'organisation_id': organisation.id})}"
        return url_for(".show", organisation_id=organisation.id)

    return form_page("organisations/form.html", form=form, schema=OrganisationIn(),
                     data={**form.input(FIELDS), "contacts": contacts},
                     save=lambda data: services.create_organisation(**data), done=done,
                     context={**_page(), "back": back})


def _return_to(target: str | None) -> str | None:
    """A same-site path to return to after registering; anything else is ignored (no open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target \
            and not urlsplit(target).netloc and len(target) < 500:
        return target
    return None


@bp.get("/<int:organisation_id>")
@permission_required("read")
def show(organisation_id: int):
    organisation = services.get_organisation(organisation_id=organisation_id)
    history = page_of(audit.list_events(entity="organisation", entity_id=organisation.id),
                      **page_args(request.args, per_page=HISTORY_SIZE))
    # Every department's dealings with it in one place: what the network exists to give.
    # Initiatives, agreements and grants sit above this package, so the wiring hands in
    # the function that gathers them (iop.initiatives.history.organisation_history).
    dealings = current_app.extensions["organisation_dealings"](organisation_id=organisation.id)
    return render_template("organisations/show.html", organisation=organisation, history=history,
                           legal_form_labels=LEGAL_FORM_LABELS, event_labels=EVENT_LABELS,
                           changed_fields=_changed_fields, dealings=dealings,
                           **current_app.extensions["organisation_follow_ups"](organisation.id))


@bp.route("/<int:organisation_id>/andra", methods=["GET", "POST"])
@permission_required("organisation.write")
def edit(organisation_id: int):
    organisation = services.get_organisation(organisation_id=organisation_id)
    form = _form(_values_of(organisation) if request.method == "GET" else posted())
    contacts = _take_contacts(form)

    def done(organisation: Organisation) -> str:
        flash("Ändringarna är sparade.", "success")
        return url_for(".show", organisation_id=organisation.id)

    return form_page("organisations/form.html", form=form, schema=OrganisationIn(),
                     data={**form.input(FIELDS), "contacts": contacts},
                     save=lambda data: services.update_organisation(organisation=organisation, **data),
                     done=done, versioned=_versioned(organisation), context=_page(organisation))


def _shown(name: str, value: str) -> str:
    if name == "legal_form" and value:
        return next((label for key, label in LEGAL_FORMS if key == value), value)
    return value


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
