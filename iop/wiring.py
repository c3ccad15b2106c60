"""Binding extensions, blueprints, hooks, commands and jobs to an app; called only by create_app().

The one module that knows every feature: each feature defines its blueprints, CLI group
and job functions, and this module registers them. No feature imports it (nor iop.cli).
"""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter

# Every model module, named so that the metadata knows every table (Alembic's autogenerate,
# the tests' schema check) whatever the blueprints below happen to import.
from iop.agreements import models as agreements_models
from iop.audit import models as audit_models
from iop.auth import models as auth_models
from iop.departments import models as departments_models
from iop.extensions import api, csrf, db, login_manager, migrate
from iop.followups import models as followups_models
from iop.grants import models as grants_models
from iop.initiatives import models as initiatives_models
from iop.organisations import models as organisations_models
from iop.outbox import models as outbox_models
from iop.portal import models as portal_models
from iop.reminders import models as reminders_models
from iop.reports import models as reports_models
from iop.reviews import models as reviews_models

API_SPEC = {
    "API_TITLE": "IOP – överenskommelser med idéburna organisationer",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/api/v1",
    "OPENAPI_JSON_PATH": "openapi.json",
    "API_SPEC_OPTIONS": {
        "security": [{"bearerAuth": []}],
        "components": {
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}
        },
        "info": {"description": "REST API för IOP-överenskommelser och årliga "
                 "överenskommelser. Alla anrop utom /health och /openapi.json kräver "
                 "Authorization: Bearer <token>."},
    },
}


MODEL_MODULES = (audit_models, departments_models, auth_models, organisations_models, agreements_models,
                 reviews_models, outbox_models, initiatives_models, grants_models, reminders_models,
                 followups_models, reports_models, portal_models)


class DatabaseInteger(IntegerConverter):
    """`<int:…>` in routes, bounded to what an INTEGER column holds: a larger id is simply not
    found (404) instead of overflowing in the database driver (500)."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)


def wire(app: Flask) -> None:
    app.url_map.converters["int"] = DatabaseInteger

    from iop import bodies, database, errors, logs, notifications, reminders, rest, security
    from iop.audit import recording
    from iop.jsonout import OrjsonProvider

    for key, value in API_SPEC.items():
        app.config.setdefault(key, value)
    app.json = OrjsonProvider(app)  # Flask's JSON (åäö as themselves), written faster
    logs.configure(app)  # first: every later hook and log line has the request's id
    security.install(app)
    bodies.install(app)  # JSON size and depth, before any view parses a body
    db.init_app(app)
    with app.app_context():
        database.configure_sqlite(db.engine)
    recording.install(db.Model)
    migrate.init_app(app, db, directory=app.config["MIGRATIONS_DIR"], render_as_batch=True,
                     compare_type=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    api.init_app(app, spec_kwargs=rest.spec_kwargs())
    errors.register_error_handlers(app)
    reminders.connect_signals()  # the reminder planner follows the agreements' lifecycle
    notifications.connect_signals()  # e-mail to whoever a lifecycle step gives work
    _register_api(app)
    _register_web(app)
    _register_commands(app)
    _register_jobs(app)


def _register_api(app: Flask) -> None:
    from iop.agreements.api import blp as agreements_blp
    from iop.agreements.archive_api import blp as archive_blp
    from iop.agreements.goals_api import blp as goals_blp
    from iop.audit.api import blp as audit_blp
    from iop.auth.api import authenticate_api_request
    from iop.auth.api import blp as auth_blp
    from iop.departments.api import blp as departments_blp
    from iop.documents.api import blp as templates_blp
    from iop.followups.api import blp as follow_up_reports_blp
    from iop.grants.api import blp as grants_blp
    from iop.health import blp as health_blp
    from iop.initiatives.api import blp as initiatives_blp
    from iop.initiatives.api import history_blp as organisation_history_blp
    from iop.opendata.api import blp as opendata_blp
    from iop.organisations.api import blp as organisations_blp
    from iop.reminders.api import blp as reminders_blp
    from iop.reminders.api import feeds_blp as calendar_feeds_blp
    from iop.reports.api import blp as reports_blp
    from iop.reviews.api import blp as reviews_blp
    from iop.todo.api import blp as todo_blp

    app.before_request(authenticate_api_request)
    for blueprint in (health_blp, auth_blp, departments_blp, organisations_blp, templates_blp, agreements_blp,
                      reviews_blp, archive_blp, initiatives_blp, organisation_history_blp, grants_blp,
                      reports_blp, opendata_blp, reminders_blp, calendar_feeds_blp, audit_blp, todo_blp,
                      follow_up_reports_blp, goals_blp):
        api.register_blueprint(blueprint)
        csrf.exempt(blueprint)  # bearer tokens, not cookies: no CSRF to forge


def _register_web(app: Flask) -> None:
    from iop import web
    from iop.admin.views import bp as admin_views
    from iop.agreements.views import bp as agreements_views
    from iop.auth import sessions
    from iop.auth.views import bp as auth_views
    from iop.followups import views as followups_pages
    from iop.followups.views import bp as followups_views
    from iop.grants.views import bp as grants_views
    from iop.initiatives.history import organisation_history
    from iop.initiatives.views import bp as initiatives_views
    from iop.organisations.views import bp as organisations_views
    from iop.portal.views import bp as portal_views
    from iop.reminders.feed_views import bp as calendar_feed_views
    from iop.reminders.views import bp as reminders_views
    from iop.reminders.views import calendar_bp as calendar_views
    from iop.reports.views import bp as reports_views
    from iop.reviews.views import bp as reviews_views
    from iop.start.views import bp as start_views

    web.install(app)
    sessions.install(app)
    # Who did it, in the history tables: "Anna Andersson, handläggare", or "systemet".
    from iop.auth.services import describe_actor
    app.add_template_filter(lambda event: describe_actor(label=event.actor, user_id=event.actor_id), "actor")
    # The organisation page shows its dealings from features above organisations.
    app.extensions["organisation_dealings"] = organisation_history
    app.extensions["organisation_follow_ups"] = followups_pages.organisation_page_context
    # The agreement page shows the follow-up reports from the feature above agreements.
    app.extensions["agreement_page_sections"] = (followups_pages.agreement_page_context,)
    for blueprint in (auth_views, start_views, organisations_views, agreements_views, reviews_views,
                      initiatives_views, reminders_views, calendar_views, grants_views, reports_views,
                      admin_views, followups_views, calendar_feed_views, portal_views):
        app.register_blueprint(blueprint)


def _register_commands(app: Flask) -> None:
    from iop.auth.cli import token_group, user_group
    from iop.backups import backup_command, restore_command
    from iop.demo import demo_command
    from iop.departments.cli import department_group
    from iop.documents.cli import templates_group
    from iop.grants.cli import grants_group
    from iop.initiatives.cli import initiatives_group
    from iop.reminders.cli import reminders_group
    from iop.reports.cli import report_command
    from iop.scheduler import scheduler_command
    from iop.serve import run_command

    for command in (user_group, token_group, department_group, demo_command, run_command,
                    initiatives_group, templates_group, grants_group, report_command, reminders_group,
                    scheduler_command, backup_command, restore_command):
        app.cli.add_command(command)


def _register_jobs(app: Flask) -> None:
    """The periodic jobs and when they run (iop.scheduler runs them, in one process only)."""
    from iop.initiatives.jobs import escalate_initiatives
    from iop.notifications.jobs import overdue_follow_ups
    from iop.outbox.jobs import deliver_pending
    from iop.reminders.jobs import daily_sweep
    from iop.scheduler import daily, every, register_jobs

    register_jobs(app, (
        daily("reminders.sweep", daily_sweep, at="07:00"),
        every("outbox.deliver", deliver_pending, minutes=1),
        daily("initiatives.escalate", escalate_initiatives, at="07:15"),
        daily("followups.overdue", overdue_follow_ups, at="07:10"),
    ))
