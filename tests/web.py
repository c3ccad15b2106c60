"""Helpers for driving the server-rendered pages through the test client, CSRF and all."""

from __future__ import annotations

import re

_CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def csrf_token(html: str) -> str:
    match = _CSRF.search(html)
    assert match, "the page has no CSRF token field"
    return match.group(1) or match.group(2)


def login(client, email: str, password: str, next_url: str | None = None):
    page = client.get("/login")
    url = "/login" + (f"?next={next_url}" if next_url else "")
    return client.post(url, data={"email": email, "password": password,
                                  "csrf_token": csrf_token(page.get_data(as_text=True))})


WEB_PASSWORD = "ett-langt-losenord"


def make_web_user(app, role: str = "officer", department: str | None = "KFF", email: str | None = None,
                  password: str | None = None) -> tuple[int, str]:
    """A user of `role` (an officer or coordinator in `department`); returns (id, e-mail)."""
    from iop.auth import services
    from iop.extensions import db

    email = email or f"{role}.web@kommun.test"
    with app.app_context():
        in_department = role in ("officer", "coordinator")
        user = services.create_user(email=email, role=role, name=role.title(), password=password,
                                    department_code=department if in_department else None)
        db.session.commit()
        return user.id, email


def sign_in(client, app, role: str = "officer", department: str | None = "KFF",
            email: str | None = None) -> str:
    """Make a user of `role` and sign the client in as it: a session row and the cookie that
    carries its key, as the login page makes them (hashing and checking a password costs a
    second here; the login page has tests of its own)."""
    user_id, email = make_web_user(app, role, department, email)
    signed_in_session(client, app, user_id)
    return email


def signed_in_session(client, app, user_id: int) -> None:
    """Give `client` a server-side session of the user with `user_id`, from the client's browser."""
    from flask import request

    from iop.auth import services
    from iop.auth.models import User
    from iop.auth.sessions import KEY
    from iop.extensions import db

    with app.test_request_context(environ_base=client.environ_base):
        key = services.open_web_session(user=db.session.get(User, user_id),
                                        user_agent=request.headers.get("User-Agent", ""),
                                        address=request.remote_addr)
        db.session.commit()
    with client.session_transaction() as session:
        session.update({"_user_id": str(user_id), "_fresh": True, KEY: key})


def page_csrf(client, path: str) -> str:
    return csrf_token(client.get(path).get_data(as_text=True))


# Read by calendar programs, not people: the secret URL is its login and it is no page.
MACHINE_FEEDS = {"calendar.feed"}


def web_pages(app) -> set[str]:
    """The endpoints of every page a browser can GET: all but the API, static files and feeds."""
    return {rule.endpoint for rule in app.url_map.iter_rules()
            if "GET" in rule.methods and not rule.rule.startswith(("/api/", "/static/"))} - MACHINE_FEEDS


def text_of(html: str) -> str:
    """The page's text as a reader sees it: tags gone, spaces (also no-break ones) collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html).replace("&nbsp;", " ")).replace("\u00a0", " ")


def table_rows(html: str, caption: str) -> list[list[str]]:
    """The body rows of the table with exactly `caption`, each cell's text."""
    table = re.search(rf"<caption[^>]*>{re.escape(caption)}</caption>(.*?)</table>", html, re.S)
    assert table, f"no table captioned {caption!r}"
    body = table.group(1).split("<tbody>", 1)[1]
    return [[text_of(cell).strip() for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]
