"""User pages: the list, registering a user, and the writes posted from a user's page.

The rules (an officer belongs to a department, passwords of at least 10 characters, there
is always an active admin) are the services', the same as on the command line.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from iop.admin import user_page
from iop.auth import services
from iop.auth.schemas import UserChange, UserIn
from iop.errors import Conflict, Invalid
from iop.extensions import db
from iop.web.display import role_label
from iop.web.forms import load_form
from iop.web.listing import page_args, page_of

FIELDS = ("email", "name", "role", "department")
CHANGE_FIELDS = ("name", "role", "department")  # the e-mail is the login and stays


def _posted(names) -> dict[str, str]:
    return {name: request.form.get(name, "") for name in names}


def index():
    pager = page_of(services.list_users(), **page_args(request.args))
    return render_template("admin/users.html", pager=pager)


def new():
    form = user_page.details_form(_posted(FIELDS))
    status = 200
    if request.method == "POST":
        try:
            data = load_form(UserIn(), form.input(FIELDS))
            user = services.create_user(**data)
            db.session.commit()
        except (Invalid, Conflict) as error:
            db.session.rollback()
            form.fail(error)
            status = error.status
        else:
            flash(f"{user.email} är registrerad som {role_label(user.role).lower()}. "
                  "Sätt ett lösenord eller skapa en API-token nedan.", "success")
            return redirect(url_for(".user", user_id=user.id))
    return render_template("admin/user_form.html", form=form, roles=user_page.ROLES,
                           departments=user_page.department_choices()), status


def show(user_id: int):
    return user_page.render_user_page(services.get_user_by_id(user_id=user_id))


def update(user_id: int):
    user = services.get_user_by_id(user_id=user_id)
    form = user_page.details_form(_posted(CHANGE_FIELDS))
    try:
        data = load_form(UserChange(), form.input(CHANGE_FIELDS))
        services.update_user(user=user, **data)
        db.session.commit()
    except (Invalid, Conflict) as error:
        db.session.rollback()
        form.fail(error)
        return user_page.render_user_page(user, details=form, status=error.status)
    flash("Ändringarna är sparade.", "success")
    return redirect(url_for(".user", user_id=user.id))


def set_password(user_id: int):
    user = services.get_user_by_id(user_id=user_id)
    try:
        services.set_password(user=user, password=request.form.get("password", ""))
        db.session.commit()
    except Invalid as error:
        db.session.rollback()
        form = user_page.password_form()  # a password is never sent back in a page
        form.fail(error)
        return user_page.render_user_page(user, password=form, status=error.status)
    flash(f"Lösenordet för {user.email} är ändrat. Lämna det till användaren på ett säkert sätt.", "success")
    return redirect(url_for(".user", user_id=user.id))


def set_active(user_id: int):
    user = services.get_user_by_id(user_id=user_id)
    active = request.form.get("active") != "0"  # only an explicit "0" deactivates
    try:
        services.set_user_active(user=user, active=active)
        db.session.commit()
    except Conflict as error:
        db.session.rollback()
        form = user_page.account_form()
        form.fail(error)
        return user_page.render_user_page(user, account=form, status=error.status)
    flash(f"{user.email} är {'aktiv igen' if active else 'inaktiverad'}.", "success")
    return redirect(url_for(".user", user_id=user.id))


def end_sessions(user_id: int):
    user = services.get_user_by_id(user_id=user_id)
    ended = services.end_web_sessions(user=user)
    db.session.commit()
    flash(f"{user.email} är utloggad från {ended} webbläsare. Dess API-token påverkas inte.", "success")
    return redirect(url_for(".user", user_id=user.id, _anchor="konto"))
