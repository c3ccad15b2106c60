"""Committees and departments."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import sqlalchemy as sa

from iop.departments.models import CODE_PATTERN, Committee, Department, committee_key
from iop.errors import Conflict, Invalid, NotFound
from iop.extensions import db


def find_committee(*, name: str) -> Committee | None:
    """The committee this name means: case and spacing do not matter."""
    return db.session.scalar(sa.select(Committee).filter_by(key=committee_key(name)))


def committees_by_key() -> dict[str, Committee]:
    """Every committee by its compared name, for matching many names at once (an import)."""
    return {committee.key: committee for committee in db.session.scalars(sa.select(Committee))}


def closest_committees(name: str, committees: Iterable[Committee], limit: int = 3) -> list[str]:
    """The known committees whose names look most like `name`, best first, in their known spelling."""
    by_key = {committee.key: committee.name for committee in committees}
    matches = difflib.get_close_matches(committee_key(name), by_key, n=limit, cutoff=0.6)
    return [by_key[key] for key in matches]


def get_or_create_committee(*, name: str) -> Committee:
    """The committee this name means (in its known spelling), created if it is new."""
    name = " ".join(name.split())
    if not name:
        raise Invalid({"committee": "Ange nämndens namn."})
    committee = find_committee(name=name)
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
