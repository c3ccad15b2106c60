"""Web login and logout with a password (argon2)."""

from __future__ import annotations

import logging
import math
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired

from iop.audit.context import Actor, set_actor
from iop.auth import services, throttling
from iop.auth.models import User
from iop.auth.sessions import start_session
from iop.clock import utcnow
from iop.extensions import db, login_manager

bp = Blueprint("auth", __name__)
log = logging.getLogger(__name__)

login_manager.login_view = "auth.login"
login_manager.login_message = "Logga in för att fortsätta."
login_manager.session_protection = "strong"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
    if user is not None and user.active:
        set_actor(Actor(user.email, user.id))
        return user
    return None


class LoginForm(FlaskForm):
    email = EmailField("E-postadress", validators=[DataRequired("Ange din e-postadress.")])
    password = PasswordField("Lösenord", validators=[DataRequired("Ange ditt lösenord.")])


def _safe_next(target: str | None) -> str:
    # Only same-site paths: an open redirect would let a phishing link borrow our login page.
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("auth.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    status, headers = 200, {}
    if form.validate_on_submit():
        locked_until = throttling.login_locked_until(email=form.email.data, address=request.remote_addr)
        user = None
        if locked_until is None:
            user = services.check_password(email=form.email.data, password=form.password.data)
            if user is None:
                locked_until = throttling.record_login_failure(email=form.email.data,
                                                               address=request.remote_addr)
                db.session.commit()
                log.info("web login failed")  # no e-mail: people type passwords into that field
        if user is not None:
            throttling.clear_login_failures(email=user.email)
            session.clear()  # a new session on login: no fixation
            login_user(user)
            start_session()
            set_actor(Actor(user.email, user.id))
            services.record_login(user=user)
            db.session.commit()
            return redirect(_safe_next(request.args.get("next")))
        if locked_until is not None:
            form.password.errors.append(_locked_message(locked_until))
            status, headers = 429, {"Retry-After": str(_seconds_until(locked_until))}
        else:
            form.password.errors.append("Fel e-postadress eller lösenord.")
    if form.errors and status == 200:
        status = 422
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
    logout_user()
    session.clear()
    flash("Du är utloggad.")
    return redirect(url_for("auth.login"))


@bp.route("/")
@login_required
def index():
    return render_template("index.html", user=current_user)
