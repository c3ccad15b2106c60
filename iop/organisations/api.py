from flask.views import MethodView

from iop.extensions import db
from iop.organisations import privacy, services
from iop.organisations.schemas import (
    ContactExportOut,
    ContactRecordOut,
    OrganisationFilter,
    OrganisationIn,
    OrganisationOut,
)
from iop.rest import PAGINATION_DOC, Blueprint, PageArgs, etag_for, paginate, require_if_match, requires

blp = Blueprint("api_organisations", __name__, url_prefix="/api/v1/organisations",
                description="Idéburna organisationer")


def _etag(organisation) -> str:
    return etag_for("organisation", organisation.id, organisation.version)


@blp.route("")
class Organisations(MethodView):
    @blp.arguments(OrganisationFilter, location="query")
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, OrganisationOut(many=True), headers=PAGINATION_DOC["headers"])
    def get(self, filters, page):
        """Organisations, newest first; filter by name, number or legal form."""
        return paginate(db.session, services.list_organisations(**filters), **page)

    @requires("organisation.write")
    @blp.arguments(OrganisationIn)
    @blp.response(201, OrganisationOut)
    def post(self, data):
        """Register an organisation."""
        organisation = services.create_organisation(**data)
        db.session.commit()
        return organisation, {"ETag": _etag(organisation)}


@blp.route("/<int:organisation_id>")
class OrganisationById(MethodView):
    @blp.response(200, OrganisationOut)
    def get(self, organisation_id: int):
        """One organisation with its contact persons; the ETag is for PATCH."""
        organisation = services.get_organisation(organisation_id=organisation_id)
        return organisation, {"ETag": _etag(organisation)}

    @requires("organisation.write")
    @blp.arguments(OrganisationIn(partial=True))
    @blp.response(200, OrganisationOut)
    @blp.alt_response(412, description="If-Match names an older version")
    @blp.alt_response(428, description="If-Match is missing")
    def patch(self, data, organisation_id: int):
        """Change an organisation; needs If-Match with the ETag of the last GET."""
        organisation = services.get_organisation(organisation_id=organisation_id)
        require_if_match(_etag(organisation))
        services.update_organisation(organisation=organisation, **data)
        db.session.commit()
        return organisation, {"ETag": _etag(organisation)}


@blp.route("/<int:organisation_id>/contacts/<int:contact_id>/export")
class ContactExport(MethodView):
    @requires("personal_data.manage")
    @blp.response(200, ContactExportOut)
    def get(self, organisation_id: int, contact_id: int):
        """Everything held about one contact person (GDPR art. 15); the export is logged."""
        organisation = services.get_organisation(organisation_id=organisation_id)
        export = privacy.export_contact(organisation=organisation, contact_id=contact_id)
        db.session.commit()
        return export


@blp.route("/<int:organisation_id>/contacts/<int:contact_id>/erasure")
class ContactErasure(MethodView):
    @requires("personal_data.manage")
    @blp.response(200, ContactRecordOut)
    def post(self, organisation_id: int, contact_id: int):
        """Erase a contact person's personal data, also from the audit log (GDPR art. 17).

        The row stays as a tombstone (erased_at set) and the audit events stay without the
        person's data; the organisation and its agreements are public records and stay.
        """
        organisation = services.get_organisation(organisation_id=organisation_id)
        contact = privacy.erase_contact(organisation=organisation, contact_id=contact_id)
        db.session.commit()
        return contact
