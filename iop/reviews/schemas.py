import marshmallow as ma

from iop.agreements.schemas import WarningOut
from iop.reviews.models import Decision
from iop.reviews.sections import SECTIONS
from iop.schemas import QueryInteger, StrictInteger, Text


class ReviewIn(ma.Schema):
    decision = ma.fields.String(required=True, validate=ma.validate.OneOf(
        [d.value for d in Decision], error="Välj en av: {choices}."))
    comment = Text(load_default=None, allow_none=True, validate=ma.validate.Length(max=20000))
    assessment = Text(load_default=None, allow_none=True, validate=ma.validate.Length(max=20000),
                      metadata={"description": "The lawyer's assessment of the legality warnings"})
    revision = StrictInteger(required=True, validate=ma.validate.Range(min=1, max=2**31 - 1))
    document_sha256 = Text(required=True, validate=ma.validate.Regexp(
        r"^[0-9a-fA-F]{64}$", error="Ange SHA-256 som 64 hexadecimala tecken."))


class ReviewOut(ma.Schema):
    id = ma.fields.Integer()
    agreement_id = ma.fields.Integer()
    revision = ma.fields.Integer()
    decision = ma.fields.String()
    comment = ma.fields.String(allow_none=True)
    assessment = ma.fields.String(allow_none=True)
    warnings = ma.fields.List(ma.fields.Nested(WarningOut))
    document_sha256 = ma.fields.String()
    reviewer = ma.fields.Function(lambda r: r.reviewer.email)
    created_at = ma.fields.DateTime()


class CommentIn(ma.Schema):
    section = ma.fields.String(required=True, validate=ma.validate.OneOf(list(SECTIONS),
                                                                          error="Välj en av: {choices}."))
    body = Text(required=True, validate=ma.validate.Length(min=1, max=20000))
    revision = StrictInteger(load_default=None, validate=ma.validate.Range(min=1, max=2**31 - 1))


class ReplyIn(ma.Schema):
    body = Text(required=True, validate=ma.validate.Length(min=1, max=20000))


class ReplyOut(ma.Schema):
    id = ma.fields.Integer()
    comment_id = ma.fields.Integer()
    body = ma.fields.String()
    author = ma.fields.Function(lambda r: r.author.email)
    created_at = ma.fields.DateTime()


class CommentOut(ma.Schema):
    id = ma.fields.Integer()
    revision = ma.fields.Integer()
    section = ma.fields.String()
    section_label = ma.fields.Function(lambda c: SECTIONS[c.section])
    body = ma.fields.String()
    author = ma.fields.Function(lambda c: c.author.email)
    created_at = ma.fields.DateTime()
    resolved_at = ma.fields.DateTime(allow_none=True)
    resolved_by = ma.fields.Function(lambda c: c.resolved_by.email if c.resolved_by else None)
    replies = ma.fields.List(ma.fields.Nested(ReplyOut), metadata={
        "description": "The thread's answers, oldest first; it stays with the comment's revision"})


class CommentFilter(ma.Schema):
    revision = QueryInteger(load_default=None, validate=ma.validate.Range(min=1, max=2**31 - 1))
    unresolved = ma.fields.Boolean(load_default=None)
