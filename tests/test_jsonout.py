"""API bodies are written by orjson, byte for byte as Flask's own JSON writer would write them."""

import dataclasses
import datetime
import decimal
import enum
import uuid

import pytest
from flask import Flask
from flask.json.provider import DefaultJSONProvider

from iop.jsonout import OrjsonProvider


class Colour(enum.StrEnum):
    RED = "röd"


class Number(enum.IntEnum):
    THREE = 3


@dataclasses.dataclass
class Dated:
    day: datetime.date
    count: int


VALUES = {
    "text": "Läxhjälpen i Sjöstad \u2028 \x01 \"citat\" <b>",
    "numbers": [1, 2.5, 0.1, 1e300, -0, None, True, False],
    "day": datetime.date(2026, 7, 1),
    "moment": datetime.datetime(2026, 7, 1, 12, 30, 5, 120, tzinfo=datetime.UTC),
    "amount": decimal.Decimal("240000.50"),
    "enums": [Colour.RED, Number.THREE],
    "id": uuid.UUID(int=5),
    "dated": Dated(datetime.date(2027, 6, 30), 2),
    "nested": {"ö": 1, "a": {"z": [], "b": {}}},
    "tuple": (1, "två"),
}


@pytest.mark.parametrize("value", [VALUES, [VALUES, VALUES], {**VALUES, "huge": 2**70}, {3: "c", 1: "a"},
                                   "bara text", None, []],
                         ids=["mixed", "list", "beyond-64-bits", "integer-keys", "text", "null", "empty"])
def test_a_response_body_is_what_flasks_own_writer_gives(value):
    app = Flask(__name__)
    flask_own = DefaultJSONProvider(app)
    flask_own.ensure_ascii = False
    with app.app_context():
        assert OrjsonProvider(app).response(value).get_data() == flask_own.response(value).get_data()


def test_the_service_answers_through_it(app):
    assert isinstance(app.json, OrjsonProvider)
