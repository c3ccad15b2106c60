"""The yearly report over 100,000 agreements and 300,000 grants, against the bare SQL behind it.

    .venv/bin/python -m bench.report [--database-url URL] [--agreements N] [--grants N]

Fills a throwaway database (a SQLite file by default) with synthetic agreements,
resources and grants, then times `build_report(year)` and, within it, the time spent
executing SQL (cursor execute and fetch). DESIGN.md's target: the report within 1.5x the
bare SQL aggregation, peak memory under 300 MB.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import event

CHUNK = 10_000
COMMITTEES = ["Kultur- och fritidsnämnden", "Socialnämnden", "Barn- och utbildningsnämnden",
              "Omsorgsnämnden", "Äldrenämnden", "Kommunstyrelsen"]
PURPOSES = ["Aktivitetsstöd för barn och ungdomar", "Läxhjälp för barn och unga", "Stöd till hemlösa",
            "Verksamhetsbidrag", "Lokalbidrag", "Träffpunkt för seniorer", "Språkcafé för nyanlända",
            "Jourverksamhet för våldsutsatta", "Sommarläger", "Kulturprogram"]
PLACES = ["i Norra Sjöstad", "i centrum", "på landsbygden", "i Östra hamnen", "under sommaren", "för alla",
          "i skolorna", "på helger", "i Västra Sjöstad", "året runt"]


def _insert(connection, table, rows) -> None:
    for start in range(0, len(rows), CHUNK):
        connection.execute(sa.insert(table), rows[start:start + CHUNK])


def fill(db, *, agreements: int, grants: int, spread: float, seed: int = 2026) -> None:
    """Committees, departments, organisations, agreements with resources, and grants."""
    from iop.agreements.models import Agreement, Resource
    from iop.departments.models import Committee, Department
    from iop.grants.models import Grant, GrantImport
    from iop.organisations.models import Organisation
    from iop.organisations.numbers import luhn_check_digit

    rng = random.Random(seed)
    now = datetime.now(UTC)
    with db.engine.begin() as connection:
        _insert(connection, Committee.__table__, [{"id": i + 1, "name": n} for i, n in enumerate(COMMITTEES)])
        _insert(connection, Department.__table__, [
            {"id": i + 1, "code": f"D{i + 1}", "name": f"Förvaltning {i + 1}", "committee_id": i % 6 + 1}
            for i in range(12)])
        numbers = []
        for i in range(5000):
            digits = f"802{i:06d}"
            numbers.append(f"{digits[:6]}-{digits[6:]}{luhn_check_digit(digits)}")
        _insert(connection, Organisation.__table__, [
            {"id": i + 1, "name": f"Förening {i + 1}", "org_number": n, "legal_form": "ideell_forening",
             "created_at": now, "updated_at": now, "version": 1} for i, n in enumerate(numbers)])
        _insert(connection, Agreement.__table__, [_agreement(rng, i + 1, now) for i in range(agreements)])
        _insert(connection, Resource.__table__, [
            r for i in range(agreements) for r in _resources(rng, i + 1)])
        _insert(connection, GrantImport.__table__, [{"id": 1, "imported_at": now, "imported_by": "bench",
                                                     "file_format": "csv"}])
        seen = set()
        rows = []
        # Each organisation has a committee it gets its grants from; `spread` of the grants come
        # from any committee instead (what makes organisations funded by several committees).
        home = {number: rng.randint(1, 6) for number in numbers}
        while len(rows) < grants:
            number = rng.choice(numbers)
            committee = home[number] if rng.random() >= spread else rng.randint(1, 6)
            purpose = f"{rng.choice(PURPOSES)} {rng.choice(PLACES)}"
            key = (rng.randint(2020, 2027), committee, number, purpose)
            if key in seen:
                continue
            seen.add(key)
            rows.append({"year": key[0], "committee_id": key[1], "org_number": key[2],
                         "organisation_name": "F", "purpose": key[3],
                         "amount_sek": rng.randint(1, 500) * 1000, "imported_at": now, "updated_at": now,
                         "import_id": 1})
        _insert(connection, Grant.__table__, rows)
    with db.engine.connect() as connection:
        # Planner statistics, as autovacuum (PostgreSQL) or a long-running server would have them.
        connection.exec_driver_sql("ANALYZE")
        connection.commit()


def _agreement(rng, ident: int, now) -> dict:
    start = date(2018, 1, 1) + timedelta(days=rng.randint(0, 10 * 365))
    end = start + timedelta(days=rng.choice([365, 730, 1095, 1460]) - 1)
    status = rng.choices(["active", "expired", "terminated", "draft", "in_review", "withdrawn"],
                         [40, 25, 5, 15, 5, 10])[0]
    signed = status in ("active", "expired", "terminated")
    return {"id": ident, "kind": rng.choice(["iop", "annual"]), "template_key": "iop",
            "title": f"Avtal {ident}", "department_id": rng.randint(1, 12), "status": status, "revision": 1,
            "start_date": start, "end_date": end, "signed_on": start - timedelta(days=30) if signed else None,
            "ended_on": start + timedelta(days=200) if status == "terminated" else None,
            "predecessor_id": ident - 1 if ident > 1 and rng.random() < 0.1 else None,
            "automatic_extension": False, "general_economic_interest": False, "created_at": now,
            "updated_at": now, "version": 1}


def _resources(rng, agreement_id: int) -> list[dict]:
    rows = []
    for position in range(rng.randint(1, 5)):
        party = rng.choice(["municipality", "organisation"])
        kind = rng.choice(["money", "premises", "volunteer_hours", "in_kind", "staff_hours"])
        hours = kind.endswith("_hours")
        rows.append({"agreement_id": agreement_id, "position": position, "party": party, "type": kind,
                     "description": "", "amount_sek": None if hours else rng.randint(1, 100) * 1000,
                     "hours": rng.randint(10, 2000) if hours else None, "per": rng.choice(["year", "total"])})
    return rows


def time_report(db, year: int) -> float:
    from iop.reports.services import build_report

    begun = time.perf_counter()
    build_report(year=year)
    return time.perf_counter() - begun


def peak_memory(db, year: int) -> dict:
    """Peak Python memory while building the report (tracemalloc slows it: timed separately)."""
    from iop.reports.services import build_report

    tracemalloc.start()
    report = build_report(year=year)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"active": report["agreements"]["active"], "grants": report["grants"]["grants"],
            "python_peak_mb": round(peak / 2**20, 1)}


def report_statements(db, year: int) -> list[tuple[str, object]]:
    """The SQL the report runs, as sent to the database."""
    from iop.reports.services import build_report

    statements: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", capture)
    build_report(year=year)
    event.remove(db.engine, "before_cursor_execute", capture)
    return statements


def time_bare_sql(db, statements) -> float:
    """The same statements as plain SQL on a DB-API cursor, every row fetched, nothing else."""
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        begun = time.perf_counter()
        for statement, parameters in statements:
            cursor.execute(statement, parameters)
            cursor.fetchall()
        return time.perf_counter() - begun
    finally:
        raw.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--agreements", type=int, default=100_000)
    parser.add_argument("--grants", type=int, default=300_000)
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--spread", type=float, default=0.02,
                        help="share of grants from another committee than the organisation's usual one "
                             "(0.02: about one organisation in eight funded by two committees a year)")
    parser.add_argument("--reuse", action="store_true", help="the database is already filled")
    args = parser.parse_args()
    from flask_migrate import upgrade

    from iop import create_app
    from iop.extensions import db

    url = args.database_url or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench"})
    with app.app_context():
        begun = time.perf_counter()
        if not args.reuse:
            upgrade()
            fill(db, agreements=args.agreements, grants=args.grants, spread=args.spread)
        filled = time.perf_counter() - begun
        statements = report_statements(db, args.year)  # also warms the database's caches
        # The machine is shared: interleave the two and keep the best of each.
        report_times, bare_times = [], []
        for _ in range(args.rounds):
            report_times.append(time_report(db, args.year))
            bare_times.append(time_bare_sql(db, statements))
        result = peak_memory(db, args.year)
        result.update({"database": db.engine.dialect.name, "fill_seconds": round(filled, 1),
                       "statements": len(statements), "report_seconds": round(min(report_times), 3),
                       "bare_sql_seconds": round(min(bare_times), 3),
                       "ratio_to_bare_sql": round(min(report_times) / min(bare_times), 2),
                       "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)})
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
