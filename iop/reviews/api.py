from flask.views import MethodView

from iop.agreements.services import get_agreement
from iop.auth.api import api_user, requires
from iop.extensions import db
from iop.rest import PAGINATION_DOC, Blueprint, PageArgs, paginate
from iop.reviews import services
from iop.reviews.schemas import ReviewIn, ReviewOut

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
