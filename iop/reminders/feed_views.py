"""My calendar feeds on a page (/konto/kalendrar): create one, copy one, revoke one.

The same services as the API (iop.reminders.feeds). A feed's secret address is shown once,
on the page answering the post that made it; afterwards only its first characters are.
"""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_login import current_user

from iop.departments.services import list_departments
from iop.errors import NotFound
from iop.extensions import db
from iop.reminders import feeds
from iop.reminders.models import CalendarFeed, FeedScope
from iop.reminders.schemas import FeedIn
from iop.roles import allows
from iop.web.access import permission_required
from iop.web.forms import FormState, form_page, posted, submit

bp = Blueprint("calendar_feeds", __name__, url_prefix="/konto/kalendrar")

FIELDS = ("scope", "department", "name")
LABELS = {"scope": "Innehåll", "department": "Förvaltning", "name": "Namn i kalendern"}
MISSING = {"scope": "Välj vad kalendern ska visa."}
SCOPES = [(FeedScope.USER.value, "Mina överenskommelser (där jag är ansvarig handläggare)"),
          (FeedScope.DEPARTMENT.value, "En förvaltnings överenskommelser")]


def _page(form: FormState, *, created: tuple[CalendarFeed, str] | None = None, status: int = 200):
    rows = db.session.scalars(feeds.list_feeds(owner=current_user)).all()
    departments = [(d.code, f"{d.name} ({d.code})") for d in db.session.scalars(list_departments())]
    url = feeds.feed_url(current_app.config["BASE_URL"], created[1]) if created else None
    return render_template("reminders/feeds.html", form=form, feeds=rows, scopes=SCOPES,
                           departments=departments, created=created[0] if created else None,
                           created_url=url), status


@bp.route("", methods=["GET", "POST"])
@permission_required("calendar_feed.manage")
def mine():
    form = FormState(posted() or {"scope": FeedScope.USER.value}, labels=LABELS, missing=MISSING)
    return form_page(lambda status, differences: _page(form, status=status), form=form, schema=FeedIn(),
                     data=lambda: form.input(FIELDS),
                     save=lambda data: feeds.create_feed(owner=current_user, **data),
                     done=lambda created: _shown_once(created, FormState({"scope": FeedScope.USER.value},
                                                                         labels=LABELS)))


@bp.post("/<int(max=2147483647):feed_id>/kopiera")
@permission_required("calendar_feed.manage")
def copy(feed_id: int):
    """A new address with the same content (the old one keeps working until it is revoked)."""
    form = FormState(posted(), labels=LABELS)

    def save():
        feed = _own(feed_id)
        return feeds.create_feed(owner=current_user, scope=feed.scope.value,
                                 department=feed.department.code if feed.department else None, name=feed.name)

    outcome = submit(form, save)
    if not outcome.ok:
        return _page(form, status=outcome.status)
    return _shown_once(outcome.result, FormState({"scope": FeedScope.USER.value}, labels=LABELS))


@bp.post("/<int(max=2147483647):feed_id>/aterkalla")
@permission_required("calendar_feed.manage")
def revoke(feed_id: int):
    form = FormState(posted(), labels=LABELS)
    may_revoke_any = allows(current_user.role, "calendar_feed.revoke_any")
    outcome = submit(form, lambda: feeds.revoke_feed(feed_id=feed_id, caller=current_user,
                                                     may_revoke_any=may_revoke_any))
    if not outcome.ok:
        return _page(form, status=outcome.status)
    flash(f"Kalendern ”{outcome.result.name}” är återkallad. Dess adress fungerar inte längre.", "success")
    return redirect(url_for(".mine"))


def _own(feed_id: int) -> CalendarFeed:
    feed = db.session.get(CalendarFeed, feed_id)
    if feed is None or feed.owner_id != current_user.id or feed.revoked_at is not None:
        raise NotFound("Kalendern finns inte eller är återkallad.")
    return feed


def _shown_once(created: tuple[CalendarFeed, str], form: FormState):
    flash(f"Kalendern ”{created[0].name}” är skapad. Kopiera adressen nu: den visas bara en gång.", "success")
    return _page(form, created=created, status=201)
