"""What a coordinator enters to produce the yearly report as an ärende: the API's and the page's input."""

import marshmallow as ma

from iop.schemas import Text


class ProduceIn(ma.Schema):
    case_number = Text(required=True, validate=ma.validate.Length(min=1, max=64),
                       metadata={"description": "the ärende's case number (diarienummer)"})
    date = ma.fields.Date(required=True, metadata={"description": "the ärende's date"})
    proposal = Text(load_default=None, allow_none=True, validate=ma.validate.Length(max=5000), metadata={
        "description": "Förslag till beslut, one point a line; default: Kommunstyrelsen lägger rapporten "
                       "till handlingarna."})
    comment = Text(load_default=None, allow_none=True, validate=ma.validate.Length(max=20000),
                   metadata={"description": "the coordinator's comment, a section of its own"})
