"""Web sessions that live on the server (iop.auth.models.WebSession), not only in the cookie.

The signed cookie carries a random key; the request is signed in only while a row has that
key's hash. Logout, a new password, deactivation and an admin's "log out everywhere" delete
rows, so a copied cookie stops working with them. A session also ends after
SESSION_IDLE_MINUTES without a request and SESSION_MAX_HOURS after login, however busy.

A table of our own rather than Flask-Session: Flask-Session stores pickled session blobs by
session id and cannot list or end one user's sessions, which the pages here need.

Flask-Login's "strong" protection is replaced by a check against the row: the browser
(User-Agent) and the address the session started from. The address is request.remote_addr,
which only werkzeug's ProxyFix (IOP_PROXY_COUNT) may take from X-Forwarded-For; Flask-Login
would read that header straight from the client.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Flask, current_app, flash, g, request, session
from flask_login import logout_user
from sqlalchemy.exc import InterfaceError, OperationalError

from iop.auth import services
from iop.auth.models import User
from iop.extensions import db

KEY = "iop_session"
ENDED = "Din inloggning har avslutats. Logga in igen."


def start_session(user: User) -> None:
    """Open a session row for `user`, who has just logged in, and put its key in the (new) cookie."""
    session[KEY] = services.open_web_session(
        user=user, user_agent=request.headers.get("User-Agent", ""), address=request.remote_addr)


def end_session() -> None:
    """Log out this browser: its row goes, and with it any copy of its cookie."""
    row = services.web_session_for(session.get(KEY))
    if row is not None:
        db.session.delete(row)
    logout_user()
    session.clear()


def current_session_id() -> int | None:
    """The id of this browser's session row (to mark it on the sessions page)."""
    return g.get("web_session_id")


def _refusal() -> str | None:
    """Why the signed-in cookie of this request is no (longer a) session, or None."""
    try:
        row = services.web_session_for(session.get(KEY))
    except (OperationalError, InterfaceError):
        g.database_unavailable = True  # the 503 page is drawn for a signed-out visitor
        raise
    if row is None or str(row.user_id) != str(session.get("_user_id")) or not row.user.active:
        return ENDED
    if row.user_agent != (request.headers.get("User-Agent", "") or "")[:300] \
            or row.address != (request.remote_addr or "")[:64]:
        return ENDED  # the cookie turned up in another browser or place: refuse it there
    config = current_app.config
    reason = services.web_session_ended(row=row, idle=timedelta(minutes=config["SESSION_IDLE_MINUTES"]),
                                        longest=timedelta(hours=config["SESSION_MAX_HOURS"]))
    if reason is None:
        g.web_session_id = row.id
        # Held for the request: the ORM session keeps rows only while they are referenced, and
        # Flask-Login's loader (session.get) then finds the user without a statement of its own.
        g.web_session_user = row.user
    return reason


def install(app: Flask) -> None:
    @app.before_request
    def enforce_server_sessions() -> None:
        if request.path.startswith("/api/") or request.endpoint == "static":
            return
        if "_user_id" not in session:
            return
        reason = _refusal()
        if db.session.new or db.session.dirty or db.session.deleted:
            db.session.commit()
        if reason is not None:
            logout_user()
            session.clear()
            flash(reason)
            # the page's @login_required now sends the browser to the login page
