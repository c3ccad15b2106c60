"""The daily reminder sweep over many agreements: its cost should follow the reminders due.

    .venv/bin/python -m bench.reminder_sweep [--agreements 100000] [--database sqlite|postgresql]
                                             [--spread far|even]

`far`: every agreement but a handful has its key dates years away (DESIGN.md's target:
under 50 ms with a handful due). `even`: end dates spread evenly over five years, so
every day some fall due; the sweep then reads the key dates of the next 90 days.
Reports the median of several sweeps on the due day and the day after (nothing new).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

DUE = date(2027, 7, 2)  # a Friday; 90 days before 30 September 2027
CREATED = datetime(2026, 1, 1, tzinfo=UTC)


def build(app, count: int, spread: str) -> None:
    from iop.agreements.models import Agreement, FollowUp, Milestone
    from iop.departments import services as departments
    from iop.extensions import db
    from iop.reminders.keydates import notice_deadline

    departments.create_department(code="KFF", name="Kultur", committee="Kulturnämnden", email="kff@x.test")
    db.session.commit()
    department_id = db.session.scalar(sa.text("SELECT id FROM departments"))
    db.session.commit()  # end the session's read, or it would not see the rows inserted below
    rng = random.Random(7)
    rows, follow_ups, milestones = [], [], []
    for number in range(1, count + 1):
        if spread == "far" and number > 5:
            end = date(2031, 1, 1) + timedelta(days=rng.randrange(1800))
        elif spread == "far":
            end = date(2027, 12, 31)  # notice deadline 30 September: due on DUE
        else:
            end = date(2027, 7, 1) + timedelta(days=rng.randrange(1826))
        months = 3 if end == date(2027, 12, 31) else rng.choice((0, 3, 6, 12))
        rows.append({"id": number, "kind": "iop", "template_key": "iop", "title": f"Överenskommelse {number}",
                     "case_number": f"KFF {number}", "department_id": department_id, "status": "active",
                     "revision": 1, "version": 1, "automatic_extension": False,
                     "start_date": end - timedelta(days=1095), "end_date": end,
                     "notice_period_months": months,
                     "notice_deadline": notice_deadline(end, months), "responsible_email": "a@x.test",
                     "created_at": CREATED, "updated_at": CREATED})
        for offset in (365, 730):
            follow_ups.append({"agreement_id": number, "position": 0, "title": "Rapport",
                               "date": end - timedelta(days=offset + rng.randrange(30))})
        milestones.append({"agreement_id": number, "position": 0, "title": "Delmål",
                           "date": end - timedelta(days=500 + rng.randrange(60))})
    with db.engine.begin() as connection:
        for table, batch in ((Agreement.__table__, rows), (FollowUp.__table__, follow_ups),
                             (Milestone.__table__, milestones)):
            for start in range(0, len(batch), 5000):
                connection.execute(sa.insert(table), batch[start:start + 5000])
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").execute(sa.text("ANALYZE"))


def sweep_once(day: date):
    from iop.clock import frozen_at
    from iop.extensions import db
    from iop.reminders.services import plan_sweep

    with frozen_at(day):
        started = time.perf_counter()
        plan = plan_sweep(today=day)
        db.session.commit()
        return time.perf_counter() - started, len(plan.reminders)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agreements", type=int, default=100_000)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--spread", choices=("far", "even"), default="far")
    args = parser.parse_args()
    os.environ["IOP_TEST_DATABASE"] = args.database
    from flask_migrate import upgrade

    from iop import create_app
    from tests import databases

    with tempfile.TemporaryDirectory() as tmp:
        url = databases.create_database("reminders_bench", tmp)
        try:
            app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "TESTING": True})
            with app.app_context():
                upgrade()
                build(app, args.agreements, args.spread)
                first, planned = sweep_once(DUE)
                print(f"{args.agreements} agreements ({args.spread}), {args.database}: first sweep "
                      f"{first * 1000:.1f} ms, {planned} reminders planned")
                for label, day in (("due day, rerun", DUE), ("next day", DUE + timedelta(days=3))):
                    timings = [sweep_once(day)[0] for _ in range(7)]
                    print(f"  {label}: median {statistics.median(timings) * 1000:.1f} ms")
                from iop.extensions import db

                db.session.remove()
                db.engine.dispose()
        finally:
            databases.drop_database(url)


if __name__ == "__main__":
    main()
