"""Department pages: the list and registering one (its committee is created when new)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from iop.departments import services
from iop.departments.schemas import DepartmentIn
from iop.errors import Conflict, Invalid
from iop.extensions import db
from iop.web.forms import FormState, load_form
from iop.web.listing import page_args, page_of

FIELDS = ("code", "name", "committee", "email")
LABELS = {"code": "Kod", "name": "Namn", "committee": "Nämnd", "email": "Funktionsbrevlåda"}
MISSING = {"code": "Ange förvaltningens kod.", "name": "Ange förvaltningens namn.",
           "committee": "Ange nämnden som förvaltningen arbetar åt."}


def index():
    pager = page_of(services.list_departments(), **page_args(request.args))
    return render_template("admin/departments.html", pager=pager)


def new():
    form = FormState({name: request.form.get(name, "") for name in FIELDS}, labels=LABELS, missing=MISSING)
    status = 200
    if request.method == "POST":
        try:
            department = services.create_department(**load_form(DepartmentIn(), form.input(FIELDS)))
            db.session.commit()
        except (Invalid, Conflict) as error:
            db.session.rollback()
            form.fail(error)
            status = error.status
        else:
            flash(f"{department.name} ({department.code}) är registrerad.", "success")
            return redirect(url_for(".departments"))
    return render_template("admin/department_form.html", form=form), status
