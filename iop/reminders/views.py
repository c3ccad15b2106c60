"""Pages: the calendar feed (no login: the URL is the secret) and the list of reminders."""

from __future__ import annotations

from email.utils import parseaddr

import sqlalchemy as sa
from flask import Blueprint, Response, current_app, render_template, request
from flask_login import current_user, login_required

from iop import clock, swedish
from iop.agreements.models import Agreement
from iop.clock import utcnow
from iop.downloads import content_disposition
from iop.errors import NotFound
from iop.extensions import db
from iop.outbox.models import MessageStatus
from iop.outbox.services import status_in_words
from iop.reminders import deadlines, feeds, services
from iop.reminders.emails import LABELS, SHORT_LABELS

STATUS_LABELS = {status.value: label
                 for status, label in swedish.labels(MessageStatus, "message_status").items()}
PER_PAGE = 50
# The start page looks this far ahead: beyond the longest default reminder (90 days) with a margin.
DEADLINE_DAYS = 120
DEADLINES_SHOWN = 15
REMINDERS_SHOWN = 10

bp = Blueprint("reminders", __name__)
# The feed has its own blueprint: its secret URL is its login, and calendar programs fetch it.
calendar_bp = Blueprint("calendar", __name__)


@calendar_bp.route("/calendar/<token>.ics")
def feed(token: str):
    feed = feeds.feed_for_token(token)
    if feed is None:
        raise NotFound("Kalenderflödet finns inte eller har återkallats.")
    domain = parseaddr(current_app.config["MAIL_FROM"])[1].rpartition("@")[2] or "iop.invalid"
    body = feeds.render_feed(feed, base_url=current_app.config["BASE_URL"], now=utcnow(), domain=domain)
    db.session.commit()  # last_used_at
    return Response(body, mimetype="text/calendar", headers={
        "Cache-Control": "private, max-age=300",
        "Content-Disposition": content_disposition("iop.ics", "inline")})


@bp.route("/paminnelser")
@login_required
def index():
    status = request.args.get("status", "")
    status = status if status in STATUS_LABELS else ""
    page = request.args.get("page", "1")
    page = int(page) if page.isdigit() and 0 < int(page) < 100_000 else 1
    statement = services.list_reminders(status=status or None, reader=current_user)
    reminders = db.session.scalars(statement.limit(PER_PAGE + 1).offset((page - 1) * PER_PAGE)).all()
    ids = {r.agreement_id for r in reminders}
    titles = dict(db.session.execute(
        sa.select(Agreement.id, Agreement.title).where(Agreement.id.in_(ids))).all())
    timezone = current_app.config["TIMEZONE"]
    words = {r.id: status_in_words(r.message, timezone=timezone) for r in reminders}
    return render_template("reminders/list.html", reminders=reminders[:PER_PAGE], titles=titles,
                           status=status, status_labels=STATUS_LABELS, words=words,
                           kind_labels={k.value: v.capitalize() for k, v in SHORT_LABELS.items()},
                           next_page=page + 1 if len(reminders) > PER_PAGE else None,
                           base_url=current_app.config["BASE_URL"])


def my_deadlines(user) -> dict:
    """For the officer's start page: the coming key dates of their agreements and the reminders
    of them not yet sent or failed."""
    today = clock.today(current_app.config["TIMEZONE"])
    found = deadlines.upcoming_deadlines(user=user, today=today, days=DEADLINE_DAYS)
    unsent = deadlines.unsent_reminders(user=user, limit=REMINDERS_SHOWN)
    titles = dict(db.session.execute(sa.select(Agreement.id, Agreement.title).where(
        Agreement.id.in_({r.agreement_id for r in unsent}))).all())
    return {"deadlines": found[:DEADLINES_SHOWN], "more": max(len(found) - DEADLINES_SHOWN, 0),
            "days": DEADLINE_DAYS, "labels": LABELS, "reminders": unsent, "titles": titles,
            "status_labels": STATUS_LABELS,
            "kind_labels": {k.value: v for k, v in SHORT_LABELS.items()}}
