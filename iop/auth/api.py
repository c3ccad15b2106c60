"""Bearer-token authentication for /api/v1 and the caller's identity (the role check is
iop.rest.requires)."""

from __future__ import annotations

import marshmallow as ma
from flask import current_app, g, request
from flask.views import MethodView

from iop.audit.context import ANONYMOUS, Actor, set_actor
from iop.auth import services
from iop.auth.models import User
from iop.errors import Unauthorized
from iop.extensions import db
from iop.rest import Blueprint

PUBLIC_PATHS = frozenset({"/api/v1/health", "/api/v1/ready", "/api/v1/openapi.json"})

blp = Blueprint("api_auth", __name__, url_prefix="/api/v1", description="Inloggad användare och API-token")


def authenticate_api_request() -> None:
    """Before every /api/v1 request: identify the caller from the bearer token, or 401."""
    # A worker thread keeps its context between requests: never inherit the last caller.
    set_actor(ANONYMOUS)
    if not request.path.startswith("/api/") or request.path in PUBLIC_PATHS:
        return
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("API-anrop kräver Authorization: Bearer <token>.")
    user = services.user_for_token(
        token.strip(), touch_after_seconds=current_app.config["TOKEN_TOUCH_SECONDS"]
    )
    if user is None:
        raise Unauthorized("Token är okänd, återkallad, har gått ut eller hör till en inaktiverad användare.")
    if db.session.dirty:
        db.session.commit()
    g.api_user = user
    set_actor(Actor(user.email, user.id))


def api_user() -> User:
    return g.api_user


class MeOut(ma.Schema):
    id = ma.fields.Integer()
    email = ma.fields.String()
    name = ma.fields.String()
    role = ma.fields.String()
    department = ma.fields.String(attribute="department_code", allow_none=True)


class TokenOut(ma.Schema):
    id = ma.fields.Integer()
    prefix = ma.fields.String()
    name = ma.fields.String()
    created_at = ma.fields.DateTime()
    last_used_at = ma.fields.DateTime(allow_none=True)
    revoked_at = ma.fields.DateTime(allow_none=True)
    expires_at = ma.fields.DateTime()


@blp.route("/me")
class Me(MethodView):
    @blp.response(200, MeOut)
    def get(self):
        """The user the token belongs to."""
        return api_user()


@blp.route("/me/tokens/<int:token_id>")
class MyToken(MethodView):
    @blp.response(200, TokenOut)
    def delete(self, token_id: int):
        """Revoke one of your own tokens."""
        row = services.revoke_token(token_id=token_id, owner=api_user())
        db.session.commit()
        return row


@blp.route("/me/tokens/<int:token_id>/renew")
class RenewMyToken(MethodView):
    @blp.response(200, TokenOut)
    def post(self, token_id: int):
        """Renew one of your own tokens: it works API_TOKEN_MONTHS (default 12) from now."""
        row = services.renew_token(token_id=token_id, owner=api_user())
        db.session.commit()
        return row
