"""Committee pages: the list admins keep (with how many departments each has), adding one and
renaming one. Departments pick their committee from this list; the API and the grants import
match a name against it regardless of case and spacing."""

from __future__ import annotations

import sqlalchemy as sa
from flask import flash, render_template, request, url_for

from iop.departments import services
from iop.departments.models import Committee, Department
from iop.departments.schemas import CommitteeIn
from iop.extensions import db
from iop.web.forms import FormState, Versioned, form_page, posted
from iop.web.listing import page_args, page_of

LABELS = {"name": "Namn"}
MISSING = {"name": "Ange nämndens namn."}


def _form(values=None) -> FormState:
    return FormState(values, labels=LABELS, missing=MISSING)


def index():
    pager = page_of(services.list_committees(), **page_args(request.args))
    return render_template("admin/committees.html", pager=pager,
                           counts=services.department_counts(pager.items))


def new():
    form = _form(posted(only=("name",)))

    def done(committee: Committee) -> str:
        flash(f"{committee.name} är tillagd. Förvaltningar kan nu välja den.", "success")
        return url_for(".committees")

    return form_page("admin/committee_form.html", form=form, schema=CommitteeIn(),
                     data=lambda: form.input(("name",)), save=lambda data: services.create_committee(**data),
                     done=done, context={"committee": None})


def values_of(committee: Committee) -> dict[str, str]:
    return {"name": committee.name, "version": str(committee.version)}


def edit(committee_id: int):
    committee = services.get_committee(committee_id=committee_id)
    form = _form(values_of(committee) if request.method == "GET" else posted(only=("name", "version")))

    def done(committee: Committee) -> str:
        flash(f"Nämnden heter nu {committee.name}.", "success")
        return url_for(".committees")

    def context() -> dict:
        departments = db.session.scalars(sa.select(Department).filter_by(committee_id=committee.id)
                                         .order_by(Department.code)).all()
        return {"committee": committee, "departments": departments}

    return form_page("admin/committee_form.html", form=form, schema=CommitteeIn(),
                     data=lambda: form.input(("name",)),
                     save=lambda data: services.rename_committee(committee=committee, **data), done=done,
                     versioned=Versioned(current=lambda: committee.version,
                                         stored=lambda: values_of(committee), fields=("name",)),
                     context=context)
