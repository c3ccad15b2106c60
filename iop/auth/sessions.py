"""Web sessions that end: after SESSION_IDLE_MINUTES without a request, and SESSION_MAX_HOURS
after login however busy, so a municipal PC left logged in does not stay a way in."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask, current_app, flash, request, session
from flask_login import logout_user

from iop.clock import utcnow

STARTED = "iop_started"
SEEN = "iop_seen"
# Rewriting the cookie on every request would cost a Set-Cookie each time; a minute is close enough.
_SEEN_RESOLUTION = timedelta(minutes=1)


def _now() -> int:
    return int(utcnow().timestamp())


def start_session() -> None:
    """Mark the moment of login in the (new) session."""
    session[STARTED] = session[SEEN] = _now()


def session_expired() -> str | None:
    """Why the logged-in session is over, in Swedish, or None while it is still good."""
    now = _now()
    started, seen = session.get(STARTED), session.get(SEEN)
    if not isinstance(started, int) or not isinstance(seen, int):
        # Signed by us but from before these limits (a deploy, a test's direct sign-in):
        # its clock starts now rather than throwing everyone out at once.
        start_session()
        return None
    if now - started > current_app.config["SESSION_MAX_HOURS"] * 3600:
        return "Du har varit inloggad länge och har loggats ut. Logga in igen."
    if now - seen > current_app.config["SESSION_IDLE_MINUTES"] * 60:
        return "Du har loggats ut efter en stunds inaktivitet. Logga in igen."
    return None


def install(app: Flask) -> None:
    @app.before_request
    def enforce_session_limits() -> None:
        if request.path.startswith("/api/") or request.endpoint == "static":
            return
        if "_user_id" not in session:
            return
        reason = session_expired()
        if reason is not None:
            logout_user()
            session.clear()
            flash(reason)
            return  # the page's @login_required now sends the browser to the login page
        if _now() - session[SEEN] >= _SEEN_RESOLUTION.total_seconds():
            session[SEEN] = _now()
