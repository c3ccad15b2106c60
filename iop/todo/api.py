"""GET /api/v1/me/todo: the caller's "Att göra" list."""

from __future__ import annotations

from datetime import datetime

import marshmallow as ma
from flask.views import MethodView

from iop.auth.api import api_user
from iop.rest import Blueprint
from iop.todo import services

blp = Blueprint("api_todo", __name__, url_prefix="/api/v1/me", description="Att göra")


class TodoItemOut(ma.Schema):
    kind = ma.fields.String(metadata={"enum": list(services.KIND_LABELS)})
    label = ma.fields.String(metadata={"description": "What to do, in Swedish"})
    title = ma.fields.String()
    detail = ma.fields.String()
    url = ma.fields.String(metadata={"description": "The page where the work is done"})
    since = ma.fields.Raw(allow_none=True, metadata={"type": "string", "format": "date",
                                                     "description": "The day it has waited since"})


class TodoOut(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(TodoItemOut))
    total = ma.fields.Integer()


@blp.route("/todo")
class Todo(MethodView):
    @blp.response(200, TodoOut)
    def get(self):
        """The work waiting for the caller: reviews, returned agreements, initiatives, overdue follow-up
        reports, failed e-mail."""
        items = services.todo_for(api_user())
        return {"items": [_item(i) for i in items], "total": len(items)}


def _item(item: services.TodoItem) -> dict:
    return {"kind": item.kind, "label": item.label, "title": item.title, "detail": item.detail,
            "url": item.url, "since": _day(item.since)}


def _day(since) -> str | None:
    """One type for clients: a moment is given as its day."""
    if since is None:
        return None
    return (since.date() if isinstance(since, datetime) else since).isoformat()
