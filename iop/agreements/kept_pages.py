"""The agreement's page: its main part kept in the process while nothing it shows has changed.

The page shows the agreement and its parts, its revisions, reviews, follow-up reports, archive and
history, the names of the people and organisations in them, and the state-aid warning, which sums
the organisation's other agreements, declared aid and imported grants. All of that changes only
through audited models or beside an audit event (`iop.audit.recording`; a grants import is one),
so the newest audit event's id, read with the agreement's own version in one small statement,
names the state of everything on the page. The rest of the key is what is not in the database:
the viewer (what they may do), today (overdue follow-ups, the state-aid look-back), the settings
the page shows or checks by, and the current Word template (whether the draft's version is current).

A kept part is stored only from a settled moment (`newest_event_columns`: on PostgreSQL, not while
another transaction writes, as an older id may still arrive under the newest one). Kept parts also
age out after `AGREEMENT_PAGES_KEPT_SECONDS`, a bound on anything this reasoning missed.

With `KEPT_VERIFY` (the test suite), every kept part given out is rendered again and
compared, so any test that changes something and reads the page checks the key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import sqlalchemy as sa
from flask import current_app
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from iop import clock, keeping
from iop.agreements import templates
from iop.agreements.models import Agreement
from iop.audit.services import newest_event_columns
from iop.errors import NotFound
from iop.extensions import db
from iop.keeping import Kept

# The settings the page shows or checks by (upload limits, the legality limits): part of the key,
# since a test (or a reloaded configuration) may change them in a running app.
_SETTINGS = ("MAX_CONTENT_LENGTH", "MAX_SCAN_BYTES", "MAX_FOLLOW_UP_FILE_BYTES", "MAX_TERM_MONTHS",
             "EUR_SEK_RATE", "DE_MINIMIS_EUR", "DE_MINIMIS_SGEI_EUR", "FOLLOW_UP_ESCALATION_DAYS")
# What stands in a kept part where the viewer's form token goes (the viewer's session has its own).
_TOKEN = "\x00csrf-token\x00"


@dataclass(frozen=True)
class Rendered:
    """The page's title and main part."""

    title: str
    main: str


def _kept() -> Kept:
    return keeping.of_app("iop.agreement_pages", "AGREEMENT_PAGES_KEPT", "AGREEMENT_PAGES_KEPT_SECONDS")


def forget_all() -> None:
    """Drop every kept part (the tests empty the tables between tests, reusing ids)."""
    _kept().clear()


@cache
def _state_statement(dialect: str) -> sa.Select:
    return (sa.select(Agreement.version, Agreement.created_at, Agreement.updated_at, Agreement.template_key,
                      *newest_event_columns(dialect))
            .where(Agreement.id == sa.bindparam("agreement_id")))


def page(agreement_id: int, viewer_id: int, render: Callable[[], Rendered]) -> tuple[str, Markup]:
    """The page's title and main part: kept, or made by `render` (which reads the agreement)."""
    connection = db.session.connection()
    state = connection.execute(_state_statement(connection.dialect.name),
                               {"agreement_id": agreement_id}).first()
    if state is None:
        raise NotFound(f"Överenskommelsen {agreement_id} finns inte.")
    key = (agreement_id, state.version, state.created_at, state.updated_at, state.newest_event, viewer_id,
           clock.today(), templates.get_template(state.template_key).sha256,
           tuple(current_app.config[name] for name in _SETTINGS))
    found = _kept().get_or_make(key, lambda: _without_token(render()), keep=state.settled,
                                verify=current_app.config["KEPT_VERIFY"])
    return found.title, Markup(found.main.replace(_TOKEN, generate_csrf()))


def _without_token(rendered: Rendered) -> Rendered:
    return Rendered(title=rendered.title, main=rendered.main.replace(generate_csrf(), _TOKEN))

