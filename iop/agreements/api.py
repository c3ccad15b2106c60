from flask import Response, jsonify, request
from flask.views import MethodView
from werkzeug.http import unquote_etag

from iop.agreements import reads, services, template_versions, transitions
from iop.agreements.documents import DOCX, document_for, redline_between
from iop.agreements.legality import legality_warnings
from iop.agreements.schemas import (
    AgreementCreate,
    AgreementFilter,
    AgreementRead,
    AgreementSummary,
    DocumentArgs,
    RedlineArgs,
    RenewalIn,
    RevisionOut,
    TransitionIn,
    agreement_change,
)
from iop.auth.api import api_user
from iop.downloads import download
from iop.extensions import db
from iop.rest import (
    PAGINATION_DOC,
    Blueprint,
    PageArgs,
    etag_for,
    pagination_header,
    require_if_match,
    requires,
)

blp = Blueprint("api_agreements", __name__, url_prefix="/api/v1/agreements",
                description="IOP-överenskommelser och årliga överenskommelser")


def _etag(agreement) -> str:
    return etag_for("agreement", agreement.id, agreement.version)


def _read(agreement, kept_version=False):
    """The whole agreement with its warnings and template version (`kept_version`: the template
    version already loaded with it by `services.read_agreement`, None when it has none)."""
    agreement.warnings = legality_warnings(agreement)
    agreement.template_version = template_versions.template_version_of(agreement) if kept_version is False \
        else template_versions.describe_template_version(agreement.template_key, kept_version)
    return agreement, {"ETag": _etag(agreement)}


def _not_modified(agreement_id: int) -> Response | None:
    """304 when If-None-Match names the current version: one small query, no parts loaded."""
    if not request.if_none_match:
        return None
    etag = etag_for("agreement", agreement_id, services.agreement_version(agreement_id=agreement_id))
    if not request.if_none_match.contains_weak(unquote_etag(etag)[0]):
        return None
    return Response(status=304, headers={"ETag": etag})


@blp.route("")
class Agreements(MethodView):
    @blp.arguments(AgreementFilter, location="query")
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, AgreementSummary(many=True), headers=PAGINATION_DOC["headers"])
    def get(self, filters, page):
        """Agreements, newest first, as summaries (the whole agreement is GET one); filter by status,
        kind, department, organisation, end date."""
        # Shaped by summary_dump, not dumped again: the schema above stays the contract.
        rows, total = reads.summaries(**filters, **page)
        response = jsonify(rows)
        response.headers.update(pagination_header(page["page"], page["per_page"], total))
        return response

    @requires("agreement.write")
    @blp.arguments(AgreementCreate)
    @blp.response(201, AgreementRead)
    def post(self, data):
        """Draft an agreement from a template (revision 1)."""
        agreement = services.draft_agreement(author=api_user(), **data)
        db.session.commit()
        return _read(agreement)


@blp.route("/<int:agreement_id>")
class AgreementById(MethodView):
    @blp.response(200, AgreementRead, headers={"ETag": {
        "description": "The agreement's version: send it as If-None-Match to revalidate, If-Match to change",
        "schema": {"type": "string"}}})
    @blp.alt_response(304, description="If-None-Match names the current version: nothing is sent again")
    def get(self, agreement_id: int):
        """One agreement with its parties, resources, dates and legality warnings."""
        # If-None-Match naming the current version is answered 304 (API.md), before the parts load.
        not_modified = _not_modified(agreement_id)
        if not_modified is not None:
            return not_modified
        # The answer kept for this version (reads.py), shaped as AgreementRead: not dumped again.
        answer, version = reads.read(agreement_id)
        response = jsonify(answer)
        response.headers["ETag"] = etag_for("agreement", agreement_id, version)
        return response

    @requires("agreement.write")
    @blp.arguments(agreement_change())
    @blp.response(200, AgreementRead)
    @blp.alt_response(412, description="If-Match names an older version")
    @blp.alt_response(428, description="If-Match is missing")
    def patch(self, data, agreement_id: int):
        """Change a draft (If-Match required); a change is saved as a new revision."""
        agreement = services.get_agreement(agreement_id=agreement_id)
        require_if_match(_etag(agreement))
        services.update_agreement(agreement=agreement, author=api_user(), **data)
        db.session.commit()
        return _read(agreement)


@blp.route("/<int:agreement_id>/transitions")
class Transitions(MethodView):
    @requires("agreement.write")
    @blp.arguments(TransitionIn)
    @blp.response(200, AgreementRead)
    def post(self, data, agreement_id: int):
        """submit, activate (signed_on, signatories), terminate (effective_on, reason) or withdraw."""
        agreement = services.get_agreement(agreement_id=agreement_id)
        action = data.pop("action")
        actor = api_user()
        if action == "submit":
            transitions.submit_agreement(agreement=agreement, actor=actor)
        elif action == "activate":
            transitions.activate_agreement(agreement=agreement, actor=actor, signed_on=data.get("signed_on"),
                                           signatories=data.get("signatories"))
        elif action == "terminate":
            transitions.terminate_agreement(agreement=agreement, actor=actor,
                                            effective_on=data.get("effective_on"), reason=data.get("reason"))
        else:
            transitions.withdraw_agreement(agreement=agreement, actor=actor, reason=data.get("reason"))
        db.session.commit()
        return _read(agreement)


@blp.route("/<int:agreement_id>/template-version")
class TemplateVersion(MethodView):
    @requires("agreement.write")
    @blp.response(200, AgreementRead)
    @blp.alt_response(409, description="The agreement is not a draft")
    def post(self, agreement_id: int):
        """Move a draft to the template's current version (a new revision); a draft otherwise keeps
        the version it was drafted with, and other statuses always do."""
        agreement = services.get_agreement(agreement_id=agreement_id)
        services.move_to_current_template(agreement=agreement, author=api_user())
        db.session.commit()
        return _read(agreement)


@blp.route("/<int:agreement_id>/revisions")
class Revisions(MethodView):
    @blp.response(200, RevisionOut(many=True))
    def get(self, agreement_id: int):
        """Every revision of the agreement, oldest first."""
        agreement = services.get_agreement(agreement_id=agreement_id, parts=False)
        return services.list_revisions(agreement=agreement)


@blp.route("/<int:agreement_id>/document")
class AgreementDocument(MethodView):
    @blp.arguments(DocumentArgs, location="query")
    @blp.response(200, content_type=DOCX, description="The Word document; ETag = SHA-256 of the bytes")
    def get(self, args, agreement_id: int):
        """The Word document of the current revision, or of `?revision=N`."""
        agreement = services.get_agreement(agreement_id=agreement_id, parts=False)
        document = document_for(agreement, args["revision"])
        return download(document.content, DOCX, document.filename, headers={
            "ETag": f'"{document.sha256}"', "X-Document-SHA256": document.sha256,
            "Cache-Control": "private, no-cache"})


@blp.route("/<int:agreement_id>/redline")
class Redline(MethodView):
    @blp.arguments(RedlineArgs, location="query")
    @blp.response(200, content_type=DOCX, description="Revision `to` with the changes from `from` tracked")
    def get(self, args, agreement_id: int):
        """A Word document of revision `to` where the differences from `from` are tracked changes."""
        agreement = services.get_agreement(agreement_id=agreement_id)
        document = redline_between(agreement, args["from_"], args["to"])
        return download(document.content, DOCX, document.filename, headers={
            "ETag": f'"{document.sha256}"', "Cache-Control": "private, no-cache"})


@blp.route("/<int:agreement_id>/renewal")
class Renewal(MethodView):
    @requires("agreement.write")
    @blp.arguments(RenewalIn)
    @blp.response(201, AgreementRead)
    def post(self, data, agreement_id: int):
        """Create the successor draft: content copied, the new period, no case number."""
        agreement = services.get_agreement(agreement_id=agreement_id)
        successor = transitions.renew_agreement(agreement=agreement, actor=api_user(), **data)
        db.session.commit()
        return _read(successor)
