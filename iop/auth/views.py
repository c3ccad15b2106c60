"""Web login and logout with a password (argon2)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired

from iop.audit.context import Actor, set_actor
from iop.auth import services
from iop.auth.models import User
from iop.extensions import db, login_manager

bp = Blueprint("auth", __name__)

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
    if form.validate_on_submit():
        user = services.check_password(email=form.email.data, password=form.password.data)
        if user is None:
            form.password.errors.append("Fel e-postadress eller lösenord.")
        else:
            session.clear()  # a new session on login: no fixation
            login_user(user)
            set_actor(Actor(user.email, user.id))
            services.record_login(user=user)
            db.session.commit()
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form), 200 if not form.errors else 422


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
