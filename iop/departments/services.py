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
    """The committee this name means (in its known spelling), created if it is new.

    For the API and the command line, where an admin names a department's committee; the
    pages pick one from the list instead (`create_committee` adds to it).
    """
    name = _spaced(name)
    if not name:
        raise Invalid({"committee": "Ange nämndens namn."})
    committee = find_committee(name=name)
    if committee is None:
        committee = Committee(name=name)
        db.session.add(committee)
        db.session.flush()
    return committee


def _spaced(name: str) -> str:
    return " ".join(name.split())


def _refuse_a_taken_name(name: str, *, other_than: Committee | None = None) -> None:
    """A name that means a committee already kept (case and spacing aside) is refused, naming it."""
    known = find_committee(name=name)
    if known is not None and known is not other_than:
        raise Conflict(f"Nämnden »{known.name}« finns redan.", {"name": [
            f"Nämnden finns redan, stavad »{known.name}«. Stora och små bokstäver och mellanslag "
            "räknas inte som skillnad."]})


def create_committee(*, name: str) -> Committee:
    """Add a committee to the kept list; a name that means a known one is refused, naming it."""
    name = _spaced(name)
    if not name:
        raise Invalid({"name": "Ange nämndens namn."})
    _refuse_a_taken_name(name)
    committee = Committee(name=name)
    db.session.add(committee)
    db.session.flush()
    return committee


def rename_committee(*, committee: Committee, name: str) -> Committee:
    """Spell a committee another way: its departments and grants follow, as they point at it.

    A change of case or spacing alone is allowed; a name that means another committee is not.
    """
    name = _spaced(name)
    if not name:
        raise Invalid({"name": "Ange nämndens namn."})
    _refuse_a_taken_name(name, other_than=committee)
    committee.name = name
    db.session.flush()
    return committee


def get_committee(*, committee_id: int) -> Committee:
    committee = db.session.get(Committee, committee_id)
    if committee is None:
        raise NotFound("Nämnden finns inte.")
    return committee


def department_counts(committees: Iterable[Committee]) -> dict[int, int]:
    """How many departments each of these committees has (none: 0)."""
    ids = [committee.id for committee in committees]
    counted = db.session.execute(
        sa.select(Department.committee_id, sa.func.count(Department.id))
        .where(Department.committee_id.in_(ids)).group_by(Department.committee_id)).all()
    return {**dict.fromkeys(ids, 0), **dict(counted)}


def _committee_for(*, committee: str | None, committee_id: int | None) -> Committee:
    """The committee a department is put under: picked from the list by id (the pages), or
    named (the API and the command line: a known one in any case and spacing, or a new one)."""
    if committee_id is not None:
        picked = db.session.get(Committee, committee_id)
        if picked is None:
            raise Invalid({"committee_id": "Nämnden finns inte. Välj en nämnd i listan."})
        return picked
    return get_or_create_committee(name=committee or "")


def create_department(*, code: str, name: str, committee: str | None = None, committee_id: int | None = None,
                      email: str | None = None) -> Department:
    """Register a department under a committee (picked by id, or named: created if new); codes are unique."""
    code = code.strip().upper()
    if db.session.scalar(sa.select(Department.id).filter_by(code=code)) is not None:
        raise Conflict(f"Det finns redan en förvaltning med koden {code}.",
                       {"code": ["Koden används redan."]})
    department = Department(code=code, name=_spaced(name),
                            committee=_committee_for(committee=committee, committee_id=committee_id),
                            email=email or None)
    db.session.add(department)
    db.session.flush()
    return department


def update_department(*, department: Department, name: str, committee: str | None = None,
                      committee_id: int | None = None, email: str | None = None) -> Department:
    """Rename a department, move it to another committee or change its mailbox.

    The code stays: it is how agreements, users and the API name the department.
    """
    department.name = _spaced(name)
    department.committee = _committee_for(committee=committee, committee_id=committee_id)
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
