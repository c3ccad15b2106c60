"""Reading agreements through the API under gunicorn, against a bare Flask JSON endpoint of the same app.

    python -m bench.api [--database sqlite|postgresql] [--agreements 2000] [--seconds 5] [--rounds 5]

Fills a throwaway database (bench.data: agreements with parties, resources, milestones, follow-ups
and signatories, and grants for the legality check), starts gunicorn with the repository's
gunicorn.conf.py on 127.0.0.1 (2 sync workers, as DESIGN.md's baselines) serving
`bench.app:create_bench_app()`, and loads, in turn, the bare endpoint, one agreement and a page
of 50, each for `seconds` at 32 connections, `rounds` times; the medians are compared. The
number of SQL statements per request is counted in this process through the test client, for a
page of 5 and a page of 50.

Targets (DESIGN.md): one agreement >= 0.4x bare and p99 < 50 ms at 32 connections; a page of 50
>= 0.25x, in a constant number of queries.
"""

from __future__ import annotations

import argparse
import os
import pickle
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event

from bench import databases
from bench.app import BARE_PATH, SAME_PATH, SAME_QUERIES_ENV, SAME_READS
from bench.load import run_load
from bench.table import Row, format_table, interleaved, median

REPO = Path(__file__).resolve().parent.parent
TARGET_ONE, TARGET_PAGE, TARGET_WEB, TARGET_P99_MS = 0.4, 0.25, 0.25, 50
CONNECTIONS = 32
PAGE = 50


WEB_PASSWORD = "ett-langt-bench-losenord"
USER_AGENT = "iop-bench"  # a web session is bound to the browser (User-Agent) it started in


def prepare(db, agreements: int) -> tuple[str, int]:
    """Fill the database, and answer a bearer token and the id of an active agreement to read;
    the same user may sign in to the pages with WEB_PASSWORD."""
    import sqlalchemy as sa

    from bench.data import fill_agreements
    from iop.auth import services

    fill_agreements(db, agreements=agreements, grants=agreements * 3, details=True)
    user = services.create_user(email="insyn@kommun.test", role="viewer", name="Insyn", password=WEB_PASSWORD)
    token = services.issue_token(user=user)
    db.session.commit()
    ident = db.session.scalar(sa.text("SELECT max(id) FROM agreements WHERE status = 'active'"))
    # The bulk rows have no revision: give the one read the revision (and pinned template version)
    # that saving it would have written, so its Word document renders as a real one does.
    from iop.agreements import services as agreements
    from iop.agreements.models import Agreement

    agreements._save_revision(db.session.get(Agreement, ident), user)
    db.session.commit()
    db.session.remove()
    return token, ident


def read_paths(ident: int, same_queries: bool = False) -> dict[str, str]:
    """The reads measured, by name: the bare endpoint first (every ratio is against it); with
    `same_queries`, also the bare endpoints that run the very statements of one, page and web."""
    paths = {"bare": BARE_PATH, "one": f"/api/v1/agreements/{ident}",
             "page": f"/api/v1/agreements?per_page={PAGE}", "web": f"/overenskommelser/{ident}",
             "document": f"/api/v1/agreements/{ident}/document"}
    if same_queries:
        paths.update({f"same-{name}": SAME_PATH.format(name=name) for name in SAME_READS})
    return paths


def count_queries(app, path: str, headers: dict[str, str]) -> int:
    """SQL statements one request runs (after a first request, as a warm worker would)."""
    return len(capture_queries(app.test_client(), path, headers))


def capture_queries(client, path: str, headers: dict[str, str] | None = None) -> list[tuple[str, object]]:
    """The statements (with their parameters) one warm request runs, as the database got them."""
    from iop.extensions import db

    assert client.get(path, headers=headers).status_code == 200
    statements: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        response = client.get(path, headers=headers)
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)
    assert response.status_code == 200, response.get_data(as_text=True)
    # BEGIN/COMMIT/ROLLBACK that the SQLite connection setup issues are not queries.
    return [(statement, parameters) for statement, parameters in statements
            if statement.strip().split()[0].upper() not in ("BEGIN", "COMMIT", "ROLLBACK")]


def web_client(app):
    """A test client signed in through the login form, as a browser would be."""
    import re

    client = app.test_client()
    client.environ_base["HTTP_USER_AGENT"] = USER_AGENT
    login = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', login).group(1)
    client.post("/login", data={"email": "insyn@kommun.test", "password": WEB_PASSWORD, "csrf_token": csrf})
    return client


def web_cookie(base: str) -> str:
    """Sign in through the login page of the running server; answer the Cookie header to send."""
    import http.cookiejar
    import re
    import urllib.parse

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", USER_AGENT)]
    login = opener.open(base + "/login", timeout=60).read().decode()
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', login).group(1)
    form = urllib.parse.urlencode({"email": "insyn@kommun.test", "password": WEB_PASSWORD,
                                   "csrf_token": csrf}).encode()
    opener.open(base + "/login", data=form, timeout=60).read()
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(url: str, workers: int = 2, same_queries: Path | None = None):
    """gunicorn with the repository's settings serving the bench app; answers its base URL.
    `same_queries`: the statements each read ran, for the bare endpoints that run them too."""
    port = free_port()
    env = {**os.environ, "IOP_BIND": f"127.0.0.1:{port}", "IOP_WORKERS": str(workers),
           **({SAME_QUERIES_ENV: str(same_queries)} if same_queries else {}),
           "IOP_DATABASE_URL": url, "IOP_SECRET_KEY": "bench", "IOP_LOG_LEVEL": "warning",
           "IOP_INSTANCE_PATH": tempfile.mkdtemp(prefix="iop-bench-gunicorn-")}
    # --max-requests 0: steady state. Recycling a worker every ~1000 requests (production) would cost
    # the bare endpoint, which serves more requests in a second, more restarts than the others.
    command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--max-requests", "0",
               "bench.app:create_bench_app()"]
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_it_answers(base + BARE_PATH, process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stderr.close()


def _wait_until_it_answers(url: str, process) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped: " + process.stderr.read().decode()[-2000:])
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within 60 s")


def measure(base: str, token: str, ident: int, *, seconds: float, rounds: int,
            max_requests: int | None, connections: int = CONNECTIONS) -> dict[str, list]:
    api = {"Authorization": f"Bearer {token}", "User-Agent": USER_AGENT}
    web = {"Cookie": web_cookie(base), "User-Agent": USER_AGENT}
    paths = read_paths(ident, same_queries=True)
    loads: dict[str, list] = {name: [] for name in paths}

    def measure_one(name: str):
        def go() -> float:
            load = run_load(base + paths[name], headers=web if name == "web" else api,
                            connections=connections, seconds=seconds, max_requests=max_requests)
            # A timeout or two is the load (a loaded machine, 10 s wrk timeout); more, or answers
            # other than 2xx, are a broken read.
            if load.failures > max(1, load.requests // 50):
                raise RuntimeError(f"{paths[name]}: {load.failures} of {load.requests} requests failed")
            loads[name].append(load)
            return load.requests_per_second
        return go

    for name in paths:  # warm both workers: first imports, first compiled queries and templates
        run_load(base + paths[name], headers=web if name == "web" else api, connections=2, seconds=1,
                 max_requests=10)
    interleaved({name: measure_one(name) for name in paths}, rounds)
    return loads


LABELS = {"one": "one agreement", "page": f"page of {PAGE}", "web": "agreement's web page",
          "document": "Word document"}
TARGETS = {"one": TARGET_ONE, "page": TARGET_PAGE, "web": TARGET_WEB, "document": None}


def run(backend: str = "sqlite", *, agreements: int = 2000, seconds: float = 5, rounds: int = 5,
        max_requests: int | None = None, connection_counts: tuple[int, ...] = (16, CONNECTIONS)) -> list[Row]:
    with databases.throwaway_database(backend, "api") as url:
        with databases.migrated_app(url) as app:
            from iop.extensions import db

            token, ident = prepare(db, agreements)
            headers = {"Authorization": f"Bearer {token}"}
            paths = read_paths(ident)
            # What a page costs when it is not kept (the first read after a change): the same for 1 and 50.
            kept, app.config["AGREEMENT_LISTS_KEPT"] = app.config["AGREEMENT_LISTS_KEPT"], 0
            queries = {size: count_queries(app, f"/api/v1/agreements?per_page={size}", headers)
                       for size in (1, PAGE)}
            app.config["AGREEMENT_LISTS_KEPT"] = kept
            per_read = {name: count_queries(app, paths[name], headers) for name in ("one", "document")}
            same = {"one": capture_queries(app.test_client(), paths["one"], headers),
                    "page": capture_queries(app.test_client(), paths["page"], headers),
                    "web": capture_queries(web_client(app), paths["web"])}
            # What the measured (warm, kept) requests run; a page not kept runs queries[PAGE].
            per_read["page"], per_read["web"] = len(same["page"]), len(same["web"])
        replay = Path(tempfile.mkdtemp(prefix="iop-bench-same-")) / "queries.pickle"
        replay.write_bytes(pickle.dumps(same))
        with gunicorn(url, same_queries=replay) as base:
            by_connections = {n: measure(base, token, ident, seconds=seconds, rounds=rounds,
                                         max_requests=max_requests, connections=n)
                              for n in connection_counts}
    rows: list[Row] = []
    for n, loads in by_connections.items():
        rate = {name: median([load.requests_per_second for load in runs]) for name, runs in loads.items()}
        tool = loads["one"][0].tool
        context = (f"{backend}, {agreements:,} agreements, gunicorn 2 sync workers, {tool}, "
                   f"{n} connections, median of {rounds}")
        baseline = f"{rate['bare']:,.0f} req/s bare"
        for name in SAME_READS:
            # The floor under each read: a bare endpoint running the read's very statements.
            same = f"same-{name}"
            floor = rate[same] / rate["bare"] if rate["bare"] else 0.0
            rows.append(Row(
                f"API: bare + the queries of {LABELS[name]} ({backend}, {n} conns)",
                f"{rate[same]:,.0f} req/s", baseline, floor, "floor for " + LABELS[name], None,
                f"{context}; the {per_read[name]} statements of one {LABELS[name]} read on a raw DB-API "
                f"connection, nothing else; p50 {median([x.p50_ms for x in loads[same]]):.1f} ms"))
        for name in ("one", "page", "web", "document"):
            ratio = rate[name] / rate["bare"] if rate["bare"] else 0.0
            p50 = median([load.p50_ms for load in loads[name]])
            p99 = median([load.p99_ms for load in loads[name]])
            target = TARGETS[name]
            rows.append(Row(
                f"API: {LABELS[name]} ({backend}, {n} conns)", f"{rate[name]:,.0f} req/s", baseline, ratio,
                f">= {target}x bare" if target else "report", ratio >= target if target else None,
                f"{context}; p50 {p50:.1f} ms, p99 {p99:.1f} ms; {per_read[name]} queries a request"))
        if n == CONNECTIONS:
            p99 = median([load.p99_ms for load in loads["one"]])
            rows.append(Row(f"API: one agreement p99 ({backend})", f"{p99:.1f} ms", "", None,
                            f"< {TARGET_P99_MS} ms at {CONNECTIONS} conns", p99 < TARGET_P99_MS))
    rows.append(Row(f"API: page queries ({backend})", f"{queries[PAGE]} for {PAGE}", f"{queries[1]} for 1",
                    None, "constant", queries[PAGE] == queries[1],
                    note="a page read as it is after a change (not kept); a kept page runs the token and "
                         "the audit state"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--agreements", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(format_table(run(args.database, agreements=args.agreements, seconds=args.seconds,
                           rounds=args.rounds)))


if __name__ == "__main__":
    main()
