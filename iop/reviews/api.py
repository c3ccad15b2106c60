from flask.views import MethodView

from iop.agreements.services import get_agreement
from iop.auth.api import api_user
from iop.extensions import db
from iop.rest import PAGINATION_DOC, Blueprint, PageArgs, paginate, requires
from iop.reviews import services
from iop.reviews.schemas import CommentFilter, CommentIn, CommentOut, ReplyIn, ReplyOut, ReviewIn, ReviewOut

blp = Blueprint("api_reviews", __name__, url_prefix="/api/v1/agreements", description="Juridisk granskning")


@blp.route("/<int:agreement_id>/reviews")
class Reviews(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, ReviewOut(many=True), headers=PAGINATION_DOC["headers"])
    def get(self, page, agreement_id: int):
        """Every review of the agreement, newest first."""
        agreement = get_agreement(agreement_id=agreement_id)
        return paginate(db.session, services.list_reviews(agreement=agreement), **page)

    @requires("review.write")
    @blp.arguments(ReviewIn)
    @blp.response(201, ReviewOut)
    def post(self, data, agreement_id: int):
        """Approve or request changes to the revision under review (legal)."""
        agreement = get_agreement(agreement_id=agreement_id)
        review = services.review_agreement(agreement=agreement, reviewer=api_user(), **data)
        db.session.commit()
        return review


@blp.route("/<int:agreement_id>/comments")
class Comments(MethodView):
    @blp.arguments(CommentFilter, location="query")
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, CommentOut(many=True), headers=PAGINATION_DOC["headers"])
    def get(self, filters, page, agreement_id: int):
        """Review comments, oldest first, per revision and open or resolved."""
        agreement = get_agreement(agreement_id=agreement_id)
        return paginate(db.session, services.list_comments(agreement=agreement, **filters), **page)

    @requires("comment.write")
    @blp.arguments(CommentIn)
    @blp.response(201, CommentOut)
    def post(self, data, agreement_id: int):
        """Comment on a section of a revision (the current one unless named)."""
        agreement = get_agreement(agreement_id=agreement_id)
        comment = services.comment_on(agreement=agreement, author=api_user(), **data)
        db.session.commit()
        return comment


@blp.route("/<int:agreement_id>/comments/<int:comment_id>/replies")
class CommentReplies(MethodView):
    @requires("comment.write")
    @blp.arguments(ReplyIn)
    @blp.response(201, ReplyOut)
    def post(self, data, agreement_id: int, comment_id: int):
        """Answer a comment in its thread."""
        agreement = get_agreement(agreement_id=agreement_id)
        reply = services.reply_to_comment(agreement=agreement, comment_id=comment_id, author=api_user(),
                                          **data)
        db.session.commit()
        return reply


@blp.route("/<int:agreement_id>/comments/<int:comment_id>/resolve")
class ResolveComment(MethodView):
    @requires("comment.write")
    @blp.response(200, CommentOut)
    def post(self, agreement_id: int, comment_id: int):
        """Mark a comment as dealt with."""
        agreement = get_agreement(agreement_id=agreement_id)
        comment = services.resolve_comment(agreement=agreement, comment_id=comment_id, actor=api_user())
        db.session.commit()
        return comment
