"""Initiative pages: the list with filters, the network's queue, registering, the initiative with
its notes and the steps the user may take, and editing.

The initiative page is rendered by `page` (a refused step shows it again), the steps and notes
are posted by `step_views`, and `actions` says which steps to offer; all routes are in `_ROUTES`.
Every page reads and writes through the services the API uses.
"""

from __future__ import annotations

from flask import Blueprint, flash, render_template, request, url_for
from flask_login import current_user

from iop.errors import NotFound
from iop.extensions import db
from iop.initiatives import access, display, form_input, services, step_views
from iop.initiatives.models import STATUS_LABELS, Initiative, InitiativeStatus
from iop.initiatives.page import departments, render_show
from iop.initiatives.schemas import InitiativeFilter, InitiativeIn, InitiativeUpdate
from iop.organisations.services import list_organisations
from iop.web.access import permission_required
from iop.web.exports import FORMATS, list_download
from iop.web.forms import FormState, form_page
from iop.web.listing import load_filters, page_args, page_of, sorting_of

bp = Blueprint("initiatives", __name__, url_prefix="/initiativ")
display.install(bp)

FILTERS = ("q", "status", "department", "organisation_id", "flagged", "overdue")
FILTER_LABELS = {"q": "Sök i rubrik, beskrivning, kontaktperson och organisation", "status": "Status",
                 "department": "Förvaltning", "organisation_id": "Organisation", "flagged": "Flaggade",
                 "overdue": "Försenade"}
YES_NO = [("true", "Ja"), ("false", "Nej")]
QUEUE_ON_START_PAGE = 10
SORT_COLUMNS = {"received_on": Initiative.received_on, "title": Initiative.title, "status": Initiative.status,
                "respond_by": Initiative.respond_by}
EXPORT_HEADERS = ["Rubrik", "Status", "Organisation eller kontaktperson", "Berör", "Ansvarig förvaltning",
                  "Inkom", "Svar senast", "Först hanterat", "Flaggat"]


def index():
    filters, filter_form = load_filters(InitiativeFilter(), request.args, FILTERS, labels=FILTER_LABELS)
    args = filter_form.input(FILTERS)
    mine = request.args.get("mina") == "1" and current_user.department_code
    if mine:
        # Mine: the initiatives that concern my department or that it is responsible for.
        filters["department"] = current_user.department_code
        args["mina"] = filter_form.values["mina"] = "1"
    sorting = sorting_of(request.args, SORT_COLUMNS, "received_on", default_descending=True)
    statement = sorting.apply(services.list_initiatives(**filters), Initiative.id)
    file_format = request.args.get("format")
    if file_format is not None:
        if file_format not in FORMATS:
            raise NotFound("Det formatet finns inte. Välj xlsx eller csv.")
        return list_download(file_format, name="initiativ", title="Initiativ", headers=EXPORT_HEADERS,
                             rows=map(_export_row, db.session.scalars(statement)))
    pager = page_of(statement, **page_args(request.args))

    def url(**more):
        return url_for(".index", **args, **more)

    headers = [sorting.header("Initiativ", "title", url), sorting.header("Status", "status", url), "Berör",
               sorting.header("Inkom", "received_on", url), sorting.header("Svar senast", "respond_by", url)]
    return render_template("initiatives/index.html", pager=pager, filters=filter_form, headers=headers,
                           args=args, list_args={**args, **sorting.args}, choices=_filter_choices(),
                           may_filter_mine=bool(current_user.department_code))


def _export_row(initiative: Initiative) -> list:
    return [initiative.title, STATUS_LABELS[initiative.status],
            initiative.organisation.name if initiative.organisation else initiative.contact_name,
            ", ".join(initiative.department_codes),
            initiative.assigned_department.code if initiative.assigned_department else None,
            initiative.received_on, initiative.respond_by, initiative.first_handled_on, initiative.flagged]


def queue():
    """The network's queue: flagged first, then the earliest deadline, as the coordinators work it."""
    statement = services.list_initiatives(status=InitiativeStatus.IN_NETWORK.value, sort="queue")
    return render_template("initiatives/queue.html", pager=page_of(statement, **page_args(request.args)))


def network_queue(user):
    """For the coordinator's start page: the head of the network's queue and how long it is."""
    statement = services.list_initiatives(status=InitiativeStatus.IN_NETWORK.value, sort="queue")
    return page_of(statement, page=1, per_page=QUEUE_ON_START_PAGE)


def _organisation_choices() -> list[tuple[str, str]]:
    return [(str(o.id), o.name) for o in db.session.scalars(list_organisations(sort="name"))]


def _filter_choices() -> dict:
    return {"status": [(s.value, label) for s, label in STATUS_LABELS.items()],
            "department": [(d.code, f"{d.name} ({d.code})") for d in departments()],
            "organisation_id": _organisation_choices(), "flagged": YES_NO, "overdue": YES_NO}


def _page(initiative: Initiative | None = None, state: FormState | None = None, *, closed: bool = False):
    def context() -> dict:
        return {"initiative": initiative, "closed": closed, "organisations": _organisation_choices(),
                "departments": [(d.code, f"{d.name} ({d.code})") for d in departments()],
                "chosen": form_input.chosen_departments(state), "matter_choices": form_input.MATTER_CHOICES}
    return context


def new():
    if request.method == "GET":
        state = form_input.form({"received_on": services.local_today().isoformat(),
                                 "municipal_matter": "oklart"})
    else:
        state = form_input.form(form_input.posted())

    def done(initiative: Initiative) -> str:
        where = "Det ligger i nätverkets kö." if initiative.status == InitiativeStatus.IN_NETWORK else \
            f"Det har tagits emot av {initiative.departments[0].name}."
        flash(f"Initiativet är registrerat. {where}", "success")
        return url_for(".show", initiative_id=initiative.id)

    return form_page("initiatives/form.html", form=state, schema=InitiativeIn(),
                     data=lambda: form_input.initiative_input(state),
                     save=lambda data: services.register_initiative(by=current_user, **data), done=done,
                     context=_page(None, state))


def edit(initiative_id: int):
    """The initiative's details; a closed one only its statement on gender equality (the yearly
    report's Jämställdhet), which the service lets a closed initiative be completed with."""
    initiative = services.get_initiative(initiative_id=initiative_id)
    access.require_change(current_user, initiative)
    closed = initiative.status == InitiativeStatus.CLOSED
    state = form_input.form(form_input.values_of(initiative) if request.method == "GET"
                            else form_input.posted())

    def done(_) -> str:
        flash("Ändringarna är sparade.", "success")
        return url_for(".show", initiative_id=initiative.id)

    if closed:
        return form_page("initiatives/form.html", form=state,
                         schema=InitiativeUpdate(only=form_input.CLOSED_FIELDS),
                         data=lambda: form_input.gender_input(state),
                         save=lambda data: services.update_initiative(initiative=initiative, by=current_user,
                                                                      **data),
                         done=done, versioned=form_input.versioned(initiative),
                         context=_page(initiative, state, closed=True))
    # Every field is on the page: an emptied one is cleared, and an emptied date is refused.
    return form_page("initiatives/form.html", form=state, schema=InitiativeUpdate(),
                     data=lambda: {"received_on": None, **form_input.initiative_input(state),
                                   **form_input.gender_input(state), "reason": state.value("reason") or None},
                     save=lambda data: services.update_initiative(initiative=initiative, by=current_user,
                                                                  **data),
                     done=done, versioned=form_input.versioned(initiative), context=_page(initiative, state))


def show(initiative_id: int):
    return render_show(services.get_initiative(initiative_id=initiative_id))


_READ, _WRITE = "read", "initiative.write"
_ROUTES = (
    # (rule, endpoint, view, methods, permission)
    ("", "index", index, ("GET",), _READ),
    ("/ko", "queue", queue, ("GET",), _READ),
    ("/ny", "new", new, ("GET", "POST"), _WRITE),
    ("/<int:initiative_id>", "show", show, ("GET",), _READ),
    ("/<int:initiative_id>/andra", "edit", edit, ("GET", "POST"), _WRITE),
    ("/<int:initiative_id>/anteckningar", "add_note", step_views.add_note, ("POST",), _WRITE),
    ("/<int:initiative_id>/natverket", "to_network", step_views.to_network, ("POST",), _WRITE),
    ("/<int:initiative_id>/tilldelning", "assign", step_views.assign, ("POST",), _WRITE),
    ("/<int:initiative_id>/avslut", "close", step_views.close, ("POST",), _WRITE),
)
for _rule, _endpoint, _view, _methods, _permission in _ROUTES:
    bp.add_url_rule(_rule, _endpoint, permission_required(_permission)(_view), methods=list(_methods))
