import marshmallow as ma

from iop.followups.models import Assessment

ASSESSMENTS = [a.value for a in Assessment if a != Assessment.PENDING]  # pending: the portal's


class FollowUpReportIn(ma.Schema):
    follow_up_date = ma.fields.Date(required=True, metadata={
        "description": "One of the agreement's follow-up dates"})
    received_on = ma.fields.Date(required=True, metadata={"description": "When the report came in"})
    summary = ma.fields.String(load_default=None, validate=ma.validate.Length(max=20000), metadata={
        "description": "What the report says; may be left out when a file is attached"})
    assessment = ma.fields.String(required=True, validate=ma.validate.OneOf(
        ASSESSMENTS, error="Välj en av bedömningarna met, partly_met eller not_met."))
    comment = ma.fields.String(load_default=None, allow_none=True, validate=ma.validate.Length(max=20000))


class FollowUpReportFileOut(ma.Schema):
    id = ma.fields.Integer()
    filename = ma.fields.String()
    media_type = ma.fields.String()
    size = ma.fields.Integer()
    sha256 = ma.fields.String()


class FollowUpReportOut(ma.Schema):
    id = ma.fields.Integer()
    agreement_id = ma.fields.Integer()
    follow_up_date = ma.fields.Date()
    received_on = ma.fields.Date()
    summary = ma.fields.String()
    assessment = ma.fields.Enum(Assessment, by_value=True)
    comment = ma.fields.String(allow_none=True)
    recorded_by = ma.fields.Function(lambda r: r.recorded_by.email if r.recorded_by else None)
    created_at = ma.fields.DateTime()
    files = ma.fields.List(ma.fields.Nested(FollowUpReportFileOut))
