"""The daily reminder sweep over 100,000 active agreements with a handful due, against the bare
indexed SQL that finds the key dates due.

    python -m bench.reminder_sweep [--database sqlite|postgresql|both] [--agreements 100000]
                                   [--per-day 5] [--days 7]

Every agreement has an end date, two follow-ups and a milestone years away, except `per-day`
agreements whose 90-day reminder falls due on each of `days` working days in a row. The sweep
runs on the day before (untimed, so each timed day has a last sweep), then once on each of those
days, as the daily job does: each timed sweep finds, plans and queues that day's handful and
commits. The baseline is the bare SQL behind finding them: the range queries over the indexed
date columns (end date, notice deadline, follow-ups, milestones) for the same windows, on a
DB-API cursor. The same is run over a tenth of the agreements: the cost should follow the
reminders due, not the agreements stored.

Target (DESIGN.md): under 50 ms; cost grows with the reminders due, not with the agreements stored.
"""

from __future__ import annotations

import argparse
import time
from datetime import date

from bench import databases
from bench.report import backends
from bench.table import Row, format_table, median

TARGET_MS = 50
FIRST_DAY = date(2027, 9, 1)  # a Wednesday in a September without public holidays
SCALING_LIMIT = 2.0  # ten times the agreements may not cost twice as much


def working_days(after: date, count: int) -> list[date]:
    from iop.workdays import next_working_day_after

    days = [next_working_day_after(after)]
    while len(days) < count:
        days.append(next_working_day_after(days[-1]))
    return days


def sweep_once(day: date) -> tuple[float, int]:
    """One daily sweep: plan, queue and commit; answers its seconds and the reminders planned."""
    from iop.clock import frozen_at
    from iop.extensions import db
    from iop.reminders.services import plan_sweep

    with frozen_at(day):
        begun = time.perf_counter()
        plan = plan_sweep(today=day)
        db.session.commit()
        elapsed = time.perf_counter() - begun
    db.session.remove()
    return elapsed, len(plan.reminders)


def bare_queries(db, last: date, today: date) -> float:
    """The range queries that find the key dates newly due, on a bare cursor, rows fetched."""
    from flask import current_app

    from iop.reminders.keydates import newly_due_window

    offsets = current_app.config["REMINDER_DAYS"]
    windows = [w for offset in offsets if (w := newly_due_window(last, today, offset))]
    marker = "%s" if db.engine.dialect.name == "postgresql" else "?"
    statements = [f"SELECT id, {column} FROM agreements WHERE status = 'active' "
                  f"AND {column} BETWEEN {marker} AND {marker}" for column in ("end_date", "notice_deadline")]
    statements += [f"SELECT agreement_id, date FROM {table} WHERE date BETWEEN {marker} AND {marker}"
                   for table in ("follow_ups", "milestones")]
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        begun = time.perf_counter()
        for low, high in windows:
            for statement in statements:
                cursor.execute(statement, (low, high))
                cursor.fetchall()
        elapsed = time.perf_counter() - begun
        raw.rollback()
        return elapsed
    finally:
        raw.close()


def measure(backend: str, agreements: int, per_day: int, days: int) -> dict:
    from bench.data import fill_sweep_agreements

    due_days = working_days(FIRST_DAY, days)
    with databases.throwaway_database(backend, "sweep") as url, databases.migrated_app(url):
        from iop.extensions import db

        fill_sweep_agreements(db, agreements=agreements, due_days=due_days, per_day=per_day)
        sweep_once(FIRST_DAY)  # the day before: untimed, gives the timed days a last sweep
        sweeps, bare, planned, last = [], [], [], FIRST_DAY
        for day in due_days:
            seconds, count = sweep_once(day)
            sweeps.append(seconds)
            planned.append(count)
            bare.append(bare_queries(db, last, day))
            last = day
    return {"sweep": median(sweeps), "bare": median(bare), "planned": median(planned)}


def run(backend: str = "sqlite", *, agreements: int = 100_000, per_day: int = 5, days: int = 7) -> list[Row]:
    large = measure(backend, agreements, per_day, days)
    small = measure(backend, max(agreements // 10, per_day * days), per_day, days)
    ms = large["sweep"] * 1000
    growth = large["sweep"] / small["sweep"]
    return [
        Row(f"reminder sweep ({backend})", f"{ms:.1f} ms", f"{large['bare'] * 1000:.2f} ms bare SQL",
            large["sweep"] / large["bare"], f"< {TARGET_MS} ms", ms < TARGET_MS,
            f"{agreements:,} active agreements, {large['planned']:.0f} reminders planned a day; median of "
            f"{days} daily sweeps, each committed"),
        Row(f"reminder sweep, 10x agreements ({backend})", f"{ms:.1f} ms",
            f"{small['sweep'] * 1000:.1f} ms at {max(agreements // 10, per_day * days):,}", growth,
            f"< {SCALING_LIMIT}x (grows with due)", growth < SCALING_LIMIT),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--agreements", type=int, default=100_000)
    parser.add_argument("--per-day", type=int, default=5)
    parser.add_argument("--days", type=int, default=7)
    args = parser.parse_args()
    rows = [row for backend in backends(args.database)
            for row in run(backend, agreements=args.agreements, per_day=args.per_day, days=args.days)]
    print(format_table(rows))


if __name__ == "__main__":
    main()
