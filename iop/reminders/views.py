"""Pages: the calendar feed (no login: the URL is the secret) and the list of reminders."""

from __future__ import annotations

from email.utils import parseaddr

from flask import Blueprint, Response, current_app

from iop.clock import utcnow
from iop.errors import NotFound
from iop.extensions import db
from iop.reminders import feeds

bp = Blueprint("reminders", __name__)


@bp.route("/calendar/<token>.ics")
def calendar_feed(token: str):
    feed = feeds.feed_for_token(token)
    if feed is None:
        raise NotFound("Kalenderflödet finns inte eller har återkallats.")
    domain = parseaddr(current_app.config["MAIL_FROM"])[1].rpartition("@")[2] or "iop.invalid"
    body = feeds.render_feed(feed, base_url=current_app.config["BASE_URL"], now=utcnow(), domain=domain)
    db.session.commit()  # last_used_at
    return Response(body, mimetype="text/calendar", headers={
        "Cache-Control": "private, max-age=300", "Content-Disposition": 'inline; filename="iop.ics"'})
