"""Liveness and readiness: is the process up, can it reach its database."""

from __future__ import annotations

import logging

import marshmallow as ma
import sqlalchemy as sa
from flask.views import MethodView
from sqlalchemy.exc import SQLAlchemyError

from iop import __version__
from iop.extensions import db
from iop.rest import Blueprint

log = logging.getLogger(__name__)

blp = Blueprint("api_health", __name__, url_prefix="/api/v1", description="Driftstatus")


class HealthOut(ma.Schema):
    status = ma.fields.String()
    database = ma.fields.String()
    version = ma.fields.String()


def database_status() -> str:
    try:
        db.session.execute(sa.text("SELECT 1"))
    except SQLAlchemyError as error:
        log.error("health check: database unreachable: %s", error.__class__.__name__)
        db.session.rollback()
        return "unavailable"
    return "ok"


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
