"""The start page (what needs doing today, by role) and the accessibility statement."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Blueprint, render_template, request
from flask_login import current_user

from iop.agreements.views import awaiting_review, my_drafts
from iop.extensions import db
from iop.initiatives.views import network_queue
from iop.organisations import services as organisations
from iop.reminders.views import my_deadlines
from iop.roles import Role
from iop.start.services import search_everything
from iop.todo.services import todo_for
from iop.web.access import permission_required
from iop.web.forms import FormState

bp = Blueprint("start", __name__)


@dataclass(frozen=True)
class Section:
    """A part of the start page for some roles, filled by its feature's service.

    `source(user)` returns what the section's template lists; a section whose source
    is None belongs to a feature that has not landed yet and is not shown at all,
    so the page never shows made-up or empty promises.
    """

    key: str
    title: str
    roles: frozenset[Role]
    source: Callable | None = None

    @property
    def template(self) -> str:
        return f"start/_{self.key}.html"


SECTIONS = (
    # Everything waiting for the user, each row linking to where it is done (iop.todo).
    Section("todo", "Att göra", frozenset(Role), todo_for),
    # Upcoming notice deadlines, end dates and follow-ups of the officer's agreements (iop.reminders).
    Section("deadlines", "Mina tidsfrister", frozenset({Role.OFFICER}), my_deadlines),
    # The drafts of the officer's department, latest changed first.
    Section("drafts", "Mina utkast", frozenset({Role.OFFICER}), my_drafts),
    # Agreements in review whose current revision awaits a lawyer, the one waiting longest first.
    Section("reviews", "Väntar på min granskning", frozenset({Role.LEGAL}), awaiting_review),
    # Initiatives in the network's queue: the flagged first, then the earliest deadline (iop.initiatives).
    Section("network", "Nätverkets kö", frozenset({Role.COORDINATOR}), network_queue),
)

RECENT_ORGANISATIONS = 5


def sections_for(user) -> list[tuple[Section, object]]:
    return [(section, section.source(user)) for section in SECTIONS
            if section.source is not None and user.role in section.roles]


@bp.get("/")
@permission_required("read")
def index():
    recent = db.session.scalars(
        organisations.list_organisations(sort="newest").limit(RECENT_ORGANISATIONS)).all()
    return render_template("start/index.html", user=current_user, sections=sections_for(current_user),
                           recent_organisations=recent)


@bp.get("/tillganglighet")
def accessibility():
    return render_template("start/accessibility.html")


SEARCH_HEADINGS = {"agreements": "Överenskommelser", "organisations": "Organisationer",
                   "initiatives": "Initiativ"}


@bp.get("/sok")
@permission_required("read")
def search():
    q = request.args.get("q", "")[:200].strip()
    found = search_everything(q=q, role=current_user.role)
    form = FormState({"q": q}, labels={"q": "Överenskommelse, organisation eller initiativ"},
                     id_prefix="sok-")
    return render_template("start/search.html", q=q, found=found, headings=SEARCH_HEADINGS, form=form,
                           total=sum(f.total for f in found))
