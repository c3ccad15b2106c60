"""Web login and logout with a password (argon2)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy.exc import InterfaceError, OperationalError

from iop.audit.context import Actor, set_actor
from iop.auth import services
from iop.auth.models import User
from iop.extensions import db, login_manager
from iop.web.forms import FormState

bp = Blueprint("auth", __name__)

login_manager.login_view = "auth.login"
login_manager.login_message = "Logga in för att fortsätta."
login_manager.login_message_category = "info"
login_manager.session_protection = "strong"

LABELS = {"email": "E-postadress", "password": "Lösenord"}
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
    if not form.failed:
        user = services.check_password(email=form.value("email"), password=form.value("password"))
        if user is None:
            form.add_error("password", ["Fel e-postadress eller lösenord."])
        else:
            session.clear()  # a new session on login: no fixation
            login_user(user)
            set_actor(Actor(user.email, user.id))
            services.record_login(user=user)
            db.session.commit()
            return redirect(_safe_next(request.args.get("next")))
    form.values.pop("password", None)  # a password is never sent back in a page
    return render_template("auth/login.html", form=form), 422


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    logout_user()
    session.clear()
    flash("Du är utloggad.", "success")
    return redirect(url_for("auth.login"))
