"""Importing grants from the committees' files, and finding them again."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import current_app

from iop.audit.context import current_actor
from iop.audit.recording import record_event
from iop.clock import utcnow
from iop.departments.models import Committee, committee_key
from iop.departments.services import committees_by_key
from iop.extensions import db
from iop.grants.amounts import as_json_number
from iop.grants.models import Grant, GrantImport
from iop.grants.reading import read_sheet
from iop.grants.rows import GrantRow, check_row
from iop.organisations.models import Organisation

_CHUNK = 500  # keeps IN (...) lists under every database's parameter limit


@dataclass
class ImportResult:
    batch: GrantImport
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[dict] = field(default_factory=list)

    def summary(self) -> dict:
        return {"imported": self.imported, "updated": self.updated, "unchanged": self.unchanged,
                "errors": self.errors, "import_id": self.batch.id}


def import_grants(*, data: bytes, filename: str | None = None,
                  content_type: str | None = None) -> ImportResult:
    """Import a grants file row by row: good rows are written, bad rows named with the reason."""
    sheet = read_sheet(data, filename=filename, content_type=content_type,
                       max_bytes=current_app.config["GRANTS_IMPORT_MAX_BYTES"],
                       max_rows=current_app.config["GRANTS_IMPORT_MAX_ROWS"])
    good, errors = _checked_rows(sheet.rows)
    batch = GrantImport(imported_by=current_actor().label, filename=(filename or None) and filename[:255],
                        file_format=sheet.file_format)
    db.session.add(batch)
    db.session.flush()
    result = ImportResult(batch=batch, errors=errors)
    _write(good, result)
    batch.imported, batch.updated, batch.unchanged = result.imported, result.updated, result.unchanged
    batch.refused = len(errors)
    db.session.flush()
    return result


def _checked_rows(rows) -> tuple[list[GrantRow], list[dict]]:
    committees = committees_by_key()
    good: list[GrantRow] = []
    errors: list[dict] = []
    seen: dict[tuple, int] = {}
    for number, raw in rows:
        row, problems = check_row(raw, committees)
        if row is not None and row.key in seen:
            problems = [f"Samma bidrag (år, nämnd, organisationsnummer och ändamål) står redan på "
                        f"rad {seen[row.key]}."]
        if problems:
            errors.append({"row": number, "message": " ".join(problems)})
            continue
        seen[row.key] = number
        good.append(row)
    return good, errors


def _write(rows: list[GrantRow], result: ImportResult) -> None:
    existing = _existing(rows)
    organisation_ids = _organisation_ids({row.org_number for row in rows})
    now = utcnow()
    inserts, updates, changes = [], [], {}
    for row in rows:
        organisation_id = organisation_ids.get(row.org_number)
        found = existing.get(row.key)
        if found is None:
            result.imported += 1
            inserts.append({"year": row.year, "committee_id": row.committee_id, "org_number": row.org_number,
                            "organisation_name": row.organisation_name, "organisation_id": organisation_id,
                            "purpose": row.purpose, "amount_sek": row.amount_sek, "imported_at": now,
                            "updated_at": now, "import_id": result.batch.id})
            continue
        grant_id, amount, linked_id = found
        if amount == row.amount_sek:
            result.unchanged += 1
            if linked_id != organisation_id:  # an organisation registered since: link it, nothing else
                updates.append({"id": grant_id, "organisation_id": organisation_id})
            continue
        result.updated += 1
        changes[f"grant.{grant_id}.amount_sek"] = [as_json_number(amount), as_json_number(row.amount_sek)]
        updates.append({"id": grant_id, "amount_sek": row.amount_sek, "organisation_id": organisation_id,
                        "organisation_name": row.organisation_name, "updated_at": now,
                        "import_id": result.batch.id})
    if inserts:
        db.session.execute(sa.insert(Grant), inserts)
    for group in _by_keys(updates):
        db.session.execute(sa.update(Grant), group)
    record_event(db.session, action="grants_import", entity="grant_import", entity_id=result.batch.id,
                 changes={"file": [None, result.batch.filename], "imported": [None, result.imported],
                          "updated": [None, result.updated], "unchanged": [None, result.unchanged],
                          "refused": [None, len(result.errors)], **changes})


def _by_keys(updates: list[dict]) -> list[list[dict]]:
    """Bulk updates grouped by the columns they set (one executemany per shape)."""
    groups: dict[tuple, list[dict]] = {}
    for update in updates:
        groups.setdefault(tuple(sorted(update)), []).append(update)
    return list(groups.values())


def _existing(rows: list[GrantRow]) -> dict[tuple, tuple]:
    """The stored grants these rows may match, by key: (id, amount, organisation_id)."""
    found: dict[tuple, tuple] = {}
    pairs = sorted({(row.year, row.committee_id) for row in rows})
    org_numbers = sorted({row.org_number for row in rows})
    for year, committee_id in pairs:
        for start in range(0, len(org_numbers), _CHUNK):
            statement = sa.select(Grant.id, Grant.year, Grant.committee_id, Grant.org_number, Grant.purpose,
                                  Grant.amount_sek, Grant.organisation_id).where(
                Grant.year == year, Grant.committee_id == committee_id,
                Grant.org_number.in_(org_numbers[start:start + _CHUNK]))
            for id_, y, c, number, purpose, amount, organisation_id in db.session.execute(statement):
                found[(y, c, number, purpose)] = (id_, amount, organisation_id)
    return found


def _organisation_ids(org_numbers: set[str]) -> dict[str, int]:
    numbers = sorted(org_numbers)
    ids: dict[str, int] = {}
    for start in range(0, len(numbers), _CHUNK):
        ids.update(db.session.execute(sa.select(Organisation.org_number, Organisation.id).where(
            Organisation.org_number.in_(numbers[start:start + _CHUNK]))).all())
    return ids


def list_grants(*, year: int | None = None, committee: str | None = None,
                org_number: str | None = None) -> sa.Select:
    """Grants matching the filters, newest year first; a committee is matched like in the import."""
    statement = sa.select(Grant)
    if year is not None:
        statement = statement.where(Grant.year == year)
    if committee:
        statement = statement.join(Committee, Committee.id == Grant.committee_id).where(
            Committee.key == committee_key(committee))
    if org_number:
        statement = statement.where(Grant.org_number == org_number)
    return statement.order_by(Grant.year.desc(), Grant.id.desc())


def grants_of_organisation(*, org_number: str) -> list[dict]:
    """An organisation's grants by its number (as the committees' files name it), newest year first,
    as plain JSON values: for an organisation's history across departments."""
    rows = db.session.execute(
        sa.select(Grant.id, Grant.year, Committee.name, Grant.purpose, Grant.amount_sek,
                  Grant.organisation_name)
        .join(Committee, Committee.id == Grant.committee_id)
        .where(Grant.org_number == org_number)
        .order_by(Grant.year.desc(), Committee.name, Grant.id))
    return [{"id": id_, "year": year, "committee": committee, "purpose": purpose,
             "amount_sek": as_json_number(amount), "organisation": name}
            for id_, year, committee, purpose, amount, name in rows]
