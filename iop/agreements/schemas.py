"""The shape of agreements in the API. Rules about content belong to the services."""

from __future__ import annotations

import marshmallow as ma

from iop.agreements.models import Kind, Party, PaymentTerms, Per, ResourceType, Status
from iop.schemas import Date, Email, QueryInteger, StrictInteger, Text

LONG_TEXT = ma.validate.Length(max=20000)
MAX_SEK = 10_000_000_000
MAX_HOURS = 10_000_000


def _choice(enum_cls):
    return ma.validate.OneOf([m.value for m in enum_cls], error="Välj en av: {choices}.")


class Amount(ma.fields.Decimal):
    """A non-negative amount that is a JSON number (not a string, not NaN), answered as a number."""

    def __init__(self, maximum: int, **kwargs):
        kwargs.setdefault("allow_none", True)
        kwargs.setdefault("load_default", None)
        kwargs.setdefault("as_string", False)
        kwargs.setdefault("places", 2)
        kwargs.setdefault("validate", ma.validate.Range(min=0, max=maximum))
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        from iop.agreements.content import number

        return number(value)


class ResourceIn(ma.Schema):
    party = ma.fields.String(required=True, validate=_choice(Party))
    organisation_id = StrictInteger(load_default=None, allow_none=True)
    type = ma.fields.String(required=True, validate=_choice(ResourceType))
    description = Text(load_default="", validate=ma.validate.Length(max=2000))
    amount_sek = Amount(MAX_SEK)
    hours = Amount(MAX_HOURS)
    per = ma.fields.String(load_default="year", validate=_choice(Per))


class DatedItemIn(ma.Schema):
    date = Date(required=True)
    title = Text(required=True, validate=ma.validate.Length(min=1, max=300))


class SignatoryIn(ma.Schema):
    party = ma.fields.String(required=True, validate=_choice(Party))
    name = Text(required=True, validate=ma.validate.Length(min=1, max=200))
    title = Text(load_default="", validate=ma.validate.Length(max=200))
    organisation_id = StrictInteger(load_default=None, allow_none=True, metadata={
        "description": "The organisation an organisation's signatory signs for (when there are several)"})


class AgreementContent(ma.Schema):
    """Everything an officer edits while the agreement is a draft."""

    title = Text(validate=ma.validate.Length(min=1, max=300))
    case_number = Text(allow_none=True, validate=ma.validate.Length(max=64))
    organisations = ma.fields.List(StrictInteger(), validate=ma.validate.Length(max=20))
    background = Text(allow_none=True, validate=LONG_TEXT)
    governance = Text(allow_none=True, validate=LONG_TEXT)
    challenge = Text(allow_none=True, validate=LONG_TEXT)
    purpose = Text(allow_none=True, validate=LONG_TEXT)
    added_value = Text(allow_none=True, validate=LONG_TEXT)
    market_assessment = Text(allow_none=True, validate=LONG_TEXT)
    follow_up_description = Text(allow_none=True, validate=LONG_TEXT)
    activities = Text(allow_none=True, validate=LONG_TEXT,
                      metadata={"description": "What the organisation does (annual agreements)"})
    resources = ma.fields.List(ma.fields.Nested(ResourceIn), validate=ma.validate.Length(max=100))
    start_date = Date(allow_none=True)
    end_date = Date(allow_none=True)
    notice_period_months = StrictInteger(allow_none=True, validate=ma.validate.Range(min=0, max=120))
    extension_months = StrictInteger(allow_none=True, validate=ma.validate.Range(min=1, max=120))
    max_extensions = StrictInteger(allow_none=True, validate=ma.validate.Range(min=0, max=50))
    automatic_extension = ma.fields.Boolean()
    general_economic_interest = ma.fields.Boolean()
    milestones = ma.fields.List(ma.fields.Nested(DatedItemIn), validate=ma.validate.Length(max=100))
    follow_ups = ma.fields.List(ma.fields.Nested(DatedItemIn), validate=ma.validate.Length(max=100))
    responsible_email = Email(allow_none=True)
    decision_body = Text(allow_none=True, validate=ma.validate.Length(max=200), metadata={
        "description": "Who decided to enter the agreement: the committee, or the delegate"})
    decision_date = ma.fields.Date(allow_none=True)
    decision_section = Text(allow_none=True, validate=ma.validate.Length(max=32),
                            metadata={"description": "The minutes' paragraph, e.g. § 45"})
    decision_case_number = Text(allow_none=True, validate=ma.validate.Length(max=64))
    decision_delegation = Text(allow_none=True, validate=ma.validate.Length(max=300), metadata={
        "description": "When decided by delegation: the point of the delegation order"})
    payment_terms = ma.fields.String(allow_none=True, validate=_choice(PaymentTerms), metadata={
        "description": "When the municipality pays its money contribution; null: half-yearly in advance"})
    processes_personal_data = ma.fields.Boolean(metadata={
        "description": "Whether the organisation processes personal data on the municipality's behalf"})
    signatories = ma.fields.List(ma.fields.Nested(SignatoryIn), validate=ma.validate.Length(max=20),
                                 metadata={"description": "Who will sign, printed under the lines"})
    reminder_days = ma.fields.List(
        StrictInteger(validate=ma.validate.Range(min=0, max=365)), allow_none=True,
        validate=ma.validate.Length(max=10),
        metadata={"description": "Days before each key date that reminders go out; null: the "
                  "service's default (IOP_REMINDER_DAYS), []: no reminders"})

    @ma.validates_schema
    def ends_after_it_starts(self, data, **kwargs):
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            raise ma.ValidationError("Slutdatum kan inte ligga före startdatum.", "end_date")


def agreement_change() -> AgreementContent:
    """A change to a draft: any field may be left out, but a resource, milestone or follow-up is
    always given whole (`partial=True` would reach into those too, and let a half row through)."""
    return AgreementContent(partial=tuple(AgreementContent._declared_fields))


class AgreementCreate(AgreementContent):
    template = Text(required=True, validate=ma.validate.Length(min=1, max=64))
    kind = ma.fields.String(validate=_choice(Kind))
    title = Text(required=True, validate=ma.validate.Length(min=1, max=300))
    department = Text(validate=ma.validate.Length(min=1, max=32))


class ResourceOut(ma.Schema):
    party = ma.fields.String()
    organisation_id = ma.fields.Integer(allow_none=True)
    type = ma.fields.String()
    description = ma.fields.String()
    amount_sek = Amount(MAX_SEK)
    hours = Amount(MAX_HOURS)
    per = ma.fields.String()


class DatedItemOut(ma.Schema):
    date = Date()
    title = ma.fields.String()


class SignatoryOut(ma.Schema):
    party = ma.fields.String()
    name = ma.fields.String()
    title = ma.fields.String()
    organisation_id = ma.fields.Integer(allow_none=True)


class WarningOut(ma.Schema):
    code = ma.fields.String()
    message = ma.fields.String()
    field = ma.fields.String(allow_none=True, metadata={
        "description": "The agreement field the warning concerns, e.g. market_assessment or "
                       "resources.0.description"})


class AgreementOut(ma.Schema):
    id = ma.fields.Integer()
    kind = ma.fields.String()
    template = ma.fields.String(attribute="template_key")
    title = ma.fields.String()
    case_number = ma.fields.String(allow_none=True)
    department = ma.fields.Function(lambda a: a.department.code)
    organisations = ma.fields.List(ma.fields.Integer(), attribute="organisation_ids")
    status = ma.fields.String()
    status_label = ma.fields.Function(lambda a: _status_label(a.status))
    revision = ma.fields.Integer()
    approved_revision = ma.fields.Integer(allow_none=True)
    background = ma.fields.String(allow_none=True)
    governance = ma.fields.String(allow_none=True)
    challenge = ma.fields.String(allow_none=True)
    purpose = ma.fields.String(allow_none=True)
    added_value = ma.fields.String(allow_none=True)
    market_assessment = ma.fields.String(allow_none=True)
    follow_up_description = ma.fields.String(allow_none=True)
    activities = ma.fields.String(allow_none=True)
    resources = ma.fields.List(ma.fields.Nested(ResourceOut))
    start_date = Date(allow_none=True)
    end_date = Date(allow_none=True)
    notice_period_months = ma.fields.Integer(allow_none=True)
    notice_deadline = Date(allow_none=True, dump_only=True)
    reminder_days = ma.fields.List(ma.fields.Integer(), allow_none=True)
    extension_months = ma.fields.Integer(allow_none=True)
    max_extensions = ma.fields.Integer(allow_none=True)
    automatic_extension = ma.fields.Boolean()
    general_economic_interest = ma.fields.Boolean()
    milestones = ma.fields.List(ma.fields.Nested(DatedItemOut))
    follow_ups = ma.fields.List(ma.fields.Nested(DatedItemOut))
    responsible_email = ma.fields.String(allow_none=True)
    decision_body = ma.fields.String(allow_none=True)
    decision_date = Date(allow_none=True)
    decision_section = ma.fields.String(allow_none=True)
    decision_case_number = ma.fields.String(allow_none=True)
    decision_delegation = ma.fields.String(allow_none=True)
    payment_terms = ma.fields.String(allow_none=True)
    processes_personal_data = ma.fields.Boolean()
    signed_on = Date(allow_none=True)
    signatories = ma.fields.List(ma.fields.Nested(SignatoryOut))
    approved_sha256 = ma.fields.String(allow_none=True)
    active_sha256 = ma.fields.String(allow_none=True)
    ended_on = Date(allow_none=True)
    end_reason = ma.fields.String(allow_none=True)
    predecessor_id = ma.fields.Integer(allow_none=True)
    created_at = ma.fields.DateTime()
    updated_at = ma.fields.DateTime()


class AgreementSummary(ma.Schema):
    """An agreement as a list shows it and a client filters on; the whole agreement is GET one."""

    id = ma.fields.Integer()
    kind = ma.fields.String()
    title = ma.fields.String()
    case_number = ma.fields.String(allow_none=True)
    department = ma.fields.Function(lambda a: a.department.code)
    organisations = ma.fields.List(ma.fields.Integer(), attribute="organisation_ids")
    organisation_names = ma.fields.Function(lambda a: [p.organisation.name for p in a.parties],
                                            metadata={"type": "array", "items": {"type": "string"}})
    status = ma.fields.String()
    start_date = Date(allow_none=True)
    end_date = Date(allow_none=True)
    notice_deadline = Date(allow_none=True)
    revision = ma.fields.Integer()
    updated_at = ma.fields.DateTime()


def summary_dump(found: dict) -> dict:
    """What `AgreementSummary().dump` answers, from a row of `services.summary_page`: the list's
    hot path, without marshmallow's per-field machinery (a test holds the two equal)."""
    (ident, kind, title, case_number, status, start_date, end_date, notice_deadline, revision, updated_at,
     department) = found["row"]
    parties = found["parties"]
    return {
        "id": ident, "kind": kind.value, "title": title, "case_number": case_number,
        "department": department, "organisations": [organisation_id for organisation_id, _ in parties],
        "organisation_names": [name for _, name in parties], "status": status.value,
        "start_date": start_date and start_date.isoformat(), "end_date": end_date and end_date.isoformat(),
        "notice_deadline": notice_deadline and notice_deadline.isoformat(), "revision": revision,
        "updated_at": updated_at and updated_at.isoformat(),
    }


class TemplateVersionOut(ma.Schema):
    key = ma.fields.String()
    version = ma.fields.String(metadata={"description": "The manifest's version"})
    sha256 = ma.fields.String(allow_none=True, metadata={
        "description": "SHA-256 of the Word file the current revision is rendered with (null: drafted "
                       "before versions were kept; rendered with the current template)"})
    current = ma.fields.Boolean(metadata={"description": "Whether it is the template's current version"})


class AgreementRead(AgreementOut):
    """One agreement as read on its own: with the legality warnings the lawyer weighs."""

    warnings = ma.fields.List(ma.fields.Nested(WarningOut))
    template_version = ma.fields.Nested(TemplateVersionOut)


def _status_label(status: Status) -> str:
    from iop.agreements.lifecycle import STATUS_LABELS

    return STATUS_LABELS[status]


class AgreementFilter(ma.Schema):
    status = ma.fields.String(load_default=None, validate=_choice(Status))
    kind = ma.fields.String(load_default=None, validate=_choice(Kind))
    department = Text(load_default=None, validate=ma.validate.Length(max=32))
    organisation_id = QueryInteger(load_default=None, validate=ma.validate.Range(min=1, max=2**31 - 1))
    ends_before = Date(load_default=None)
    ends_after = Date(load_default=None)
    case_number = Text(load_default=None, validate=ma.validate.Length(max=64))
    q = Text(load_default=None, validate=ma.validate.Length(max=200),
             metadata={"description": "Del av titel eller diarienummer"})


class TransitionIn(ma.Schema):
    action = ma.fields.String(required=True, validate=ma.validate.OneOf(
        ["submit", "activate", "terminate", "withdraw"], error="Välj en av: {choices}."))
    signed_on = Date()
    signatories = ma.fields.List(ma.fields.Nested(SignatoryIn), validate=ma.validate.Length(max=20))
    effective_on = Date()
    reason = Text(validate=ma.validate.Length(max=5000))


class RevisionOut(ma.Schema):
    number = ma.fields.Integer()
    created_at = ma.fields.DateTime()
    created_by = ma.fields.Function(lambda r: r.created_by.email if r.created_by else None)


class RenewalIn(ma.Schema):
    start_date = Date(required=True)
    end_date = Date(required=True)
    title = Text(validate=ma.validate.Length(min=1, max=300))

    @ma.validates_schema
    def ends_after_it_starts(self, data, **kwargs):
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            raise ma.ValidationError("Slutdatum kan inte ligga före startdatum.", "end_date")


class DocumentArgs(ma.Schema):
    revision = QueryInteger(load_default=None, validate=ma.validate.Range(min=1, max=2**31 - 1))


class RedlineArgs(ma.Schema):
    from_ = QueryInteger(required=True, data_key="from", validate=ma.validate.Range(min=1, max=2**31))
    to = QueryInteger(required=True, validate=ma.validate.Range(min=1, max=2**31))


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
