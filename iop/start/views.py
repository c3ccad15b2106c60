"""The start page (what needs doing today, by role) and the accessibility statement."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Blueprint, render_template
from flask_login import current_user

from iop.auth.roles import Role
from iop.extensions import db
from iop.organisations import services as organisations
from iop.web.access import permission_required

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
    # Upcoming notice deadlines, end dates and follow-ups of the officer's agreements (iop.reminders).
    Section("deadlines", "Mina tidsfrister", frozenset({Role.OFFICER})),
    # Agreements in review whose current revision awaits a lawyer (iop.agreements / reviews).
    Section("reviews", "Väntar på min granskning", frozenset({Role.LEGAL})),
    # Initiatives in the network's queue, oldest first, overdue ones flagged (iop.initiatives).
    Section("network", "Nätverkets kö", frozenset({Role.COORDINATOR})),
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
