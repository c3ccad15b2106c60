import marshmallow as ma

from iop.departments.models import CODE_PATTERN
from iop.schemas import Email, StrictInteger, Text

PICK_A_COMMITTEE = "Välj en nämnd i listan."


class DepartmentIn(ma.Schema):
    code = Text(required=True, validate=ma.validate.Regexp(
        CODE_PATTERN, error="Koden får bara innehålla bokstäver, siffror, - och _."))
    name = Text(required=True, validate=ma.validate.Length(min=1, max=200))
    committee = Text(required=True, validate=ma.validate.Length(min=1, max=200))
    email = Email(load_default=None, allow_none=True)


class DepartmentChange(DepartmentIn):
    class Meta:
        exclude = ("code",)  # the code names the department everywhere and stays


class DepartmentPicked(DepartmentIn):
    """The pages' department form: the committee is picked from the kept list, by its id."""

    committee_id = StrictInteger(required=True, error_messages={"invalid": PICK_A_COMMITTEE},
                                 validate=ma.validate.Range(min=1, max=2**31 - 1, error=PICK_A_COMMITTEE))

    class Meta:
        exclude = ("committee",)


class DepartmentPickedChange(DepartmentPicked):
    class Meta:
        exclude = ("code", "committee")


class CommitteeIn(ma.Schema):
    """A committee added to, or renamed in, the list admins keep."""

    name = Text(required=True, validate=ma.validate.Length(min=1, max=200))


class DepartmentOut(ma.Schema):
    id = ma.fields.Integer()
    code = ma.fields.String()
    name = ma.fields.String()
    committee = ma.fields.String(attribute="committee.name")
    email = ma.fields.String(allow_none=True)
