"""Every benchmark against its target, as one table: `python -m bench` (what `make bench` runs).

    python -m bench [--quick] [--strict] [--only api,documents,sweep,report]
                    [--database sqlite|postgresql|both]

`--quick` runs each on small data for a few seconds: it shows the table works, not the figures.
The reminder sweep and the report run on SQLite and PostgreSQL (PostgreSQL skipped, with a
message, when the server at IOP_BENCH_PG_URL does not answer); the API on SQLite unless told.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date

from bench.table import Row, format_table

QUICK = {"api": {"agreements": 200, "seconds": 2, "rounds": 1, "max_requests": 40},
         "documents": {"renders": 3, "row": 120, "rounds": 1},
         "sweep": {"agreements": 500, "days": 2},
         "report": {"agreements": 300, "grants": 900, "rounds": 1}}


def collect(names: list[str], database: str, quick: bool) -> list[Row]:
    from bench import api, documents, reminder_sweep, report

    sizes = QUICK if quick else {name: {} for name in QUICK}
    rows: list[Row] = []
    for name in names:
        begun = time.perf_counter()
        if name == "api":
            api_backend = "sqlite" if database == "both" else database
            rows += api.run(api_backend, **sizes["api"])
        elif name == "documents":
            rows += documents.run(**sizes["documents"])
        elif name == "sweep":
            rows += [row for backend in report.backends(database)
                     for row in reminder_sweep.run(backend, **sizes["sweep"])]
        else:
            rows += [row for backend in report.backends(database)
                     for row in report.run(backend, **sizes["report"])]
        print(f"{name}: done in {time.perf_counter() - begun:.0f} s", file=sys.stderr, flush=True)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--only", default="api,documents,sweep,report")
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    args = parser.parse_args()
    rows = collect([n.strip() for n in args.only.split(",") if n.strip()], args.database, args.quick)
    caveat = " (quick: small data, figures not meaningful)" if args.quick else ""
    print(f"\nIOP benchmarks, {date.today().isoformat()}{caveat}\n")
    print(format_table(rows))
    missed = any(row.passed is False for row in rows)
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
