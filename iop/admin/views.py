"""The admin section: an overview and the route table of its pages.

Each page lives in a module named for what it manages (`users`, `tokens`, `departments`, `committees`,
`goals`, `agreement_templates`); every write goes through the same services as the command line,
so the audit log records it under the signed-in admin.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, render_template

from iop.admin import agreement_templates, committees, departments, goals, outbox, tokens, users
from iop.agreements.models import MunicipalGoal
from iop.auth.models import User
from iop.departments.models import Committee, Department
from iop.extensions import db
from iop.web.access import permission_required

bp = Blueprint("admin", __name__, url_prefix="/admin")


def index():
    counts = {
        "users": db.session.scalar(sa.select(sa.func.count(User.id)).where(User.active.is_(True))),
        "departments": db.session.scalar(sa.select(sa.func.count(Department.id))),
        "committees": db.session.scalar(sa.select(sa.func.count(Committee.id))),
        "goals": db.session.scalar(sa.select(sa.func.count(MunicipalGoal.id))),
    }
    return render_template("admin/index.html", counts=counts)


_USERS, _DEPARTMENTS, _TEMPLATES, _GOALS = "user.manage", "department.write", "template.check", "goal.manage"
_ROUTES = (
    # (rule, endpoint, view, methods, permission)
    ("", "index", index, ("GET",), _USERS),
    ("/anvandare", "users", users.index, ("GET",), _USERS),
    ("/anvandare/ny", "new_user", users.new, ("GET", "POST"), _USERS),
    ("/anvandare/<int:user_id>", "user", users.show, ("GET",), _USERS),
    ("/anvandare/<int:user_id>/uppgifter", "update_user", users.update, ("POST",), _USERS),
    ("/anvandare/<int:user_id>/losenord", "set_password", users.set_password, ("POST",), _USERS),
    ("/anvandare/<int:user_id>/aktiv", "set_active", users.set_active, ("POST",), _USERS),
    ("/anvandare/<int:user_id>/logga-ut", "end_sessions", users.end_sessions, ("POST",), _USERS),
    ("/anvandare/<int:user_id>/token", "issue_token", tokens.issue, ("POST",), _USERS),
    ("/anvandare/<int:user_id>/token/<int:token_id>/aterkalla", "revoke_token", tokens.revoke, ("POST",),
     _USERS),
    ("/anvandare/<int:user_id>/token/<int:token_id>/forlang", "renew_token", tokens.renew, ("POST",),
     _USERS),
    ("/forvaltningar", "departments", departments.index, ("GET",), _DEPARTMENTS),
    ("/forvaltningar/ny", "new_department", departments.new, ("GET", "POST"), _DEPARTMENTS),
    ("/forvaltningar/<code>/andra", "edit_department", departments.edit, ("GET", "POST"), _DEPARTMENTS),
    ("/namnder", "committees", committees.index, ("GET",), _DEPARTMENTS),
    ("/namnder/ny", "new_committee", committees.new, ("GET", "POST"), _DEPARTMENTS),
    ("/namnder/<int:committee_id>/andra", "edit_committee", committees.edit, ("GET", "POST"), _DEPARTMENTS),
    ("/mal", "goals", goals.index, ("GET",), _GOALS),
    ("/mal/nytt", "new_goal", goals.new, ("GET", "POST"), _GOALS),
    ("/mal/<int:goal_id>/andra", "edit_goal", goals.edit, ("GET", "POST"), _GOALS),
    ("/mal/<int:goal_id>/ta-bort", "delete_goal", goals.delete, ("POST",), _GOALS),
    ("/mallar", "templates", agreement_templates.index, ("GET",), _TEMPLATES),
    ("/e-post", "outbox", outbox.index, ("GET",), _USERS),
    ("/e-post/<int:message_id>/skicka-igen", "retry_message", outbox.retry, ("POST",), _USERS),
    ("/e-post/fangad", "caught_mail", outbox.caught, ("GET",), _USERS),
)
for _rule, _endpoint, _view, _methods, _permission in _ROUTES:
    bp.add_url_rule(_rule, _endpoint, permission_required(_permission)(_view), methods=list(_methods))
