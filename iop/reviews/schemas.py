import marshmallow as ma

from iop.reviews.models import Decision
from iop.schemas import StrictInteger, Text


class ReviewIn(ma.Schema):
    decision = ma.fields.String(required=True, validate=ma.validate.OneOf(
        [d.value for d in Decision], error="Välj en av: {choices}."))
    comment = Text(load_default=None, allow_none=True, validate=ma.validate.Length(max=20000))
    revision = StrictInteger(required=True, validate=ma.validate.Range(min=1, max=2**31 - 1))
    document_sha256 = Text(required=True, validate=ma.validate.Regexp(
        r"^[0-9a-fA-F]{64}$", error="Ange SHA-256 som 64 hexadecimala tecken."))


class ReviewOut(ma.Schema):
    id = ma.fields.Integer()
    agreement_id = ma.fields.Integer()
    revision = ma.fields.Integer()
    decision = ma.fields.String()
    comment = ma.fields.String(allow_none=True)
    document_sha256 = ma.fields.String()
    reviewer = ma.fields.Function(lambda r: r.reviewer.email)
    created_at = ma.fields.DateTime()
