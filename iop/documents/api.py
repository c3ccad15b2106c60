from flask.views import MethodView

from iop.documents import services
from iop.documents.schemas import TemplateOut
from iop.rest import PAGINATION_DOC, Blueprint, PageArgs, pagination_header

blp = Blueprint("api_templates", __name__, url_prefix="/api/v1/templates",
                description="Avtalsmallar (Word)")


@blp.route("")
class Templates(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, TemplateOut(many=True), headers=PAGINATION_DOC["headers"])
    def get(self, page):
        """Agreement templates, by key."""
        templates = services.list_templates()
        start = (page["page"] - 1) * page["per_page"]
        return templates[start:start + page["per_page"]], pagination_header(
            page["page"], page["per_page"], len(templates))


@blp.route("/<key>")
class TemplateByKey(MethodView):
    @blp.response(200, TemplateOut)
    def get(self, key: str):
        """One agreement template."""
        return services.get_template(key=key)
