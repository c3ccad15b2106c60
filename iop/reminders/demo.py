"""Demo data for reminders: calendar feeds for the culture department's officer.

The reminders themselves come from the demo agreements: the scheduler's sweep at start-up
(`make run` turns it on) plans whatever is due.
"""

from __future__ import annotations

from flask import current_app

from iop.auth import services as auth
from iop.reminders import feeds

OFFICER = "handlaggare.kff@sjostad.example"


def load_calendar_feeds() -> list[str]:
    """A personal and a department calendar feed for the KFF officer; answers their addresses."""
    officer = auth.get_user(email=OFFICER)
    lines = []
    for scope, label in (("user", "kalender-egen"), ("department", "kalender-KFF")):
        _, token = feeds.create_feed(owner=officer, scope=scope)
        lines.append(f"{label:<14} {OFFICER:<34} {feeds.feed_url(current_app.config['BASE_URL'], token)}")
    return lines
