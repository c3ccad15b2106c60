from flask import request
from flask.views import MethodView

from iop.errors import Invalid
from iop.extensions import db
from iop.grants import services
from iop.grants.reading import XLSX_MEDIA_TYPE, UnsupportedFile, printable_filename
from iop.grants.schemas import GrantFilter, GrantImportOut, GrantOut
from iop.rest import PAGINATION_DOC, Blueprint, PageArgs, paginate, requires

blp = Blueprint("api_grants", __name__, url_prefix="/api/v1/grants",
                description="Föreningsbidrag från nämndernas bidragssystem")

RAW_TYPES = frozenset({"text/csv", "application/csv", "text/plain", "application/octet-stream",
                       "application/vnd.ms-excel", XLSX_MEDIA_TYPE})
_FILE_SCHEMA = {"type": "string", "format": "binary"}
IMPORT_BODY = {
    "required": True,
    "description": "En CSV- eller XLSX-fil med kolumnerna year, committee, org_number, organisation, "
                   "purpose, amount_sek (rubrikraden är rad 1). CSV får ha , eller ; som avgränsare "
                   "och UTF-8 (med eller utan BOM) eller Windows-1252.",
    "content": {
        "text/csv": {"schema": _FILE_SCHEMA},
        XLSX_MEDIA_TYPE: {"schema": _FILE_SCHEMA},
        "multipart/form-data": {"schema": {"type": "object", "required": ["file"],
                                           "properties": {"file": _FILE_SCHEMA}}},
    },
}


def _upload() -> tuple[bytes, str | None, str | None]:
    """The uploaded file's bytes, name and type, from a multipart field or the raw body."""
    if request.mimetype == "multipart/form-data":
        upload = request.files.get("file")
        if upload is None:
            raise Invalid({"file": "Skicka filen i fältet file."})
        return upload.read(), printable_filename(upload.filename), upload.mimetype
    if request.mimetype not in RAW_TYPES:
        raise UnsupportedFile("Skicka filen som text/csv, som .xlsx eller i multipart-fältet file.")
    return request.get_data(cache=False), None, request.mimetype


@blp.route("")
class Grants(MethodView):
    @blp.arguments(GrantFilter, location="query")
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, GrantOut(many=True), headers=PAGINATION_DOC["headers"])
    def get(self, filters, page):
        """Imported grants, newest year first; filter by year, committee and organisation number."""
        return paginate(db.session, services.list_grants(**filters), **page)


@blp.route("/import")
class GrantsImport(MethodView):
    @requires("grant.import")
    @blp.doc(requestBody=IMPORT_BODY)
    @blp.alt_response(415, response="UNSUPPORTED_MEDIA_TYPE")
    @blp.response(201, GrantImportOut)
    def post(self):
        """Import a grants file (admin, coordinator): good rows are saved, bad rows named by row number."""
        data, filename, content_type = _upload()
        result = services.import_grants(data=data, filename=filename, content_type=content_type)
        db.session.commit()
        return result.summary()
