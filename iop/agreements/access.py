"""Who may change which agreement: the department rule, in one place."""

from __future__ import annotations

from iop.auth.models import User
from iop.departments.models import Department
from iop.errors import Forbidden
from iop.roles import Role

WRITING_ROLES = frozenset({Role.ADMIN, Role.COORDINATOR, Role.OFFICER})


def may_write(user: User, department: Department) -> bool:
    """Admins write every department's agreements; officers and coordinators their own."""
    if user.role == Role.ADMIN:
        return True
    return user.role in WRITING_ROLES and user.department_id == department.id


def ensure_may_write(user: User, department: Department) -> None:
    if not may_write(user, department):
        raise Forbidden(f"Du kan bara ändra överenskommelser för din egen förvaltning, inte "
                        f"{department.name} ({department.code}).")
