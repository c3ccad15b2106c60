"""Initiative pages: the list with filters, the network's queue, registering, the initiative with
its notes and the steps the user may take, and editing.

The initiative page is rendered by `page` (a refused step shows it again), the steps and notes
are posted by `step_views`, and `actions` says which steps to offer; all routes are in `_ROUTES`.
Every page reads and writes through the services the API uses.
"""

from __future__ import annotations

from flask import Blueprint, flash, render_template, request, url_for
from flask_login import current_user

from iop.errors import Conflict
from iop.extensions import db
from iop.initiatives import access, display, form_input, services, step_views
from iop.initiatives.models import STATUS_LABELS, Initiative, InitiativeStatus
from iop.initiatives.page import departments, render_show
from iop.initiatives.schemas import InitiativeFilter, InitiativeIn, InitiativeUpdate
from iop.organisations.services import list_organisations
from iop.web.access import permission_required
from iop.web.forms import FormState, form_page
from iop.web.listing import load_filters, page_args, page_of

bp = Blueprint("initiatives", __name__, url_prefix="/initiativ")
display.install(bp)

FILTERS = ("q", "status", "department", "organisation_id", "flagged", "overdue")
FILTER_LABELS = {"q": "Sök i rubrik, beskrivning, kontaktperson och organisation", "status": "Status",
                 "department": "Förvaltning", "organisation_id": "Organisation", "flagged": "Flaggade",
                 "overdue": "Försenade"}
YES_NO = [("true", "Ja"), ("false", "Nej")]
QUEUE_ON_START_PAGE = 10


def index():
    filters, filter_form = load_filters(InitiativeFilter(), request.args, FILTERS, labels=FILTER_LABELS)
    pager = page_of(services.list_initiatives(**filters), **page_args(request.args))
    return render_template("initiatives/index.html", pager=pager, filters=filter_form,
                           args=filter_form.input(FILTERS), choices=_filter_choices())


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


def _page(initiative: Initiative | None = None, state: FormState | None = None):
    def context() -> dict:
        return {"initiative": initiative, "organisations": _organisation_choices(),
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
    initiative = services.get_initiative(initiative_id=initiative_id)
    access.require_change(current_user, initiative)
    if initiative.status == InitiativeStatus.CLOSED:
        raise Conflict("Initiativet är avslutat och kan inte längre ändras.")
    state = form_input.form(form_input.values_of(initiative) if request.method == "GET"
                            else form_input.posted())

    def done(_) -> str:
        flash("Ändringarna är sparade.", "success")
        return url_for(".show", initiative_id=initiative.id)

    # Every field is on the page: an emptied one is cleared, and an emptied date is refused.
    return form_page("initiatives/form.html", form=state, schema=InitiativeUpdate(),
                     data=lambda: {"received_on": None, **form_input.initiative_input(state),
                                   "reason": state.value("reason") or None},
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
