"""The main menu: one table, shown by role, with only the pages that exist.

A feature's pages appear in the menu as soon as its blueprint registers the endpoint
named here; until then the entry stays hidden rather than leading to a 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, has_request_context, request, url_for
from flask_login import current_user

from iop.roles import allows


@dataclass(frozen=True)
class NavItem:
    label: str
    endpoint: str
    permission: str = "read"


NAV = (
    NavItem("Start", "start.index"),
    NavItem("Organisationer", "organisations.index"),
    NavItem("Överenskommelser", "agreements.index"),
    NavItem("Initiativ", "initiatives.index"),
    NavItem("Påminnelser", "reminders.index"),
    NavItem("Föreningsbidrag", "grants.index"),
    NavItem("Årsrapport", "reports.index"),
    NavItem("Admin", "admin.index", "user.manage"),
)


@dataclass(frozen=True)
class NavLink:
    label: str
    url: str
    current: str | None  # aria-current: "page" on the page itself, "true" elsewhere in its section


def nav_links(user, endpoint: str | None) -> list[NavLink]:
    """The menu for `user` on the page `endpoint`; the current section is marked."""
    if not getattr(user, "is_authenticated", False):
        return []
    section = (endpoint or "").split(".")[0]
    links = []
    for item in NAV:
        if item.endpoint not in current_app.view_functions or not allows(user.role, item.permission):
            continue
        current = "page" if item.endpoint == endpoint else \
            "true" if item.endpoint.split(".")[0] == section else None
        links.append(NavLink(item.label, url_for(item.endpoint), current))
    return links


def shell_context() -> dict:
    if not has_request_context():  # e-mail and documents rendered by jobs have no page around them
        return {}
    user = current_user._get_current_object() if current_user.is_authenticated else None
    return {"viewer": user, "nav_links": nav_links(user, request.endpoint)}
