"""Who may change which initiative: the department-level rules beside the role table.

Everyone reads every initiative (the point of the network is that departments see
each other's contacts). An officer changes only what is their department's: an
open initiative that concerns their department, or, once a lead is named, one
their department leads. Coordinators and admins act for the network on all of them.
"""

from __future__ import annotations

from iop.auth.models import User
from iop.errors import Forbidden
from iop.initiatives.models import Initiative, InitiativeStatus
from iop.roles import allows, authorize


def acts_for_network(user: User) -> bool:
    return allows(user.role, "initiative.coordinate")


def _leads(user: User, initiative: Initiative) -> bool:
    return initiative.assigned_department_id is not None and \
        initiative.assigned_department_id == user.department_id


def require_change(user: User, initiative: Initiative) -> None:
    """Forbidden unless the user may change this initiative at all."""
    authorize(user, "initiative.write")
    if acts_for_network(user):
        return
    if initiative.assigned_department is not None:
        if _leads(user, initiative):
            return
        department = initiative.assigned_department
        raise Forbidden(f"Initiativet handläggs av {department.name} ({department.code}). "
                        "Du kan läsa det men inte ändra det.")
    if user.department_id in {d.id for d in initiative.departments}:
        return
    raise Forbidden("Initiativet gäller inte din förvaltning. Du kan läsa det men inte ändra det.")


def require_take(user: User, initiative: Initiative, department) -> None:
    """An officer may make their own department the lead only of one that concerns it alone."""
    if acts_for_network(user):
        return
    if department.id == user.department_id and initiative.concerns_only(user.department):
        return
    raise Forbidden("Bara nätverket (samordnarna) utser ansvarig förvaltning för ett initiativ som "
                    "gäller flera förvaltningar eller en annan förvaltning än din.")


def require_close(user: User, initiative: Initiative) -> None:
    """The lead department's officer closes; from the network's queue only the network does."""
    if acts_for_network(user):
        return
    if initiative.status == InitiativeStatus.ASSIGNED and _leads(user, initiative):
        return
    if initiative.status == InitiativeStatus.RECEIVED and initiative.concerns_only(user.department):
        return
    raise Forbidden("Initiativet avslutas av den ansvariga förvaltningen eller av nätverket.")
