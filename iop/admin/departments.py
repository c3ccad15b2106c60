"""Department pages: the list, registering one (its committee is created when new) and editing
its name, committee and mailbox (the code stays)."""

from __future__ import annotations

from flask import flash, render_template, request, url_for

from iop.departments import services
from iop.departments.models import Department
from iop.departments.schemas import DepartmentChange, DepartmentIn
from iop.web.forms import FormState, Versioned, form_page, posted
from iop.web.listing import page_args, page_of

FIELDS = ("code", "name", "committee", "email")
CHANGE_FIELDS = ("name", "committee", "email")
LABELS = {"code": "Kod", "name": "Namn", "committee": "Nämnd", "email": "Funktionsbrevlåda"}
MISSING = {"code": "Ange förvaltningens kod.", "name": "Ange förvaltningens namn.",
           "committee": "Ange nämnden som förvaltningen arbetar åt."}


def _form(values=None) -> FormState:
    return FormState(values, labels=LABELS, missing=MISSING)


def index():
    pager = page_of(services.list_departments(), **page_args(request.args))
    return render_template("admin/departments.html", pager=pager)


def new():
    form = _form(posted(only=FIELDS))

    def done(department: Department) -> str:
        flash(f"{department.name} ({department.code}) är registrerad.", "success")
        return url_for(".departments")

    return form_page("admin/department_form.html", form=form, schema=DepartmentIn(),
                     data=lambda: form.input(FIELDS), save=lambda data: services.create_department(**data),
                     done=done, context={"department": None})


def values_of(department: Department) -> dict[str, str]:
    return {"name": department.name, "committee": department.committee.name, "email": department.email or "",
            "version": str(department.version)}


def edit(code: str):
    department = services.get_department(code=code)
    form = _form(values_of(department) if request.method == "GET"
                 else posted(only=(*CHANGE_FIELDS, "version")))

    def done(department: Department) -> str:
        flash(f"Ändringarna av {department.name} ({department.code}) är sparade.", "success")
        return url_for(".departments")

    return form_page("admin/department_form.html", form=form, schema=DepartmentChange(),
                     data=lambda: form.input(CHANGE_FIELDS),
                     save=lambda data: services.update_department(department=department, **data), done=done,
                     versioned=Versioned(current=lambda: department.version,
                                         stored=lambda: values_of(department), fields=CHANGE_FIELDS),
                     context={"department": department})
