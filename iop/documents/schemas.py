import marshmallow as ma


class TemplateOut(ma.Schema):
    key = ma.fields.String()
    kind = ma.fields.String()
    name = ma.fields.String()
    version = ma.fields.String()
    required_fields = ma.fields.List(ma.fields.String())
    sha256 = ma.fields.String(metadata={"description": "SHA-256 of the Word file in use"})
