import marshmallow as ma
from flask import g
from flask.views import MethodView

from iop.audit import services
from iop.extensions import db
from iop.rest import PAGINATION_DOC, Blueprint, PageArgs, paginate, requires
from iop.roles import allows
from iop.schemas import QueryInteger, Text

blp = Blueprint("api_audit", __name__, url_prefix="/api/v1/audit", description="Granskningslogg")


class AuditFilter(ma.Schema):
    entity = Text(load_default=None, validate=ma.validate.Length(max=64))
    entity_id = QueryInteger(load_default=None, validate=ma.validate.Range(min=1, max=2**31 - 1))
    actor = Text(load_default=None, validate=ma.validate.Length(max=320))
    action = Text(load_default=None, validate=ma.validate.Length(max=64))


class AuditEventOut(ma.Schema):
    id = ma.fields.Integer()
    at = ma.fields.DateTime()
    actor = ma.fields.String()
    action = ma.fields.String()
    entity = ma.fields.String()
    entity_id = ma.fields.Integer(allow_none=True)
    changes = ma.fields.Dict(metadata={"description": "field -> [before, after]"})


@blp.route("")
class AuditEvents(MethodView):
    @requires("audit.read")
    @blp.arguments(AuditFilter, location="query")
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, AuditEventOut(many=True), headers=PAGINATION_DOC["headers"])
    def get(self, filters, page):
        """Every recorded write, newest first: who, when, what, before and after.

        Admins and coordinators read the whole log. Other roles read the history of the records
        every role reads (agreements, organisations, initiatives, reviews, departments), with
        who did it, contact persons, e-mail addresses and phone numbers shown as `***`.
        """
        everything = allows(g.api_user.role, "audit.read_all")
        events, headers = paginate(db.session, services.list_events(**filters, everything=everything), **page)
        if not everything:
            events = [services.without_personal_data(event) for event in events]
        return events, headers
