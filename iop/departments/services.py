"""Committees and departments."""

from __future__ import annotations

import sqlalchemy as sa

from iop.departments.models import CODE_PATTERN, Committee, Department
from iop.errors import Conflict, Invalid, NotFound
from iop.extensions import db


def get_or_create_committee(*, name: str) -> Committee:
    """The committee with this name (exact, trimmed), created if it is new."""
    name = " ".join(name.split())
    if not name:
        raise Invalid({"committee": "Ange nämndens namn."})
    committee = db.session.scalar(sa.select(Committee).filter_by(name=name))
    if committee is None:
        committee = Committee(name=name)
        db.session.add(committee)
        db.session.flush()
    return committee


def create_department(*, code: str, name: str, committee: str, email: str | None = None) -> Department:
    """Register a department under a committee (created if new); codes are unique."""
    code = code.strip().upper()
    if db.session.scalar(sa.select(Department.id).filter_by(code=code)) is not None:
        raise Conflict(f"Det finns redan en förvaltning med koden {code}.",
                       {"code": ["Koden används redan."]})
    department = Department(code=code, name=" ".join(name.split()),
                            committee=get_or_create_committee(name=committee), email=email or None)
    db.session.add(department)
    db.session.flush()
    return department


def update_department(*, department: Department, name: str, committee: str,
                      email: str | None = None) -> Department:
    """Rename a department, move it to another committee (created if new) or change its mailbox.

    The code stays: it is how agreements, users and the API name the department.
    """
    department.name = " ".join(name.split())
    department.committee = get_or_create_committee(name=committee)
    department.email = email or None
    db.session.flush()
    return department


def get_department(*, code: str) -> Department:
    code = code.strip().upper()
    # A code no department can have (a NUL byte, 300 characters) is not worth a query.
    department = (db.session.scalar(sa.select(Department).filter_by(code=code))
                  if CODE_PATTERN.match(code) else None)
    if department is None:
        raise NotFound(f"Förvaltningen {code} finns inte.")
    return department


def list_departments() -> sa.Select:
    return sa.select(Department).order_by(Department.code)


def list_committees() -> sa.Select:
    return sa.select(Committee).order_by(Committee.name)
