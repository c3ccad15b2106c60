import marshmallow as ma

from iop.grants.amounts import as_json_number
from iop.organisations.schemas import OrgNumber
from iop.schemas import QueryInteger, Text


class Money(ma.fields.Field):
    """SEK as a JSON number: whole kronor as an integer."""

    def _serialize(self, value, attr, obj, **kwargs):
        return as_json_number(value)


class GrantOut(ma.Schema):
    id = ma.fields.Integer()
    year = ma.fields.Integer()
    committee = ma.fields.Function(lambda grant: grant.committee.name)
    org_number = ma.fields.String()
    organisation = ma.fields.String(attribute="organisation_name",
                                    metadata={"description": "Namnet som bidragssystemet skrev det"})
    organisation_id = ma.fields.Integer(allow_none=True,
                                        metadata={"description": "Registrerad organisation med samma nummer"})
    purpose = ma.fields.String()
    amount_sek = Money(metadata={"type": "number"})
    imported_at = ma.fields.DateTime()
    updated_at = ma.fields.DateTime()
    import_id = ma.fields.Integer()


class GrantFilter(ma.Schema):
    year = QueryInteger(load_default=None, validate=ma.validate.Range(min=1990, max=2100))
    committee = Text(load_default=None, validate=ma.validate.Length(max=200))
    org_number = OrgNumber(load_default=None)


class ImportErrorOut(ma.Schema):
    row = ma.fields.Integer(metadata={"description": "Radnumret i filen; rubrikraden är rad 1"})
    message = ma.fields.String()


class GrantImportOut(ma.Schema):
    imported = ma.fields.Integer()
    updated = ma.fields.Integer()
    unchanged = ma.fields.Integer()
    errors = ma.fields.List(ma.fields.Nested(ImportErrorOut))
    import_id = ma.fields.Integer()
