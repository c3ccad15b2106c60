"""Who is told: the lawyers, an agreement's responsible officer, a department, the network."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app

from iop.agreements.models import Agreement
from iop.auth.models import User
from iop.departments.models import Department
from iop.extensions import db
from iop.roles import Role


def _addresses(*addresses: str | None) -> list[str]:
    return sorted({a.strip().lower() for a in addresses if a and a.strip()})


def _active_users(*conditions) -> list[str]:
    return list(db.session.scalars(sa.select(User.email).where(User.active.is_(True), *conditions)))


def legal_recipients() -> list[str]:
    """The legal mailbox when IOP_LEGAL_MAILBOX is set, otherwise every active lawyer."""
    mailbox = current_app.config.get("LEGAL_MAILBOX")
    if mailbox and str(mailbox).strip():
        return _addresses(str(mailbox))
    return _addresses(*_active_users(User.role == Role.LEGAL))


def department_recipients(department: Department) -> list[str]:
    """The department's mailbox and its active officers."""
    officers = _active_users(User.role == Role.OFFICER, User.department_id == department.id)
    return _addresses(department.email, *officers)


def officer_recipients(agreement: Agreement) -> list[str]:
    """The agreement's responsible officer; without one, its department's mailbox and officers."""
    if agreement.responsible_email:
        return _addresses(agreement.responsible_email)
    return department_recipients(agreement.department)


def network_recipients() -> list[str]:
    """Every active coordinator, and the network's own mailbox when IOP_INITIATIVE_NETWORK_EMAIL is set."""
    return _addresses(*_active_users(User.role == Role.COORDINATOR),
                      current_app.config.get("INITIATIVE_NETWORK_EMAIL"))
