import marshmallow as ma
from flask import request
from flask.views import MethodView

from iop.agreements import archive, services
from iop.auth.api import api_user
from iop.downloads import download
from iop.errors import Invalid
from iop.extensions import db
from iop.rest import PAGINATION_DOC, Blueprint, PageArgs, paginate, requires, scanned_paper_body

blp = Blueprint("api_agreement_archive", __name__, url_prefix="/api/v1/agreements",
                description="Arkiv: godkänt och undertecknat dokument, PDF/A, inskannad underskrift")


class StoredDocumentOut(ma.Schema):
    id = ma.fields.Integer()
    revision = ma.fields.Integer()
    purpose = ma.fields.String(metadata={"description": "approved, active, active_pdfa or signed_scan"})
    sha256 = ma.fields.String()
    media_type = ma.fields.String()
    filename = ma.fields.String()
    size = ma.fields.Integer()
    created_at = ma.fields.DateTime()


@blp.route("/<int:agreement_id>/archive")
class Archive(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, StoredDocumentOut(many=True), headers=PAGINATION_DOC["headers"])
    def get(self, page, agreement_id: int):
        """Every document kept for the record, with its SHA-256."""
        agreement = services.get_agreement(agreement_id=agreement_id)
        return paginate(db.session, archive.list_documents(agreement=agreement), **page)


@blp.route("/<int:agreement_id>/archive/<int:document_id>")
class ArchivedDocument(MethodView):
    @blp.response(200, content_type="application/octet-stream", description="The kept bytes")
    def get(self, agreement_id: int, document_id: int):
        """Download one kept document exactly as stored."""
        agreement = services.get_agreement(agreement_id=agreement_id)
        row = archive.get_document(agreement=agreement, document_id=document_id)
        return download(row.content, row.media_type, archive.download_name(row, agreement),
                        headers={"ETag": f'"{row.sha256}"'})


@blp.route("/<int:agreement_id>/signed-scan")
class SignedScan(MethodView):
    @requires("agreement.write")
    @blp.doc(requestBody=scanned_paper_body())
    @blp.response(201, StoredDocumentOut)
    def post(self, agreement_id: int):
        """Upload the scanned signed paper (PDF or image); kept beside the generated documents."""
        agreement = services.get_agreement(agreement_id=agreement_id)
        upload = request.files.get("file")
        if upload is not None:
            content, name = upload.read(), upload.filename
        elif request.mimetype in archive.SCAN_SIGNATURES.values():
            content, name = request.get_data(), None
        else:
            raise Invalid({"file": ["Skicka filen som multipart-fältet file, eller som PDF/bild i kroppen."]})
        row = archive.upload_signed_scan(agreement=agreement, actor=api_user(), content=content,
                                         filename=name)
        db.session.commit()
        return row


