"""Smoke runs of the benchmarks on tiny data: each produces its table rows. No timing is judged here
(that is `make bench`); the one hard assertion is the list endpoint's constant number of queries."""

from __future__ import annotations

import pytest

from tests import databases

BACKEND = "postgresql" if databases.BACKEND == "postgresql" else "sqlite"


def _names(rows) -> list[str]:
    return [row.name for row in rows]


def test_the_table_shows_every_row_with_its_verdict():
    from bench.table import Row, format_table

    table = format_table([Row("a", "1 ms", "2 ms", 0.5, "<= 1x", True),
                          Row("b", "3 ms", "", None, "< 2 ms", False, note="why")])
    assert "benchmark" in table and "0.50x" in table and "pass" in table and "FAIL" in table
    assert "- b: why" in table


def test_the_agreement_list_runs_the_same_queries_for_1_and_for_50_agreements(app, monkeypatch):
    from bench.api import count_queries
    from bench.data import fill_agreements
    from iop.auth import services
    from iop.extensions import db

    monkeypatch.setitem(app.config, "AGREEMENT_LISTS_KEPT", 0)  # a page as read after a change
    with app.app_context():
        # Every agreement with a party, resources, milestones, follow-ups and (when signed) signatories.
        fill_agreements(db, agreements=60, grants=30, details=True)
        token = services.issue_token(user=services.create_user(email="insyn@kommun.test", role="viewer"))
        db.session.commit()
        headers = {"Authorization": f"Bearer {token}"}
        counts = {size: count_queries(app, f"/api/v1/agreements?per_page={size}", headers)
                  for size in (1, 50)}
        db.session.remove()
    assert counts[1] == counts[50]


def test_api_bench_produces_its_rows():
    from bench import api

    rows = api.run(BACKEND, agreements=60, seconds=1, rounds=1, max_requests=10, connection_counts=(32,))
    reads = [f"{read} ({BACKEND}, 32 conns)" for read in
             ("one agreement", "page of 50", "agreement's web page", "Word document")]
    floors = [f"bare + the queries of {read} ({BACKEND}, 32 conns)"
              for read in ("one agreement", "page of 50", "agreement's web page")]
    assert _names(rows) == [f"API: {read}" for read in floors + reads] + [
        f"API: one agreement p99 ({BACKEND})", f"API: page queries ({BACKEND})"]
    assert rows[-1].passed is True


def test_documents_bench_produces_its_rows():
    from bench import documents

    rows = documents.run(renders=2, row=105, rounds=1)
    assert _names(rows) == ["Word document: render_agreement", "Word documents: 105 in a row"]


def test_reminder_sweep_bench_plans_the_handful_due_each_day():
    from bench import reminder_sweep

    found = reminder_sweep.measure(BACKEND, agreements=300, per_day=3, days=2)
    assert found["planned"] == 3


def test_reminder_sweep_bench_produces_its_rows():
    from bench import reminder_sweep

    rows = reminder_sweep.run(BACKEND, agreements=300, days=2)
    assert _names(rows) == [f"reminder sweep ({BACKEND})", f"reminder sweep, 10x agreements ({BACKEND})"]


@pytest.mark.parametrize("year", [2026])
def test_report_bench_produces_its_rows(year):
    from bench import report

    rows = report.run(BACKEND, agreements=200, grants=600, rounds=1, year=year)
    assert _names(rows) == [f"report {year} ({BACKEND})", f"report {year} peak memory ({BACKEND})"]
