from datetime import date

import marshmallow as ma

from iop.initiatives import services
from iop.initiatives.models import OUTCOME_LABELS, STATUS_LABELS, InitiativeStatus, Outcome
from iop.organisations.schemas import OrganisationOut
from iop.schemas import Date, Email, QueryInteger, StrictInteger, Text

STATUSES = [s.value for s in InitiativeStatus]
OUTCOMES = [o.value for o in Outcome]
ACTIONS = ["to_network", "assign", "close", "reopen"]
EARLIEST = date(2000, 1, 1)
_ID = ma.validate.Range(min=1, max=2**31 - 1)


class StrictBoolean(ma.fields.Boolean):
    """A JSON true or false: "yes", 1 and "true" are refused, not guessed at."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


class InitiativeIn(ma.Schema):
    title = Text(required=True, validate=ma.validate.Length(min=1, max=300))
    description = Text(required=True, validate=ma.validate.Length(min=1, max=20000))
    organisation_id = StrictInteger(load_default=None, allow_none=True, validate=_ID)
    contact_name = Text(load_default=None, allow_none=True, validate=ma.validate.Length(max=200))
    contact_email = Email(load_default=None, allow_none=True)
    received_on = Date(load_default=None, allow_none=True,
                       validate=ma.validate.Range(min=EARLIEST),
                       metadata={"description": "Default: today."})
    departments = ma.fields.List(
        Text(validate=ma.validate.Length(min=1, max=32)), load_default=list,
        validate=ma.validate.Length(max=20),
        metadata={"description": "Codes of the departments it concerns. None or several: the "
                                 "network's queue."})
    municipal_matter = StrictBoolean(
        load_default=None, allow_none=True,
        metadata={"description": "true, false, or null when unclear (the network's queue)."})


class InitiativeUpdate(InitiativeIn):
    """The fields of InitiativeIn, plus what it became (only once closed with that outcome)."""

    agreement_id = StrictInteger(allow_none=True, validate=_ID)
    grant_reference = Text(allow_none=True, validate=ma.validate.Length(max=200))
    grant_id = StrictInteger(allow_none=True, validate=_ID)
    received_on = Date(validate=ma.validate.Range(min=EARLIEST))
    reason = Text(load_default=None, allow_none=True, validate=ma.validate.Length(max=1000),
                  metadata={"description": "Why `departments` or `received_on` change after "
                                           "registration (coordinators and admins only; required then, "
                                           "kept in the audit log)."})
    gender_equality = Text(allow_none=True, validate=ma.validate.Length(max=5000), metadata={
        "description": "how the initiative concerns girls and boys, women and men (the yearly report)"})


class InitiativeOut(ma.Schema):
    id = ma.fields.Integer()
    title = ma.fields.String()
    description = ma.fields.String()
    organisation_id = ma.fields.Integer(allow_none=True)
    organisation_name = ma.fields.Function(lambda i: i.organisation.name if i.organisation else None)
    contact_name = ma.fields.String(allow_none=True)
    contact_email = ma.fields.String(allow_none=True)
    gender_equality = ma.fields.String(allow_none=True)
    received_on = Date()
    respond_by = Date(metadata={"description": "Last day for a first handling."})
    departments = ma.fields.List(ma.fields.String(), attribute="department_codes")
    municipal_matter = ma.fields.Boolean(allow_none=True)
    status = ma.fields.String()
    status_label = ma.fields.Function(lambda i: STATUS_LABELS[i.status])
    assigned_department = ma.fields.Function(
        lambda i: i.assigned_department.code if i.assigned_department else None)
    outcome = ma.fields.String(allow_none=True)
    outcome_label = ma.fields.Function(lambda i: OUTCOME_LABELS[i.outcome] if i.outcome else None)
    agreement_id = ma.fields.Integer(allow_none=True)
    grant_reference = ma.fields.String(allow_none=True)
    grant_id = ma.fields.Integer(allow_none=True)
    first_handled_on = Date(allow_none=True)
    days_to_first_handling = ma.fields.Function(
        services.days_to_first_handling, metadata={"description": "Swedish working days."})
    flagged = ma.fields.Boolean(metadata={"description": "Escalated once for missing its deadline."})
    flagged_on = Date(allow_none=True)
    overdue = ma.fields.Function(lambda i: services.is_overdue(i))
    closed_on = Date(allow_none=True)
    registered_by = ma.fields.Function(lambda i: i.registered_by.email if i.registered_by else None)
    created_at = ma.fields.DateTime()
    updated_at = ma.fields.DateTime()


class InitiativeFilter(ma.Schema):
    status = ma.fields.String(load_default=None, validate=ma.validate.OneOf(STATUSES))
    department = Text(load_default=None, validate=ma.validate.Length(max=32),
                      metadata={"description": "Concerns or is led by this department"})
    organisation_id = QueryInteger(load_default=None, validate=_ID)
    flagged = ma.fields.Boolean(load_default=None)
    overdue = ma.fields.Boolean(load_default=None)
    received_from = Date(load_default=None)
    received_to = Date(load_default=None)
    q = Text(load_default=None, validate=ma.validate.Length(max=200),
             metadata={"description": "Part of the title, description, contact or organisation name"})
    sort = ma.fields.String(load_default="newest", validate=ma.validate.OneOf(["newest", "queue"]),
                            metadata={"description": "queue: flagged first, then the earliest deadline"})


class TransitionIn(ma.Schema):
    action = ma.fields.String(required=True, validate=ma.validate.OneOf(ACTIONS))
    department = Text(validate=ma.validate.Length(min=1, max=32), metadata={"description": "assign"})
    outcome = ma.fields.String(validate=ma.validate.OneOf(OUTCOMES), metadata={"description": "close"})
    agreement_id = StrictInteger(allow_none=True, validate=_ID,
                                 metadata={"description": "close with outcome agreement"})
    grant_reference = Text(allow_none=True, validate=ma.validate.Length(max=200),
                           metadata={"description": "close with outcome grant"})
    grant_id = StrictInteger(allow_none=True, validate=_ID,
                             metadata={"description": "close with outcome grant: an imported grant"})
    reason = Text(allow_none=True, validate=ma.validate.Length(max=2000),
                  metadata={"description": "reopen (coordinators): why; kept in the audit log"})
    note = Text(allow_none=True, validate=ma.validate.Length(max=20000),
                metadata={"description": "Kept as a note on the initiative"})

    _BELONGS = {"department": "assign", "outcome": "close", "agreement_id": "close",
                "grant_reference": "close", "grant_id": "close", "reason": "reopen"}

    @ma.validates_schema
    def fields_of_the_action(self, data, **kwargs):
        action = data["action"]
        errors = {field: [f"Hör inte till åtgärden {action}."]
                  for field, owner in self._BELONGS.items() if field in data and owner != action}
        if action == "assign" and not data.get("department"):
            errors["department"] = ["Ange koden för den förvaltning som ska ansvara."]
        if action == "close" and not data.get("outcome"):
            errors["outcome"] = [f"Ange utfallet: {', '.join(OUTCOMES)}."]
        if action == "reopen" and not data.get("reason"):
            errors["reason"] = ["Ange varför initiativet öppnas igen."]
        if errors:
            raise ma.ValidationError(errors)


class NoteIn(ma.Schema):
    text = Text(required=True, validate=ma.validate.Length(min=1, max=20000))


class NoteOut(ma.Schema):
    id = ma.fields.Integer()
    initiative_id = ma.fields.Integer()
    text = ma.fields.String()
    author = ma.fields.Function(lambda n: n.author.email if n.author else None)
    author_name = ma.fields.Function(lambda n: n.author.name if n.author else None)
    created_at = ma.fields.DateTime()


class AgreementSummaryOut(ma.Schema):
    id = ma.fields.Integer()
    title = ma.fields.String()
    kind = ma.fields.String()
    status = ma.fields.String()
    case_number = ma.fields.String(allow_none=True)
    department = ma.fields.String()
    start_date = Date(allow_none=True)
    end_date = Date(allow_none=True)


class OrganisationHistoryOut(ma.Schema):
    organisation = ma.fields.Nested(OrganisationOut)
    departments = ma.fields.List(ma.fields.String(), metadata={
        "description": "Every department with an initiative or agreement of the organisation"})
    initiatives = ma.fields.List(ma.fields.Nested(InitiativeOut))
    agreements = ma.fields.List(ma.fields.Nested(AgreementSummaryOut))
    grants = ma.fields.List(ma.fields.Dict())
