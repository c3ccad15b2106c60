"""The shape of user and token input from the admin's pages; the rules are in the services."""

import marshmallow as ma

from iop.schemas import Email, Text


class UserIn(ma.Schema):
    email = Email(required=True)
    name = Text(load_default="", validate=ma.validate.Length(max=200))
    # Which roles exist and who needs a department is the service's rule (create_user).
    role = Text(required=True)
    department_code = Text(data_key="department", load_default=None)


class UserChange(UserIn):
    class Meta:
        exclude = ("email",)


class TokenIn(ma.Schema):
    name = Text(load_default="", validate=ma.validate.Length(max=100))
