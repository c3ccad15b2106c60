from flask import current_app
from flask.views import MethodView

from iop.auth.api import api_user
from iop.extensions import db
from iop.reminders import feeds, services
from iop.reminders.schemas import FeedCreated, FeedIn, FeedOut, ReminderFilter, ReminderOut
from iop.rest import PAGINATION_DOC, Blueprint, PageArgs, paginate, requires
from iop.roles import allows

blp = Blueprint("api_reminders", __name__, url_prefix="/api/v1/reminders",
                description="Påminnelser om uppsägning, slutdatum, uppföljningar och milstolpar")
feeds_blp = Blueprint("api_calendar_feeds", __name__, url_prefix="/api/v1/calendar-feeds",
                      description="Kalenderflöden (iCalendar) med överenskommelsernas viktiga datum")


@blp.route("")
class Reminders(MethodView):
    @blp.arguments(ReminderFilter, location="query")
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, ReminderOut(many=True), headers=PAGINATION_DOC["headers"])
    def get(self, filters, page):
        """Planned reminders with their e-mail's status, latest due first."""
        return paginate(db.session, services.list_reminders(**filters), **page)


@feeds_blp.route("")
class CalendarFeeds(MethodView):
    @feeds_blp.arguments(PageArgs, location="query")
    @feeds_blp.response(200, FeedOut(many=True), headers=PAGINATION_DOC["headers"])
    def get(self, page):
        """Your calendar feeds, newest first (the secret address is shown only when created)."""
        return paginate(db.session, feeds.list_feeds(owner=api_user()), **page)

    @requires("calendar_feed.manage")
    @feeds_blp.arguments(FeedIn)
    @feeds_blp.response(201, FeedCreated)
    def post(self, data):
        """Create a calendar feed of your agreements or of a department's; answers its secret URL."""
        feed, token = feeds.create_feed(owner=api_user(), **data)
        db.session.commit()
        feed.url = feeds.feed_url(current_app.config["BASE_URL"], token)
        return feed


@feeds_blp.route("/<int(max=2147483647):feed_id>")  # larger ids do not fit the column: 404
class CalendarFeedById(MethodView):
    @requires("calendar_feed.manage")
    @feeds_blp.response(200, FeedOut)
    def delete(self, feed_id: int):
        """Revoke a calendar feed: its URL answers 404 from now on (an admin may revoke anyone's)."""
        caller = api_user()
        feed = feeds.revoke_feed(feed_id=feed_id, caller=caller,
                                 may_revoke_any=allows(caller.role, "calendar_feed.revoke_any"))
        db.session.commit()
        return feed
