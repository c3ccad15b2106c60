from flask.views import MethodView

from iop.departments import services
from iop.departments.schemas import DepartmentIn, DepartmentOut
from iop.extensions import db
from iop.rest import PAGINATION_DOC, Blueprint, PageArgs, paginate, requires

blp = Blueprint("api_departments", __name__, url_prefix="/api/v1/departments",
                description="Förvaltningar och nämnder")


@blp.route("")
class Departments(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, DepartmentOut(many=True), headers=PAGINATION_DOC["headers"])
    def get(self, args):
        """Every department, by code."""
        items, headers = paginate(db.session, services.list_departments(), **args)
        return items, headers

    @requires("department.write")
    @blp.arguments(DepartmentIn)
    @blp.response(201, DepartmentOut)
    def post(self, data):
        """Register a department (admin)."""
        department = services.create_department(**data)
        db.session.commit()
        return department


@blp.route("/<code>")
class DepartmentByCode(MethodView):
    @blp.response(200, DepartmentOut)
    def get(self, code: str):
        """One department by its code."""
        return services.get_department(code=code)
