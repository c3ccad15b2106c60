"""Department pages: the list, registering one under a committee picked from the kept list
(iop.admin.committees keeps it) and editing its name, committee and mailbox (the code stays)."""

from __future__ import annotations

from flask import flash, render_template, request, url_for

from iop.departments import services
from iop.departments.models import Department
from iop.departments.schemas import DepartmentPicked, DepartmentPickedChange
from iop.extensions import db
from iop.sorting import swedish_key
from iop.web.forms import FormState, Versioned, form_page, integer, posted
from iop.web.listing import page_args, page_of

FIELDS = ("code", "name", "committee_id", "email")
CHANGE_FIELDS = ("name", "committee_id", "email")
LABELS = {"code": "Kod", "name": "Namn", "committee_id": "Nämnd", "email": "Funktionsbrevlåda"}
MISSING = {"code": "Ange förvaltningens kod.", "name": "Ange förvaltningens namn.",
           "committee_id": "Välj nämnden som förvaltningen arbetar åt."}


def _form(values=None) -> FormState:
    return FormState(values, labels=LABELS, missing=MISSING)


def _input(form: FormState, names) -> dict:
    data = form.input(names)
    if "committee_id" in data:
        data["committee_id"] = integer(data["committee_id"])
    return data


def _committees() -> list[tuple[int, str]]:
    """The kept committees as the form's choices, in Swedish alphabetical order."""
    return sorted(((c.id, c.name) for c in db.session.scalars(services.list_committees())),
                  key=lambda choice: swedish_key(choice[1]))


def index():
    pager = page_of(services.list_departments(), **page_args(request.args))
    return render_template("admin/departments.html", pager=pager)


def new():
    form = _form(posted(only=FIELDS))

    def done(department: Department) -> str:
        flash(f"{department.name} ({department.code}) är registrerad.", "success")
        return url_for(".departments")

    return form_page("admin/department_form.html", form=form, schema=DepartmentPicked(),
                     data=lambda: _input(form, FIELDS), save=lambda data: services.create_department(**data),
                     done=done, context=lambda: {"department": None, "committees": _committees()})


def values_of(department: Department) -> dict[str, str]:
    return {"name": department.name, "committee_id": str(department.committee_id),
            "email": department.email or "", "version": str(department.version)}


def edit(code: str):
    department = services.get_department(code=code)
    form = _form(values_of(department) if request.method == "GET"
                 else posted(only=(*CHANGE_FIELDS, "version")))

    def done(department: Department) -> str:
        flash(f"Ändringarna av {department.name} ({department.code}) är sparade.", "success")
        return url_for(".departments")

    def shown(name: str, value: str) -> str:
        """A committee in the list of differences by its name, not its id."""
        if name != "committee_id":
            return value
        return dict((str(id_), text) for id_, text in _committees()).get(value, value)

    return form_page("admin/department_form.html", form=form, schema=DepartmentPickedChange(),
                     data=lambda: _input(form, CHANGE_FIELDS),
                     save=lambda data: services.update_department(department=department, **data), done=done,
                     versioned=Versioned(current=lambda: department.version,
                                         stored=lambda: values_of(department), fields=CHANGE_FIELDS,
                                         shown=shown),
                     context=lambda: {"department": department, "committees": _committees()})
