"""User pages: the list, registering a user, and the writes posted from a user's page.

The rules (an officer belongs to a department, passwords of at least 10 characters, there
is always an active admin) are the services', the same as on the command line.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from iop.admin import user_page
from iop.auth import services
from iop.auth.models import User
from iop.auth.schemas import UserChange, UserIn
from iop.extensions import db
from iop.web.display import role_label
from iop.web.forms import form_page, posted
from iop.web.listing import page_args, page_of

FIELDS = ("email", "name", "role", "department")
CHANGE_FIELDS = ("name", "role", "department")  # the e-mail is the login and stays


def index():
    pager = page_of(services.list_users(), **page_args(request.args))
    return render_template("admin/users.html", pager=pager)


def new():
    form = user_page.details_form(posted(only=FIELDS))

    def done(user: User) -> str:
        flash(f"{user.email} är registrerad som {role_label(user.role).lower()}. "
              "Sätt ett lösenord eller skapa en API-token nedan.", "success")
        return url_for(".user", user_id=user.id)

    return form_page("admin/user_form.html", form=form, schema=UserIn(), data=lambda: form.input(FIELDS),
                     save=lambda data: services.create_user(**data), done=done,
                     context=lambda: {"roles": user_page.ROLES,
                                      "departments": user_page.department_choices()})


def show(user_id: int):
    return user_page.render_user_page(services.get_user_by_id(user_id=user_id))


def update(user_id: int):
    user = services.get_user_by_id(user_id=user_id)
    form = user_page.details_form(posted(only=(*CHANGE_FIELDS, "version")))

    def render(status: int, differences=None):
        return user_page.render_user_page(user, details=form, status=status, differences=differences)

    def done(_) -> str:
        flash("Ändringarna är sparade.", "success")
        return url_for(".user", user_id=user.id)

    return form_page(render, form=form, schema=UserChange(), data=lambda: form.input(CHANGE_FIELDS),
                     save=lambda data: services.update_user(user=user, **data), done=done,
                     versioned=user_page.versioned(user))


def set_password(user_id: int):
    user = services.get_user_by_id(user_id=user_id)
    form = user_page.password_form()  # a password is never sent back in a page

    def render(status: int, differences=None):
        return user_page.render_user_page(user, password=form, status=status)

    def done(_) -> str:
        flash(f"Lösenordet för {user.email} är ändrat. Lämna det till användaren på ett säkert sätt.",
              "success")
        return url_for(".user", user_id=user.id)

    return form_page(render, form=form, done=done,
                     save=lambda: services.set_password(user=user, password=request.form.get("password", "")))


def set_active(user_id: int):
    user = services.get_user_by_id(user_id=user_id)
    active = request.form.get("active") != "0"  # only an explicit "0" deactivates
    form = user_page.account_form()

    def render(status: int, differences=None):
        return user_page.render_user_page(user, account=form, status=status)

    def done(_) -> str:
        flash(f"{user.email} är {'aktiv igen' if active else 'inaktiverad'}.", "success")
        return url_for(".user", user_id=user.id)

    return form_page(render, form=form, done=done,
                     save=lambda: services.set_user_active(user=user, active=active))


def end_sessions(user_id: int):
    user = services.get_user_by_id(user_id=user_id)
    ended = services.end_web_sessions(user=user)
    db.session.commit()
    flash(f"{user.email} är utloggad från {ended} webbläsare. Dess API-token påverkas inte.", "success")
    return redirect(url_for(".user", user_id=user.id, _anchor="konto"))
