"""The yearly report over 100,000 agreements and 300,000 grants, against the bare SQL behind it.

    python -m bench.report [--database sqlite|postgresql|both] [--agreements N] [--grants N] [--rounds N]

Fills a throwaway database (bench.data), then, in a fresh process so that the fill's memory does
not count, times `build_report(year)` and the very statements it runs on a bare DB-API cursor
(every row fetched, nothing else), interleaved, and takes the median of each. Peak memory is the
measuring process's peak resident size while it builds the report (Python, libraries and the
report together; bench.memory) and, inside it, the peak of Python allocations for the report.

Target (DESIGN.md): within 1.5x the bare SQL aggregation, peak memory under 300 MB.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

from sqlalchemy import event

from bench import databases, memory
from bench.table import Row, format_table, interleaved, median

REPO = Path(__file__).resolve().parent.parent
TARGET_RATIO = 1.5
TARGET_MB = 300


def report_statements(db, year: int) -> list[tuple[str, object]]:
    """The SQL the report runs, as sent to the database."""
    from iop.reports.services import build_report

    statements: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        build_report(year=year)
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)
    return statements


def bare_sql(db, statements) -> float:
    """The same statements on a bare DB-API cursor, every row fetched."""
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


def measure(url: str, year: int, rounds: int) -> dict:
    """Run in a fresh process: medians of the report and of its bare SQL, and peak memory."""
    from iop import create_app
    from iop.extensions import db
    from iop.reports.services import build_report

    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench"})
    with app.app_context():
        statements = report_statements(db, year)  # also warms the database's caches

        def report() -> float:
            begun = time.perf_counter()
            build_report(year=year)
            db.session.remove()  # each report a fresh session, as each request is
            return time.perf_counter() - begun

        timings = interleaved({"report": report, "bare": lambda: bare_sql(db, statements)}, rounds)
        before = memory.current_rss_mb()
        memory.reset_peak()
        report()
        peak = memory.peak_rss_mb()
        tracemalloc.start()
        result = build_report(year=year)
        python_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        db.session.remove()
        db.engine.dispose()
    return {"report": median(timings["report"]), "bare": median(timings["bare"]),
            "statements": len(statements), "active": result["agreements"]["active"],
            "grants": result["grants"]["grants"], "python_peak_mb": python_peak / 2**20,
            "rss_before_mb": before, "peak_rss_mb": peak}


def run(backend: str = "sqlite", *, agreements: int = 100_000, grants: int = 300_000, rounds: int = 5,
        year: int = 2026) -> list[Row]:
    """Fill a throwaway database, measure in a child process, answer the table rows."""
    from bench.data import fill_agreements

    size = f"{agreements:,} agreements, {grants:,} grants"
    with databases.throwaway_database(backend, "report") as url:
        with databases.migrated_app(url) as app:
            from iop.extensions import db

            begun = time.perf_counter()
            fill_agreements(db, agreements=agreements, grants=grants)
            filled = time.perf_counter() - begun
            del app
        child = subprocess.run([sys.executable, "-m", "bench.report", "--measure", url, "--year", str(year),
                                "--rounds", str(rounds)],
                               capture_output=True, text=True, check=True, cwd=REPO)
        found = json.loads(child.stdout.strip().splitlines()[-1])
    ratio = found["report"] / found["bare"]
    return [
        Row(f"report {year} ({backend})", f"{found['report'] * 1000:,.0f} ms",
            f"{found['bare'] * 1000:,.0f} ms bare SQL", ratio, f"<= {TARGET_RATIO}x bare SQL",
            ratio <= TARGET_RATIO, f"{size} (filled in {filled:.0f} s), {found['statements']} statements, "
            f"{found['active']:,} agreements and {found['grants']:,} grants in the year"),
        Row(f"report {year} peak memory ({backend})", f"{found['peak_rss_mb']:.0f} MB RSS", "", None,
            f"< {TARGET_MB} MB", found["peak_rss_mb"] < TARGET_MB,
            f"peak resident size of the whole process while building it ({found['rss_before_mb']:.0f} MB "
            f"before: Python, Flask, SQLAlchemy, matplotlib); Python allocations for the report itself "
            f"peak at {found['python_peak_mb']:.1f} MB"),
    ]


def backends(choice: str) -> list[str]:
    """The databases to run on; PostgreSQL is left out (with a message) when it is not reachable."""
    wanted = ["sqlite", "postgresql"] if choice == "both" else [choice]
    if "postgresql" in wanted and (problem := databases.postgresql_problem()):
        print(f"PostgreSQL not reachable, its rows are skipped: {problem}", file=sys.stderr)
        wanted.remove("postgresql")
    return wanted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--agreements", type=int, default=100_000)
    parser.add_argument("--grants", type=int, default=300_000)
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--measure", metavar="URL", help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.year, args.rounds)))
        return
    rows = [row for backend in backends(args.database)
            for row in run(backend, agreements=args.agreements, grants=args.grants, rounds=args.rounds,
                           year=args.year)]
    print(format_table(rows))


if __name__ == "__main__":
    main()
