from flask.views import MethodView

from iop.agreements import goals, services
from iop.agreements.schemas import AgreementGoalsIn, AgreementGoalsOut, GoalIn, GoalOut
from iop.auth.api import api_user
from iop.extensions import db
from iop.rest import Blueprint, requires

blp = Blueprint("api_municipal_goals", __name__, url_prefix="/api/v1",
                description="Kommunala mål och överenskommelsernas koppling till dem")


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
