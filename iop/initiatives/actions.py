"""Which steps a user may take on an initiative right now, for the page to offer only those.

Every answer comes from asking the rules themselves (`access`, `transitions.check_step`)
and catching their refusal, so a button is shown exactly when its post would pass the
same checks; nothing here restates who may do what.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from iop.auth.models import User
from iop.departments.models import Department
from iop.errors import Forbidden, InvalidTransition
from iop.initiatives import access
from iop.initiatives.models import Initiative, InitiativeStatus
from iop.initiatives.transitions import check_step
from iop.roles import allows


@dataclass(frozen=True)
class Actions:
    note: bool = False
    edit: bool = False
    # The statement on gender equality: may be written also once the initiative is closed.
    describe: bool = False
    to_network: bool = False
    close: bool = False
    # The departments the user may name as lead; empty when assigning is not theirs to do.
    assign_to: list[Department] = field(default_factory=list)
    refused: str | None = None  # why the user may not change it, in the rules' own words

    @property
    def any_step(self) -> bool:
        return self.to_network or self.close or bool(self.assign_to)


def _passes(check: Callable[[], None]) -> bool:
    try:
        check()
    except (Forbidden, InvalidTransition):
        return False
    return True


def available_actions(user: User, initiative: Initiative, departments: list[Department]) -> Actions:
    """What `user` may do with `initiative` now; `departments` are the candidates for lead."""
    if not allows(user.role, "initiative.write"):
        return Actions()
    try:
        access.require_change(user, initiative)
    except Forbidden as error:
        return Actions(note=True, refused=error.message)  # officers share what they know across departments

    def step(action: str, *checks: Callable[[], None]) -> bool:
        return all(_passes(check) for check in (lambda: check_step(initiative, action), *checks))

    assign_to = []
    if step("assign"):
        assign_to = [d for d in departments if d.id != initiative.assigned_department_id
                     and _passes(lambda d=d: access.require_take(user, initiative, d))]
    return Actions(
        note=True, edit=initiative.status != InitiativeStatus.CLOSED, describe=True,
        to_network=step("to_network"),
        close=step("close", lambda: access.require_close(user, initiative)),
        assign_to=assign_to)
