"""Roles and what each may do: one table, read by the API, the web pages and the tests.

In the core, below every feature: the API's `requires`, the pages' `permission_required`
and the services all check against it.
"""

from __future__ import annotations

import enum

from iop import swedish
from iop.errors import Forbidden


class Role(enum.StrEnum):
    ADMIN = "admin"
    COORDINATOR = "coordinator"
    OFFICER = "officer"
    LEGAL = "legal"
    VIEWER = "viewer"


ROLE_LABELS = swedish.labels(Role, "role")

ALL = frozenset(Role)

# Reading is open to every role: the records are public and viewers (politicians,
# auditors) exist to read them. Writes are narrowed here; whether an officer may
# write a particular record (its department) is a rule checked in the services.
PERMISSIONS: dict[str, frozenset[Role]] = {
    "read": ALL,
    "department.write": frozenset({Role.ADMIN}),
    "user.manage": frozenset({Role.ADMIN}),
    # Reading the templates is open to all (the API's list); running their check is the admin's.
    "template.check": frozenset({Role.ADMIN}),
    "organisation.write": frozenset({Role.ADMIN, Role.COORDINATOR, Role.OFFICER}),
    # Every role reads the history of open records, without personal data; the whole log
    # (users, tokens, logins, contact persons, who did what) is the admin's and coordinator's.
    "audit.read": ALL,
    "audit.read_all": frozenset({Role.ADMIN, Role.COORDINATOR}),
    "agreement.write": frozenset({Role.ADMIN, Role.COORDINATOR, Role.OFFICER}),
    "review.write": frozenset({Role.LEGAL}),
    "comment.write": frozenset({Role.LEGAL, Role.ADMIN, Role.COORDINATOR, Role.OFFICER}),
    # Register, edit, note and move initiatives; which ones an officer may touch
    # (their department's) is decided in iop.initiatives.access.
    "initiative.write": frozenset({Role.ADMIN, Role.COORDINATOR, Role.OFFICER}),
    # The network's powers: assign any lead department, close from the queue.
    "initiative.coordinate": frozenset({Role.ADMIN, Role.COORDINATOR}),
    "grant.import": frozenset({Role.ADMIN, Role.COORDINATOR}),
    # The yearly report: the municipality's goals are the admin's; the network's coordinator
    # produces the report (ärende) that goes to the board and is kept.
    "goal.manage": frozenset({Role.ADMIN}),
    "report.produce": frozenset({Role.ADMIN, Role.COORDINATOR}),
    # Reminders are read with "read"; anyone may subscribe to key dates as a calendar feed.
    "calendar_feed.manage": ALL,
    "calendar_feed.revoke_any": frozenset({Role.ADMIN}),
    # A data subject's request (GDPR): export or erase a contact person's data.
    "personal_data.manage": frozenset({Role.ADMIN}),
}


def allows(role: Role | str, permission: str) -> bool:
    return Role(role) in PERMISSIONS[permission]


def authorize(user, permission: str) -> None:
    """Raise Forbidden unless the user's role carries the permission."""
    if not allows(user.role, permission):
        raise Forbidden("Din roll har inte behörighet till detta.")
