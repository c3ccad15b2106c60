from flask import request
from flask.views import MethodView

from iop.auth.api import api_user
from iop.downloads import download
from iop.errors import Invalid, NotFound
from iop.extensions import db
from iop.organisations import de_minimis, privacy, services
from iop.organisations.schemas import (
    ContactExportOut,
    ContactRecordOut,
    DeclaredAidIn,
    DeclaredAidOut,
    OrganisationFilter,
    OrganisationIn,
    OrganisationOut,
)
from iop.rest import (
    PAGINATION_DOC,
    Blueprint,
    PageArgs,
    etag_for,
    paginate,
    require_if_match,
    requires,
    scanned_paper_body,
)

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


@blp.route("/<int:organisation_id>/de-minimis")
class DeclaredAid(MethodView):
    @blp.response(200, DeclaredAidOut(many=True))
    def get(self, organisation_id: int):
        """The organisation's declaration of other de minimis aid, most recently granted first."""
        organisation = services.get_organisation(organisation_id=organisation_id)
        return db.session.scalars(de_minimis.list_declared_aid(organisation=organisation)).all()

    @requires("organisation.write")
    @blp.arguments(DeclaredAidIn)
    @blp.response(201, DeclaredAidOut)
    def post(self, data, organisation_id: int):
        """Record one item of other de minimis aid the organisation declared (counted in the
        legality check with the municipality's own agreements and grants of the three years before)."""
        organisation = services.get_organisation(organisation_id=organisation_id)
        aid = de_minimis.record_declared_aid(organisation=organisation, actor=api_user(), **data)
        db.session.commit()
        return aid


@blp.route("/<int:organisation_id>/de-minimis/<int:aid_id>/file")
class DeclaredAidFile(MethodView):
    @blp.response(200, content_type="application/octet-stream", description="The kept bytes")
    def get(self, organisation_id: int, aid_id: int):
        """Download the declaration's file exactly as kept."""
        organisation = services.get_organisation(organisation_id=organisation_id)
        aid = de_minimis.get_declared_aid(organisation=organisation, aid_id=aid_id)
        if aid.file_content is None:
            raise NotFound(f"Ingen fil är sparad för uppgiften {aid_id}.")
        return download(aid.file_content, aid.file_media_type, de_minimis.download_name(aid),
                        headers={"ETag": f'"{aid.file_sha256}"'})

    @requires("organisation.write")
    @blp.doc(requestBody=scanned_paper_body())
    @blp.response(200, DeclaredAidOut)
    def put(self, organisation_id: int, aid_id: int):
        """Keep the signed declaration (PDF, PNG or JPEG) with the item, with its SHA-256."""
        organisation = services.get_organisation(organisation_id=organisation_id)
        aid = de_minimis.get_declared_aid(organisation=organisation, aid_id=aid_id)
        upload = request.files.get("file")
        if upload is not None:
            content, name = upload.read(), upload.filename
        elif request.mimetype in de_minimis.FILE_SIGNATURES.values():
            content, name = request.get_data(), None
        else:
            raise Invalid({"file": ["Skicka filen som multipart-fältet file, eller som PDF/bild i kroppen."]})
        de_minimis.attach_declaration_file(aid=aid, content=content, filename=name)
        db.session.commit()
        return aid
