"""The grants page: imported grants with filters, and for importers the upload of a committee's file.

The upload goes through `import_grants` with the service's limits, as the API's does; a
refused file (too large, an old .xls, no header) is shown beside the file field, and a
file's refused rows are listed by the row number Excel shows.
"""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request
from werkzeug.exceptions import RequestEntityTooLarge

from iop.departments.services import list_committees
from iop.errors import Invalid, respond
from iop.extensions import db
from iop.grants import services
from iop.grants.reading import COLUMNS, TooLarge, UnsupportedFile, printable_filename
from iop.grants.schemas import GrantFilter
from iop.sorting import swedish_key
from iop.web.access import permission_required
from iop.web.forms import FormState, submit
from iop.web.listing import load_filters, page_args, page_of

bp = Blueprint("grants", __name__, url_prefix="/bidrag")

FILTERS = ("year", "committee", "org_number")
FILTER_LABELS = {"year": "År", "committee": "Nämnd", "org_number": "Organisationsnummer"}
UPLOAD_LABELS = {"file": "Fil från bidragssystemet"}


@bp.get("")
@permission_required("read")
def index():
    return render_index(upload_form=_upload_form())


@bp.post("")
@permission_required("grant.import")
def upload():
    """Import the chosen file and show what became of each row, above the list."""
    form = _upload_form()
    file = request.files.get("file")

    def save():
        if file is None or not file.filename:
            raise Invalid({"file": "Välj filen med föreningsbidragen."})
        try:
            return services.import_grants(data=file.read(), filename=printable_filename(file.filename),
                                          content_type=file.mimetype)
        except (TooLarge, UnsupportedFile) as error:
            # A refusal of the whole file belongs beside the file field, like any other field's error.
            raise FileRefused({"file": [error.message]}, status=error.status) from error

    outcome = submit(form, save)
    if not outcome.ok:
        return render_index(upload_form=form, status=outcome.status)
    return render_index(upload_form=form, result=outcome.result)


class FileRefused(Invalid):
    """The whole file refused (too large, not a spreadsheet), with the import's own status."""

    def __init__(self, errors: dict, *, status: int):
        super().__init__(errors)
        self.status = status


def render_index(*, upload_form: FormState, result=None, status: int = 200):
    filters, filter_form = load_filters(GrantFilter(), request.args, FILTERS, labels=FILTER_LABELS)
    pager = page_of(services.list_grants(**filters), **page_args(request.args))
    committees = sorted((c.name for c in db.session.scalars(list_committees())), key=swedish_key)
    return render_template("grants/index.html", pager=pager, filters=filter_form,
                           args=filter_form.input(FILTERS), committees=[(name, name) for name in committees],
                           upload_form=upload_form, result=result, columns=COLUMNS,
                           max_mb=_upload_limit() // (1024 * 1024),
                           max_rows=current_app.config["GRANTS_IMPORT_MAX_ROWS"]), status


def _upload_form() -> FormState:
    return FormState(labels=UPLOAD_LABELS)


def _upload_limit() -> int:
    """What a file may weigh: the smaller of the import's limit and the request limit."""
    config = current_app.config
    return min(config["GRANTS_IMPORT_MAX_BYTES"],
               config.get("MAX_CONTENT_LENGTH") or config["GRANTS_IMPORT_MAX_BYTES"])


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(error):
    # A request over the server's limit is refused before the view reads the file; the
    # refusal still belongs beside the file field, like the import's own size check.
    message = f"Filen är för stor: högst {_upload_limit() // (1024 * 1024)} MB kan läsas in åt gången."
    if request.endpoint == "grants.upload":
        form = _upload_form()
        form.fail(Invalid({"file": [message]}))
        return render_index(upload_form=form, status=413)
    return respond(413, message)
