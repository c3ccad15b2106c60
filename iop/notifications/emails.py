"""Rendering a notification: the subject, a plain-text part and an HTML part, from plain data.

Each kind of notification is a pair of templates, `mail/notifications/<kind>.txt` and `.html`,
rendered with plain values (no session, no request), so the same data gives the same mail and
a test can render every template with any counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import current_app

from iop import swedish

KINDS = ("review_requested", "changes_requested", "approved", "initiative_assigned",
         "initiative_escalated", "follow_up_overdue")

_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n){2,}")  # blocks left empty leave more than one


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    text: str
    html: str


def render_notification(kind: str, *, subject: str, **context) -> RenderedMail:
    """The mail of one kind; `context` holds what its templates show (plain values only)."""
    if kind not in KINDS:
        raise ValueError(f"unknown notification {kind!r}")
    environment = current_app.jinja_env
    values = {"count": swedish.count, "subject": subject, **context}
    text = environment.get_template(f"mail/notifications/{kind}.txt").render(values)
    html = environment.get_template(f"mail/notifications/{kind}.html").render(values)
    return RenderedMail(subject=" ".join(subject.split())[:500],
                        text=_BLANK_LINES.sub("\n\n", text).strip() + "\n", html=html)


def page_url(endpoint: str, **values) -> str:
    """The address of a page of the service, from IOP_BASE_URL (no request needed)."""
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return f"{current_app.config['BASE_URL']}{path}"
