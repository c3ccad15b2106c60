"""Binding extensions, blueprints, hooks and commands to an app; called only by create_app()."""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter

from iop.extensions import api, csrf, db, login_manager, migrate

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


MODEL_MODULES = (
    "iop.audit.models",
    "iop.departments.models",
    "iop.auth.models",
    "iop.organisations.models",
    "iop.agreements.models",
    "iop.reviews.models",
    "iop.outbox.models",
    "iop.initiatives.models",
    "iop.grants.models",
    "iop.reminders.models",
    "iop.followups.models",
)


class DatabaseInteger(IntegerConverter):
    """`<int:…>` in routes, bounded to what an INTEGER column holds: a larger id is simply not
    found (404) instead of overflowing in the database driver (500)."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)


def wire(app: Flask) -> None:
    import importlib

    app.url_map.converters["int"] = DatabaseInteger

    from iop import database, errors, logs, rest, security
    from iop.audit import recording

    for module in MODEL_MODULES:
        importlib.import_module(module)

    for key, value in API_SPEC.items():
        app.config.setdefault(key, value)
    app.json.ensure_ascii = False  # åäö as themselves: readable, and shorter
    logs.configure(app)  # first: every later hook and log line has the request's id
    security.install(app)
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
    _register_api(app)
    _register_web(app)
    _register_commands(app)


def _register_api(app: Flask) -> None:
    from iop.agreements.api import blp as agreements_blp
    from iop.agreements.archive_api import blp as archive_blp
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

    app.before_request(authenticate_api_request)
    for blueprint in (health_blp, auth_blp, departments_blp, organisations_blp, templates_blp, agreements_blp,
                      reviews_blp, archive_blp, initiatives_blp, organisation_history_blp, grants_blp,
                      reports_blp, opendata_blp, reminders_blp, calendar_feeds_blp, audit_blp,
                      follow_up_reports_blp):
        api.register_blueprint(blueprint)
        csrf.exempt(blueprint)  # bearer tokens, not cookies: no CSRF to forge


def _register_web(app: Flask) -> None:
    from iop import web
    from iop.admin.views import bp as admin_views
    from iop.agreements.views import bp as agreements_views
    from iop.auth import sessions
    from iop.auth.views import bp as auth_views
    from iop.followups.views import bp as followups_views
    from iop.grants.views import bp as grants_views
    from iop.initiatives.views import bp as initiatives_views
    from iop.organisations.views import bp as organisations_views
    from iop.reminders.views import bp as reminders_views
    from iop.reminders.views import calendar_bp as calendar_views
    from iop.reports.views import bp as reports_views
    from iop.reviews.views import bp as reviews_views
    from iop.start.views import bp as start_views

    web.install(app)
    sessions.install(app)
    for blueprint in (auth_views, start_views, organisations_views, agreements_views, reviews_views,
                      initiatives_views, reminders_views, calendar_views, grants_views, reports_views,
                      admin_views, followups_views):
        app.register_blueprint(blueprint)


def _register_commands(app: Flask) -> None:
    from iop.cli import register

    register(app)
