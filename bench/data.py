"""The large data sets every benchmark runs on, written with bulk inserts (not the API, not the ORM):
100,000 agreements and 300,000 grants take seconds, not the hours one request each would.

- `fill_register`: committees, departments and organisations.
- `fill_agreements`: agreements of every status with their parties and resources (and, with
  `details`, milestones, follow-ups and signatories as an API read would show them), and grants.
- `fill_sweep_agreements`: active agreements whose key dates are years away, but for `per_day`
  that fall due on each of the given days (the reminder sweep's "handful due").
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

CHUNK = 10_000  # rows per executemany: large enough to be fast, small enough for SQLite's limits
COMMITTEES = ["Kultur- och fritidsnämnden", "Socialnämnden", "Barn- och utbildningsnämnden",
              "Omsorgsnämnden", "Äldrenämnden", "Kommunstyrelsen"]
DEPARTMENTS = 12
ORGANISATIONS = 5000
PURPOSES = ["Aktivitetsstöd för barn och ungdomar", "Läxhjälp för barn och unga", "Stöd till hemlösa",
            "Verksamhetsbidrag", "Lokalbidrag", "Träffpunkt för seniorer", "Språkcafé för nyanlända",
            "Jourverksamhet för våldsutsatta", "Sommarläger", "Kulturprogram"]
PLACES = ["i Norra Sjöstad", "i centrum", "på landsbygden", "i Östra hamnen", "under sommaren", "för alla",
          "i skolorna", "på helger", "i Västra Sjöstad", "året runt"]
STATUSES = (["active", "expired", "terminated", "draft", "in_review", "withdrawn"], [40, 25, 5, 15, 5, 10])
TEXT = ("Föreningen och kommunen samverkar kring läxhjälp och fritidsaktiviteter för barn och unga "
        "i Norra Sjöstad, där föreningens volontärer och lokala nätverk når familjer som kommunen "
        "inte når på egen hand. ") * 3


def insert_rows(connection, table, rows: Iterable[dict]) -> None:
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) == CHUNK:
            connection.execute(sa.insert(table), batch)
            batch = []
    if batch:
        connection.execute(sa.insert(table), batch)


def fill_register(db, *, organisations: int = ORGANISATIONS) -> list[str]:
    """Committees, departments (with a mailbox) and organisations; answers the organisation numbers."""
    from iop.departments.models import Committee, Department, committee_key
    from iop.organisations.models import Organisation
    from iop.organisations.numbers import luhn_check_digit

    now = datetime.now(UTC)
    numbers = []
    for i in range(organisations):
        digits = f"802{i:06d}"
        numbers.append(f"{digits[:6]}-{digits[6:]}{luhn_check_digit(digits)}")
    with db.engine.begin() as connection:
        insert_rows(connection, Committee.__table__,
                    ({"id": i + 1, "name": n, "key": committee_key(n)} for i, n in enumerate(COMMITTEES)))
        insert_rows(connection, Department.__table__, (
            {"id": i + 1, "code": f"D{i + 1}", "name": f"Förvaltning {i + 1}", "committee_id": i % 6 + 1,
             "email": f"d{i + 1}@kommun.test"} for i in range(DEPARTMENTS)))
        insert_rows(connection, Organisation.__table__, (
            {"id": i + 1, "name": f"Förening {i + 1}", "org_number": n, "legal_form": "ideell_forening",
             "created_at": now, "updated_at": now, "version": 1} for i, n in enumerate(numbers)))
    return numbers


def fill_agreements(db, *, agreements: int, grants: int, spread: float = 0.02, details: bool = False,
                    seed: int = 2026) -> None:
    """The register, agreements with parties and resources (and details), and grants."""
    from iop.agreements.models import Agreement, AgreementParty, FollowUp, Milestone, Resource, Signatory

    rng = random.Random(seed)
    now = datetime.now(UTC)
    numbers = fill_register(db)
    rows = [_agreement(rng, i + 1, now, details) for i in range(agreements)]
    with db.engine.begin() as connection:
        insert_rows(connection, Agreement.__table__, rows)
        insert_rows(connection, AgreementParty.__table__, (
            {"agreement_id": row["id"], "organisation_id": row["id"] % len(numbers) + 1, "position": 0}
            for row in rows))
        insert_rows(connection, Resource.__table__, (
            r for row in rows for r in _resources(rng, row["id"], row["id"] % len(numbers) + 1)))
        if details:
            for model in (Milestone, FollowUp):
                insert_rows(connection, model.__table__, (
                    {"agreement_id": row["id"], "position": p, "title": f"{model.__name__} {p + 1}",
                     "date": row["start_date"] + timedelta(days=150 * (p + 1))}
                    for row in rows for p in range(2)))
            insert_rows(connection, Signatory.__table__, (
                {"agreement_id": row["id"], "position": p, "party": party, "name": name,
                 "title": "Ordförande"}
                for row in rows if row["signed_on"]
                for p, (party, name) in enumerate((("municipality", "Anna Andersson"),
                                                   ("organisation", "Bengt Berg")))))
    fill_grants(db, numbers=numbers, grants=grants, spread=spread, rng=rng)
    analyze(db)


def fill_grants(db, *, numbers: list[str], grants: int, spread: float, rng: random.Random) -> None:
    """Grants from the committees; each organisation has a committee it usually gets them from, and
    `spread` of them come from any committee (what makes organisations funded by several)."""
    from iop.grants.models import Grant, GrantImport

    now = datetime.now(UTC)
    home = {number: rng.randint(1, 6) for number in numbers}
    seen: set[tuple] = set()
    rows = []
    while len(rows) < grants:
        number = rng.choice(numbers)
        committee = home[number] if rng.random() >= spread else rng.randint(1, 6)
        key = (rng.randint(2020, 2027), committee, number, f"{rng.choice(PURPOSES)} {rng.choice(PLACES)}")
        if key in seen:
            continue
        seen.add(key)
        rows.append({"year": key[0], "committee_id": key[1], "org_number": key[2], "organisation_name": "F",
                     "purpose": key[3], "amount_sek": rng.randint(1, 500) * 1000, "imported_at": now,
                     "updated_at": now, "import_id": 1})
    with db.engine.begin() as connection:
        insert_rows(connection, GrantImport.__table__, [{"id": 1, "imported_at": now, "imported_by": "bench",
                                                         "file_format": "csv"}])
        insert_rows(connection, Grant.__table__, rows)


def _agreement(rng: random.Random, ident: int, now: datetime, details: bool) -> dict:
    start = date(2018, 1, 1) + timedelta(days=rng.randint(0, 10 * 365))
    end = start + timedelta(days=rng.choice([365, 730, 1095, 1460]) - 1)
    status = rng.choices(*STATUSES)[0]
    signed = status in ("active", "expired", "terminated")
    text = TEXT if details else None
    return {"id": ident, "kind": rng.choice(["iop", "annual"]), "template_key": "iop",
            "title": f"Avtal {ident}", "case_number": f"KS 2026/{ident:06d}",
            "department_id": rng.randint(1, DEPARTMENTS), "status": status, "revision": 1,
            "start_date": start, "end_date": end, "notice_period_months": 3,
            "signed_on": start - timedelta(days=30) if signed else None,
            "ended_on": start + timedelta(days=200) if status == "terminated" else None,
            "predecessor_id": ident - 1 if ident > 1 and rng.random() < 0.1 else None,
            "challenge": text, "purpose": text, "added_value": text, "market_assessment": text,
            "responsible_email": "handlaggare@kommun.test", "automatic_extension": False,
            "general_economic_interest": False, "created_at": now, "updated_at": now, "version": 1}


def _resources(rng: random.Random, agreement_id: int, organisation_id: int) -> list[dict]:
    rows = []
    for position in range(rng.randint(1, 5)):
        party = rng.choice(["municipality", "organisation"])
        kind = rng.choice(["money", "premises", "volunteer_hours", "in_kind", "staff_hours"])
        hours = kind.endswith("_hours")
        rows.append({"agreement_id": agreement_id, "position": position, "party": party, "type": kind,
                     "organisation_id": organisation_id if party == "organisation" else None,
                     "description": "", "amount_sek": None if hours else rng.randint(1, 100) * 1000,
                     "hours": rng.randint(10, 2000) if hours else None, "per": rng.choice(["year", "total"])})
    return rows


def fill_sweep_agreements(db, *, agreements: int, due_days: list[date], per_day: int = 5,
                          seed: int = 7) -> None:
    """Active agreements with two follow-ups and a milestone each, all years away, except `per_day`
    agreements whose end date's 90-day reminder falls due on each of `due_days` (working days)."""
    from iop.agreements.models import Agreement, FollowUp, Milestone
    from iop.months import notice_deadline

    fill_register(db, organisations=10)
    rng = random.Random(seed)
    created = datetime(2026, 1, 1, tzinfo=UTC)
    due = [day + timedelta(days=90) for day in due_days for _ in range(per_day)]
    rows, follow_ups, milestones = [], [], []
    for number in range(1, agreements + 1):
        # Notice periods only on agreements not due: a due one then has one key date, the end date.
        end, months = (due[number - 1], None) if number <= len(due) else (
            date(2031, 1, 1) + timedelta(days=rng.randrange(1800)), rng.choice((0, 3, 6, 12)))
        rows.append({"id": number, "kind": "iop", "template_key": "iop", "title": f"Överenskommelse {number}",
                     "case_number": f"KFF {number}", "department_id": 1, "status": "active", "revision": 1,
                     "version": 1, "automatic_extension": False, "general_economic_interest": False,
                     "start_date": end - timedelta(days=1095), "end_date": end,
                     "notice_period_months": months,
                     "notice_deadline": notice_deadline(end, months), "responsible_email": "a@kommun.test",
                     "signed_on": end - timedelta(days=1125), "created_at": created, "updated_at": created})
        # Follow-ups and milestones of the due ones lie years ahead too (after their end date: the
        # sweep finds by date, and checks the agreement when it loads it).
        base = end if number > len(due) else date(2031, 1, 1)
        for offset in (365, 730):
            follow_ups.append({"agreement_id": number, "position": 0, "title": "Rapport",
                               "date": base - timedelta(days=offset + rng.randrange(30))})
        milestones.append({"agreement_id": number, "position": 0, "title": "Delmål",
                           "date": base - timedelta(days=500 + rng.randrange(60))})
    with db.engine.begin() as connection:
        for table, batch in ((Agreement.__table__, rows), (FollowUp.__table__, follow_ups),
                             (Milestone.__table__, milestones)):
            insert_rows(connection, table, batch)
    analyze(db)


def analyze(db) -> None:
    """Planner statistics, as autovacuum (PostgreSQL) or a long-running server would have them, and
    (PostgreSQL) id sequences moved past the ids inserted here, so the app's own inserts work."""
    with db.engine.connect() as connection:
        if db.engine.dialect.name == "postgresql":
            for table in db.metadata.sorted_tables:
                if "id" in table.c and table.c.id.autoincrement:
                    connection.exec_driver_sql(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"coalesce((SELECT max(id) FROM {table.name}), 0) + 1, false)")
        connection.exec_driver_sql("ANALYZE")  # unlike VACUUM, allowed in a transaction on PostgreSQL
        connection.commit()
