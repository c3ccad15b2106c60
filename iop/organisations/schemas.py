import marshmallow as ma

from iop.organisations.models import LEGAL_FORM_LABELS, LegalForm
from iop.organisations.numbers import normalise_org_number, org_number_problem
from iop.schemas import Email, StrictInteger, Text

LEGAL_FORMS = [f.value for f in LegalForm]


class OrgNumber(Text):
    """An organisation number, checked and written NNNNNN-NNNN."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        problem = org_number_problem(text)
        if problem:
            raise ma.ValidationError(problem)
        return normalise_org_number(text)


class ContactIn(ma.Schema):
    id = StrictInteger(load_default=None, allow_none=True, validate=ma.validate.Range(min=1),
                       metadata={"description": "Finns personen redan: dess id (behålls och ändras)."})
    name = Text(required=True, validate=ma.validate.Length(min=1, max=200))
    title = Text(load_default=None, allow_none=True, validate=ma.validate.Length(max=200))
    email = Email(load_default=None, allow_none=True)
    phone = Text(load_default=None, allow_none=True, validate=ma.validate.Length(max=50))


class ContactOut(ma.Schema):
    id = ma.fields.Integer()
    name = ma.fields.String()
    title = ma.fields.String(allow_none=True)
    email = ma.fields.String(allow_none=True)
    phone = ma.fields.String(allow_none=True)


class ContactRecordOut(ContactOut):
    """A contact person as kept, also after erasure (then only the tombstone)."""

    erased_at = ma.fields.DateTime(allow_none=True, metadata={
        "description": "Set when the person's data was erased on request; the rest is then empty."})


class OrganisationIn(ma.Schema):
    name = Text(required=True, validate=ma.validate.Length(min=1, max=300))
    org_number = OrgNumber(required=True)
    legal_form = ma.fields.String(
        required=True, validate=ma.validate.OneOf(LEGAL_FORMS, error="Välj en av: {choices}.")
    )
    email = Email(load_default=None, allow_none=True)
    phone = Text(load_default=None, allow_none=True, validate=ma.validate.Length(max=50))
    address = Text(load_default=None, allow_none=True, validate=ma.validate.Length(max=500))
    contacts = ma.fields.List(ma.fields.Nested(ContactIn), load_default=list,
                              validate=ma.validate.Length(max=50))


class OrganisationOut(ma.Schema):
    id = ma.fields.Integer()
    name = ma.fields.String()
    org_number = ma.fields.String()
    legal_form = ma.fields.String()
    legal_form_label = ma.fields.Function(lambda o: LEGAL_FORM_LABELS[o.legal_form],
                                          metadata={"type": "string"})
    email = ma.fields.String(allow_none=True)
    phone = ma.fields.String(allow_none=True)
    address = ma.fields.String(allow_none=True)
    contacts = ma.fields.List(ma.fields.Nested(ContactOut), attribute="current_contacts")
    created_at = ma.fields.DateTime()
    updated_at = ma.fields.DateTime()


class OrganisationRef(ma.Schema):
    id = ma.fields.Integer()
    name = ma.fields.String()
    org_number = ma.fields.String()


class ContactHistoryOut(ma.Schema):
    at = ma.fields.DateTime()
    actor = ma.fields.String()
    action = ma.fields.String()
    changes = ma.fields.Dict(metadata={"description": "contact.field -> [before, after]"})


class ContactExportOut(ma.Schema):
    exported_at = ma.fields.DateTime()
    contact = ma.fields.Nested(ContactRecordOut)
    organisation = ma.fields.Nested(OrganisationRef)
    history = ma.fields.List(ma.fields.Nested(ContactHistoryOut))


class OrganisationFilter(ma.Schema):
    q = Text(load_default=None, validate=ma.validate.Length(max=200),
             metadata={"description": "Del av namn eller organisationsnummer"})
    org_number = OrgNumber(load_default=None)
    legal_form = ma.fields.String(load_default=None, validate=ma.validate.OneOf(LEGAL_FORMS))
    sort = ma.fields.String(load_default="newest", validate=ma.validate.OneOf(["newest", "name"]))


class AidAmount(ma.fields.Decimal):
    """A non-negative amount that is a JSON number (not a string, not NaN), answered as a number."""

    def __init__(self, **kwargs):
        super().__init__(places=2, as_string=False, validate=ma.validate.Range(min=0, max=10_000_000_000),
                         **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        number = super()._serialize(value, attr, obj, **kwargs)
        return float(number) if number is not None else None


class DeclaredAidIn(ma.Schema):
    """One item of other de minimis aid from the organisation's declaration."""

    granted_on = ma.fields.Date(required=True, metadata={
        "description": "The day the right to the aid was granted (not the day it was paid)"})
    amount = AidAmount(required=True)
    currency = ma.fields.String(load_default="SEK", validate=ma.validate.OneOf(
        ["SEK", "EUR"], error="Välj en av: {choices}."))
    granting_body = Text(required=True, validate=ma.validate.Length(min=1, max=300),
                         metadata={"description": "The body that granted the aid"})


class DeclaredAidOut(ma.Schema):
    id = ma.fields.Integer()
    organisation_id = ma.fields.Integer()
    granted_on = ma.fields.Date()
    amount = AidAmount()
    currency = ma.fields.String()
    granting_body = ma.fields.String()
    file_name = ma.fields.String(allow_none=True)
    file_media_type = ma.fields.String(allow_none=True)
    file_sha256 = ma.fields.String(allow_none=True)
    created_at = ma.fields.DateTime()
