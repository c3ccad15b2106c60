import marshmallow as ma
from flask import current_app
from flask.views import MethodView

from iop.opendata.ocds import release_package
from iop.rest import Blueprint

blp = Blueprint("api_opendata", __name__, url_prefix="/api/v1/export",
                description="Öppna data om överenskommelser")


class ReleasePackageOut(ma.Schema):
    uri = ma.fields.String()
    version = ma.fields.String()
    publishedDate = ma.fields.String()
    publisher = ma.fields.Dict()
    license = ma.fields.String()
    publicationPolicy = ma.fields.String(metadata={"description": "a URI (IOP_OPEN_DATA_POLICY_URL)"})
    releases = ma.fields.List(ma.fields.Dict(),
                              metadata={"description": "OCDS 1.1 releases, one per agreement"})


@blp.route("/ocds")
class Ocds(MethodView):
    @blp.response(200, ReleasePackageOut)
    def get(self):
        """Active agreements as an OCDS 1.1 release package, without personal data."""
        config = current_app.config
        return release_package(uri=f"{config['BASE_URL']}/api/v1/export/ocds", prefix=config["OCDS_PREFIX"],
                               publisher=config["MUNICIPALITY_NAME"],
                               policy_uri=config.get("OPEN_DATA_POLICY_URL"), timezone=config["TIMEZONE"])
