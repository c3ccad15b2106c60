"""Initiatives from civil society, the network's queue, and an organisation's history."""
from flask import request
from flask.views import MethodView

from iop.auth.api import api_user
from iop.extensions import db
from iop.initiatives import services, transitions
from iop.initiatives.history import organisation_history
from iop.initiatives.schemas import (
    InitiativeFilter,
    InitiativeIn,
    InitiativeOut,
    InitiativeUpdate,
    NoteIn,
    NoteOut,
    OrganisationHistoryOut,
    TransitionIn,
)
from iop.rest import PAGINATION_DOC, Blueprint, PageArgs, etag_for, paginate, require_if_match, requires

blp = Blueprint("api_initiatives", __name__, url_prefix="/api/v1/initiatives",
                description="Initiativ från civilsamhället och nätverkets kö")
history_blp = Blueprint("api_organisation_history", __name__, url_prefix="/api/v1/organisations",
                        description="En organisations historik över alla förvaltningar")


def _etag(initiative) -> str:
    return etag_for("initiative", initiative.id, initiative.version)


@blp.route("")
class Initiatives(MethodView):
    @blp.arguments(InitiativeFilter, location="query")
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, InitiativeOut(many=True), headers=PAGINATION_DOC["headers"])
    def get(self, filters, page):
        """Initiatives, newest first; `status=in_network&sort=queue` is the network's queue."""
        return paginate(db.session, services.list_initiatives(**filters), **page)

    @requires("initiative.write")
    @blp.arguments(InitiativeIn)
    @blp.response(201, InitiativeOut)
    def post(self, data):
        """Register an initiative; several departments or an unclear matter go to the network."""
        initiative = services.register_initiative(by=api_user(), **data)
        db.session.commit()
        return initiative, {"ETag": _etag(initiative)}


@blp.route("/<int:initiative_id>")
class InitiativeById(MethodView):
    @blp.response(200, InitiativeOut)
    def get(self, initiative_id: int):
        """One initiative; the ETag is for PATCH."""
        initiative = services.get_initiative(initiative_id=initiative_id)
        return initiative, {"ETag": _etag(initiative)}

    @requires("initiative.write")
    @blp.arguments(InitiativeUpdate(partial=True))
    @blp.response(200, InitiativeOut)
    @blp.alt_response(412, description="If-Match names an older version")
    @blp.alt_response(428, description="If-Match is missing")
    def patch(self, data, initiative_id: int):
        """Change an initiative; needs If-Match with the ETag of the last GET."""
        initiative = services.get_initiative(initiative_id=initiative_id)
        require_if_match(_etag(initiative))
        services.update_initiative(initiative=initiative, by=api_user(), **data)
        db.session.commit()
        return initiative, {"ETag": _etag(initiative)}


@blp.route("/<int:initiative_id>/transitions")
class InitiativeTransitions(MethodView):
    @requires("initiative.write")
    @blp.arguments(TransitionIn)
    @blp.response(200, InitiativeOut)
    @blp.alt_response(409, description="Not possible from the current status")
    def post(self, data, initiative_id: int):
        """`to_network`, `assign` (with `department`) or `close` (with `outcome`); If-Match is optional."""
        initiative = services.get_initiative(initiative_id=initiative_id)
        if request.if_match:
            require_if_match(_etag(initiative))
        transitions.transition_initiative(initiative=initiative, by=api_user(), **data)
        db.session.commit()
        return initiative, {"ETag": _etag(initiative)}


@blp.route("/<int:initiative_id>/notes")
class InitiativeNotes(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, NoteOut(many=True), headers=PAGINATION_DOC["headers"])
    def get(self, page, initiative_id: int):
        """Notes on an initiative, newest first: who said what, when."""
        initiative = services.get_initiative(initiative_id=initiative_id)
        return paginate(db.session, services.list_notes(initiative=initiative), **page)

    @requires("initiative.write")
    @blp.arguments(NoteIn)
    @blp.response(201, NoteOut)
    def post(self, data, initiative_id: int):
        """Add a note; officers of every department may, so what they know is shared."""
        initiative = services.get_initiative(initiative_id=initiative_id)
        note = services.add_note(initiative=initiative, by=api_user(), **data)
        db.session.commit()
        return note


@history_blp.route("/<int:organisation_id>/history")
class OrganisationHistory(MethodView):
    @history_blp.response(200, OrganisationHistoryOut)
    def get(self, organisation_id: int):
        """Every initiative, agreement and grant of an organisation, across departments, newest first."""
        return organisation_history(organisation_id=organisation_id)
