import marshmallow as ma
from flask.views import MethodView

from iop.agreements import goals, services
from iop.auth.api import api_user
from iop.extensions import db
from iop.rest import Blueprint, requires
from iop.schemas import StrictInteger, Text

blp = Blueprint("api_municipal_goals", __name__, url_prefix="/api/v1",
                description="Kommunala mål och överenskommelsernas koppling till dem")


class GoalIn(ma.Schema):
    name = Text(required=True, validate=ma.validate.Length(min=1, max=300))
    number = StrictInteger(load_default=None, allow_none=True, validate=ma.validate.Range(min=1, max=999),
                           metadata={"description": "the goal's number in the municipality's plan"})
    description = Text(load_default="", validate=ma.validate.Length(max=5000))


class GoalOut(ma.Schema):
    id = ma.fields.Integer()
    number = ma.fields.Integer(allow_none=True)
    name = ma.fields.String()
    description = ma.fields.String()


class AgreementGoalsIn(ma.Schema):
    goal_ids = ma.fields.List(StrictInteger(validate=ma.validate.Range(min=1)),
                              validate=ma.validate.Length(max=100),
                              metadata={"description": "every goal the agreement serves (replaces the list)"})
    gender_equality = Text(allow_none=True, validate=ma.validate.Length(max=5000), metadata={
        "description": "how the agreement concerns girls and boys, women and men (the yearly report)"})


class AgreementGoalsOut(ma.Schema):
    agreement_id = ma.fields.Integer()
    goal_ids = ma.fields.List(ma.fields.Integer())
    gender_equality = ma.fields.String(allow_none=True)


def _tags(agreement) -> dict:
    return {"agreement_id": agreement.id, "goal_ids": goals.goal_ids(agreement),
            "gender_equality": agreement.gender_equality}


@blp.route("/municipal-goals")
class Goals(MethodView):
    @blp.response(200, GoalOut(many=True))
    def get(self):
        """The municipality's goals."""
        return goals.list_goals()

    @requires("goal.manage")
    @blp.arguments(GoalIn)
    @blp.response(201, GoalOut)
    def post(self, data):
        """Add a municipal goal (admin)."""
        goal = goals.create_goal(by=api_user(), **data)
        db.session.commit()
        return goal


@blp.route("/agreements/<int:agreement_id>/goals")
class AgreementGoals(MethodView):
    @blp.response(200, AgreementGoalsOut)
    def get(self, agreement_id: int):
        """The goals an agreement serves, and its statement on gender equality."""
        return _tags(services.get_agreement(agreement_id=agreement_id))

    @requires("agreement.write")
    @blp.arguments(AgreementGoalsIn)
    @blp.response(200, AgreementGoalsOut)
    def put(self, data, agreement_id: int):
        """Tag the agreement with the goals it serves (an officer of its department, or an admin)."""
        agreement = services.get_agreement(agreement_id=agreement_id)
        goals.set_agreement_goals(agreement=agreement, by=api_user(), **data)
        db.session.commit()
        return _tags(agreement)
