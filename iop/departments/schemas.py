import marshmallow as ma

from iop.departments.models import CODE_PATTERN
from iop.schemas import Email, Text


class DepartmentIn(ma.Schema):
    code = Text(required=True, validate=ma.validate.Regexp(
        CODE_PATTERN, error="Koden får bara innehålla bokstäver, siffror, - och _."))
    name = Text(required=True, validate=ma.validate.Length(min=1, max=200))
    committee = Text(required=True, validate=ma.validate.Length(min=1, max=200))
    email = Email(load_default=None, allow_none=True)


class DepartmentChange(DepartmentIn):
    class Meta:
        exclude = ("code",)  # the code names the department everywhere and stays


class DepartmentOut(ma.Schema):
    id = ma.fields.Integer()
    code = ma.fields.String()
    name = ma.fields.String()
    committee = ma.fields.String(attribute="committee.name")
    email = ma.fields.String(allow_none=True)
