"""Response bodies in JSON as Flask writes them, written by orjson.

The output is what Flask's own provider gives (keys sorted, UTF-8 rather than escapes, compact,
dates as HTTP dates, Decimal as a string, a closing newline) at a tenth of the cost, which is a
share of every API read worth having. What orjson cannot write (an integer beyond 64 bits, a type
only Flask knows) falls back to Flask's own writer, so nothing that worked stops working.
"""

from __future__ import annotations

from typing import Any

import orjson
from flask.json.provider import DefaultJSONProvider

OPTIONS = (orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME
           | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_SUBCLASS)


class OrjsonProvider(DefaultJSONProvider):
    ensure_ascii = False

    def _bytes(self, obj: Any) -> bytes:
        """What Flask's compact response body would be."""
        try:
            return orjson.dumps(obj, default=self._default_for_orjson, option=OPTIONS)
        except (orjson.JSONEncodeError, TypeError):
            return self.dumps(obj, separators=(",", ":")).encode()

    def _default_for_orjson(self, value: Any) -> Any:
        # A str or int subclass (an enum member) arrives here under OPT_PASSTHROUGH_SUBCLASS, as
        # Flask's writer would see it: as the plain value it is.
        if isinstance(value, str):
            return str.__str__(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return int(value)
        if isinstance(value, float):
            return float(value)
        return self.default(value)

    def response(self, *args: Any, **kwargs: Any):
        obj = self._prepare_response_obj(args, kwargs)
        if (self.compact is None and self._app.debug) or self.compact is False:
            return super().response(obj)
        return self._app.response_class(self._bytes(obj) + b"\n", mimetype=self.mimetype)
