"""Liveness (/health: is the process up, can it reach its database) and readiness (/ready: may
it take traffic: database reachable, schema migrated to the code's head)."""

from __future__ import annotations

import functools
import logging

import marshmallow as ma
import sqlalchemy as sa
from flask import current_app
from flask.views import MethodView
from sqlalchemy.exc import SQLAlchemyError

from iop.extensions import db
from iop.rest import Blueprint
from iop.version import __version__

log = logging.getLogger(__name__)

blp = Blueprint("api_health", __name__, url_prefix="/api/v1", description="Driftstatus")


class HealthOut(ma.Schema):
    status = ma.fields.String()
    database = ma.fields.String()
    version = ma.fields.String()


class ReadyOut(ma.Schema):
    status = ma.fields.String(metadata={"description": "ok: send traffic here"})
    database = ma.fields.String(metadata={"description": "ok or unavailable"})
    migrations = ma.fields.String(metadata={"description": "ok, behind (run iop db upgrade) or unknown"})
    revision = ma.fields.String(allow_none=True, metadata={"description": "the database's schema revision"})


def database_status() -> str:
    try:
        db.session.execute(sa.text("SELECT 1"))
    except SQLAlchemyError as error:
        log.error("health check: database unreachable: %s", error.__class__.__name__)
        db.session.rollback()
        return "unavailable"
    return "ok"


@functools.cache
def _head_revisions(migrations_dir: str) -> frozenset[str]:
    from alembic.script import ScriptDirectory

    return frozenset(ScriptDirectory(migrations_dir).get_heads())


def migration_status() -> tuple[str, str | None]:
    """("ok", revision) when the database's schema is at the code's head revision.

    Read straight from alembic_version: alembic's MigrationContext would log two INFO lines
    on every probe, and a load balancer probes every few seconds.
    """
    try:
        current = set(db.session.scalars(sa.text("SELECT version_num FROM alembic_version")))
    except SQLAlchemyError:
        db.session.rollback()
        return "behind", None  # the database answers but has no schema yet
    heads = _head_revisions(current_app.config["MIGRATIONS_DIR"])
    return ("ok" if current == heads else "behind"), ",".join(sorted(current)) or None


@blp.route("/health")
class Health(MethodView):
    @blp.doc(security=[])
    @blp.response(200, HealthOut)
    @blp.alt_response(503, schema=HealthOut, description="The database cannot be reached")
    def get(self):
        """Liveness and database check."""
        database = database_status()
        status = 200 if database == "ok" else 503
        return {"status": "ok" if status == 200 else "error", "database": database,
                "version": __version__}, status


@blp.route("/ready")
class Ready(MethodView):
    @blp.doc(security=[])
    @blp.response(200, ReadyOut)
    @blp.alt_response(503, schema=ReadyOut, description="Not ready: no database, or its schema is not "
                      "at the code's revision")
    def get(self):
        """Readiness: the database answers and its schema is at the code's migration head."""
        database = database_status()
        migrations, revision = migration_status() if database == "ok" else ("unknown", None)
        ready = database == "ok" and migrations == "ok"
        return {"status": "ok" if ready else "error", "database": database,
                "migrations": migrations, "revision": revision}, 200 if ready else 503
