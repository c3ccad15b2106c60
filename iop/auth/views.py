"""Web login and logout with a password (argon2)."""

from __future__ import annotations

import logging
import math
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user
from sqlalchemy.exc import InterfaceError, OperationalError

from iop.audit.context import Actor, set_actor
from iop.auth import services, throttling
from iop.auth.models import User
from iop.auth.sessions import current_session_id, end_session, start_session
from iop.clock import utcnow
from iop.extensions import db, login_manager
from iop.web.forms import FormState, form_page, posted

bp = Blueprint("auth", __name__)
log = logging.getLogger(__name__)

login_manager.login_view = "auth.login"
login_manager.login_message = "Logga in för att fortsätta."
login_manager.login_message_category = "info"
# Flask-Login's "strong" protection reads X-Forwarded-For as the client sends it; the session
# rows check the browser and the (ProxyFix-trusted) address instead (iop.auth.sessions).
login_manager.session_protection = None

LABELS = {"email": "E-postadress", "password": "Lösenord"}
PASSWORD_FIELDS = ("current_password", "new_password", "repeated_password")
PASSWORD_LABELS = {"current_password": "Nuvarande lösenord", "new_password": "Nytt lösenord",
                   "repeated_password": "Nytt lösenord igen"}
PASSWORD_MISSING = {"current_password": "Ange ditt nuvarande lösenord.",
                    "new_password": "Ange ett nytt lösenord.",
                    "repeated_password": "Skriv det nya lösenordet en gång till."}
MISSING = {"email": "Ange din e-postadress.", "password": "Ange ditt lösenord."}


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    if g.get("database_unavailable"):
        # The 503 page for this outage is being drawn: draw it for a signed-out visitor
        # rather than fail again on loading the user it would greet.
        return None
    try:
        user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
    except (OperationalError, InterfaceError):
        g.database_unavailable = True
        raise
    if user is not None and user.active:
        set_actor(Actor(user.email, user.id))
        return user
    return None


def _safe_next(target: str | None) -> str:
    # Only same-site paths: an open redirect would let a phishing link borrow our login page.
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc \
            and "\\" not in target:
        return target
    return url_for("start.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        if current_user.is_authenticated:
            return redirect(_safe_next(request.args.get("next")))
        return render_template("auth/login.html", form=FormState(labels=LABELS))
    form = FormState.from_request(labels=LABELS)
    for name, message in MISSING.items():
        if not form.value(name).strip():
            form.add_error(name, [message])
    status, headers = 422, {}
    if not form.failed:
        email, address = form.value("email"), request.remote_addr
        locked_until = throttling.login_locked_until(email=email, address=address)
        user = None
        if locked_until is None:
            user = services.check_password(email=email, password=form.value("password"))
            if user is None:
                locked_until = throttling.record_login_failure(email=email, address=address)
                db.session.commit()
                log.info("web login failed")  # no e-mail: people type passwords into that field
        if user is not None:
            throttling.clear_login_failures(email=user.email, address=address)
            session.clear()  # a new session on login: no fixation
            login_user(user)
            start_session(user)
            set_actor(Actor(user.email, user.id))
            services.record_login(user=user)
            db.session.commit()
            return redirect(_safe_next(request.args.get("next")))
        if locked_until is not None:
            form.add_error("password", [_locked_message(locked_until)])
            status, headers = 429, {"Retry-After": str(_seconds_until(locked_until))}
        else:
            form.add_error("password", ["Fel e-postadress eller lösenord."])
    form.values.pop("password", None)  # a password is never sent back in a page
    return render_template("auth/login.html", form=form), status, headers


def _locked_message(until) -> str:
    local = until.astimezone(ZoneInfo(current_app.config["TIMEZONE"]))
    return (f"För många misslyckade inloggningar. Inloggningen är spärrad till kl. {local:%H:%M}; "
            "försök igen då, eller kontakta en administratör.")


def _seconds_until(moment) -> int:
    return max(1, math.ceil((moment - utcnow()).total_seconds()))


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    end_session()
    db.session.commit()
    flash("Du är utloggad.", "success")
    return redirect(url_for("auth.login"))


@bp.route("/konto/sessioner")
@login_required
def my_sessions():
    rows = db.session.scalars(services.list_web_sessions(user=current_user)).all()
    return render_template("auth/sessions.html", sessions=rows, current_id=current_session_id())


@bp.route("/konto/sessioner/<int:session_id>/avsluta", methods=["POST"])
@login_required
def end_my_session(session_id: int):
    this_browser = session_id == current_session_id()
    services.end_web_session(session_id=session_id, owner=current_user)
    if this_browser:
        end_session()
    db.session.commit()
    if this_browser:
        flash("Du är utloggad.", "success")
        return redirect(url_for("auth.login"))
    flash("Sessionen är avslutad. Den webbläsaren måste logga in igen.", "success")
    return redirect(url_for("auth.my_sessions"))


@bp.route("/konto", methods=["GET", "POST"])
@login_required
def my_account():
    """My account: change my password (which signs out my other browsers), and links to the rest."""
    form = FormState(posted(), labels=PASSWORD_LABELS, missing=PASSWORD_MISSING)
    typed = {name: form.value(name) for name in PASSWORD_FIELDS}
    if request.method == "POST":
        for name in PASSWORD_FIELDS:
            form.values.pop(name, None)  # a password is never sent back in a page
            if not typed[name]:
                form.add_error(name, [PASSWORD_MISSING[name]])

    def save():
        if form.failed:
            return None
        services.change_own_password(user=current_user, current_password=typed["current_password"],
                                     new_password=typed["new_password"],
                                     repeated_password=typed["repeated_password"])
        start_session(current_user)  # every session ended with the old password; this browser goes on
        return current_user

    def done(user):
        if user is None:
            return render_template("auth/account.html", form=form), 422
        flash("Lösenordet är bytt. Du är utloggad i alla andra webbläsare.", "success")
        return url_for("auth.my_account")

    return form_page("auth/account.html", form=form, save=save, done=done)
