"""The service's own OpenAPI document, read at collection time so tests can be made per operation.

The fuzz run, the authorization matrix and the mass-assignment test all walk this
document, so an endpoint added later is covered without anyone listing it.
"""

from __future__ import annotations

import atexit
import functools
import os
import tempfile
from dataclasses import dataclass

OPENAPI_PATH = "/api/v1/openapi.json"
HTTP_METHODS = ("get", "post", "put", "patch", "delete")


@functools.cache
def spec_app():
    """An app built only to describe itself: no database is opened to write the document."""
    from iop import create_app

    instance = tempfile.TemporaryDirectory(prefix="iop-spec-")
    atexit.register(instance.cleanup)
    previous = os.environ.get("IOP_INSTANCE_PATH")
    os.environ["IOP_INSTANCE_PATH"] = instance.name
    try:
        return create_app({"DATABASE_URL": "sqlite://", "SECRET_KEY": "spec-only", "TESTING": True})
    finally:
        if previous is None:
            os.environ.pop("IOP_INSTANCE_PATH", None)
        else:
            os.environ["IOP_INSTANCE_PATH"] = previous


@functools.cache
def spec() -> dict:
    response = spec_app().test_client().get(OPENAPI_PATH)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


@dataclass(frozen=True)
class Operation:
    method: str  # upper case
    path: str  # OpenAPI template: /api/v1/organisations/{organisation_id}
    doc: dict

    @property
    def key(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def is_public(self) -> bool:
        return self.doc.get("security") == []

    @property
    def body_schema(self) -> dict | None:
        content = self.doc.get("requestBody", {}).get("content", {})
        media = content.get("application/json")
        return resolve(media["schema"]) if media else None


def operations() -> list[Operation]:
    """Every operation the document describes, in its order."""
    found = []
    for path, item in spec()["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                found.append(Operation(method.upper(), path, item[method]))
    return found


def resolve(schema: dict) -> dict:
    """Follow a `$ref` into components/schemas."""
    while "$ref" in schema:
        schema = spec()["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema
