import marshmallow as ma

from iop.outbox.models import MessageStatus
from iop.reminders.keydates import KeyDateKind
from iop.reminders.models import FeedScope
from iop.schemas import Date, QueryInteger, Text

STATUSES = [s.value for s in MessageStatus]
KINDS = [k.value for k in KeyDateKind]


class ReminderFilter(ma.Schema):
    status = ma.fields.String(load_default=None, validate=ma.validate.OneOf(STATUSES))
    due_before = Date(load_default=None, metadata={
        "description": "Påminnelser som skulle skickas senast denna dag (ÅÅÅÅ-MM-DD)"})
    agreement_id = QueryInteger(load_default=None, validate=ma.validate.Range(min=1, max=2**31 - 1))
    kind = ma.fields.String(load_default=None, validate=ma.validate.OneOf(KINDS))


class ReminderOut(ma.Schema):
    id = ma.fields.Integer()
    agreement_id = ma.fields.Integer()
    kind = ma.fields.String(metadata={"enum": KINDS})
    key_date = Date()
    offset_days = ma.fields.Integer(metadata={"description": "Dagar före nyckeldatumet"})
    due_on = Date()
    status = ma.fields.String(metadata={"enum": STATUSES})
    sent_at = ma.fields.DateTime(allow_none=True)
    attempts = ma.fields.Integer()
    error = ma.fields.String(allow_none=True, metadata={"description": "Senaste felet vid sändning"})


class FeedIn(ma.Schema):
    scope = ma.fields.String(
        required=True, validate=ma.validate.OneOf([s.value for s in FeedScope]),
        metadata={"description": "user: dina överenskommelser; department: en förvaltnings"})
    department = Text(load_default=None, allow_none=True, validate=ma.validate.Length(max=32),
                      metadata={"description": "Förvaltningens kod; utan den din egen förvaltning"})
    name = Text(load_default="", validate=ma.validate.Length(max=100))


class FeedOut(ma.Schema):
    id = ma.fields.Integer()
    scope = ma.fields.String()
    department = ma.fields.Function(lambda f: f.department.code if f.department else None, allow_none=True)
    name = ma.fields.String()
    prefix = ma.fields.String()
    created_at = ma.fields.DateTime()
    last_used_at = ma.fields.DateTime(allow_none=True)
    revoked_at = ma.fields.DateTime(allow_none=True)


class FeedCreated(FeedOut):
    url = ma.fields.String(metadata={"description": "Den hemliga adressen; visas bara nu"})
