"""One user's page: the user's details and four small forms (details, password, API tokens, account).

Each form posts to its own address. A refused post shows this page again with that form's
errors beside its fields, and the other forms as they stand; a new token is shown in the
answer to the post that made it and nowhere else.
"""

from __future__ import annotations

from flask import render_template

from iop.auth import services
from iop.auth.models import User
from iop.clock import utcnow
from iop.departments.services import list_departments
from iop.extensions import db
from iop.roles import ROLE_LABELS
from iop.web.forms import FormState, Versioned

LABELS = {"email": "E-postadress", "name": "Namn", "role": "Roll", "department": "Förvaltning"}
MISSING = {"email": "Ange användarens e-postadress.", "role": "Välj en roll."}
ROLES = [(role.value, label) for role, label in ROLE_LABELS.items()]


def details_form(values=None) -> FormState:
    return FormState(values, labels=LABELS, missing=MISSING)


def password_form(values=None) -> FormState:
    # Prefixed ids: the page has several forms, and each field id must be unique on it.
    return FormState(values, labels={"password": "Nytt lösenord"}, id_prefix="losenord-")


def token_form(values=None) -> FormState:
    return FormState(values, labels={"name": "Vad token ska användas till"}, id_prefix="token-")


def account_form() -> FormState:
    return FormState(id_prefix="konto-")


def department_choices() -> list[tuple[str, str]]:
    return [(d.code, f"{d.code} – {d.name}") for d in db.session.scalars(list_departments())]


def values_of(user: User) -> dict[str, str]:
    return {"name": user.name, "role": user.role.value, "department": user.department_code or "",
            "version": str(user.version)}


def versioned(user: User) -> Versioned:
    """A stale save of the details form: name, role and department compared, a role by its label."""
    roles, departments = dict(ROLES), dict(department_choices())

    def shown(name: str, value: str) -> str:
        return {"role": roles, "department": departments}.get(name, {}).get(value, value)

    return Versioned(current=lambda: user.version, stored=lambda: values_of(user),
                     fields=("name", "role", "department"), shown=shown)


def render_user_page(user: User, *, status: int = 200, new_token: str | None = None, differences=None,
                     **given: FormState):
    """The page, with `given` forms (details, password, token, account) in place of fresh ones."""
    forms = {"details": details_form(values_of(user)), "password": password_form(), "token": token_form(),
             "account": account_form(), **given}
    failed = next((form for form in forms.values() if form.failed), None)
    return render_template(
        "admin/user.html", user=user, forms=forms, failed=failed, new_token=new_token, roles=ROLES,
        differences=differences, now=utcnow(),
        departments=department_choices(), tokens=db.session.scalars(services.list_tokens(user=user)).all(),
    ), status
