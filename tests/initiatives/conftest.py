"""A fixed Monday as today, and short ways to drive initiatives through the API."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from iop import clock

TODAY = date(2026, 3, 16)  # a Monday

SPONTANIDROTT = {
    "title": "Spontanidrott i Norrbyhallen på fredagskvällar",
    "description": "Föreningen vill hålla hallen öppen för unga fredagar 19–23 med egna ledare.",
    "contact_name": "Erik Berg",
    "contact_email": "Kansli@IFKSjostad.example",
    "received_on": "2026-03-16",
    "departments": ["KFF"],
    "municipal_matter": True,
}


def freeze(day: date):
    clock.set_frozen(datetime.combine(day, time(9), tzinfo=ZoneInfo("Europe/Stockholm")))


@pytest.fixture
def today(app):
    freeze(TODAY)
    yield TODAY
    clock.set_frozen(None)


class InitiativeApi:
    """The calls a test makes, each asserting nothing but returning the response."""

    def __init__(self, client):
        self.client = client

    def create(self, caller, expect: int | None = 201, **fields):
        response = self.client.post("/api/v1/initiatives", json={**SPONTANIDROTT, **fields},
                                    headers=caller.headers)
        if expect is not None:
            assert response.status_code == expect, response.get_json()
        return response.get_json()

    def get(self, caller, initiative_id: int):
        return self.client.get(f"/api/v1/initiatives/{initiative_id}", headers=caller.headers)

    def list(self, caller, query: str = ""):
        return self.client.get(f"/api/v1/initiatives?{query}", headers=caller.headers)

    def patch(self, caller, initiative_id: int, **fields):
        etag = self.get(caller, initiative_id).headers["ETag"]
        return self.client.patch(f"/api/v1/initiatives/{initiative_id}", json=fields,
                                 headers={**caller.headers, "If-Match": etag})

    def step(self, caller, initiative_id: int, action: str, **body):
        return self.client.post(f"/api/v1/initiatives/{initiative_id}/transitions",
                                json={"action": action, **body}, headers=caller.headers)

    def note(self, caller, initiative_id: int, text: str):
        return self.client.post(f"/api/v1/initiatives/{initiative_id}/notes", json={"text": text},
                                headers=caller.headers)


@pytest.fixture
def initiatives(client, callers, today) -> InitiativeApi:
    return InitiativeApi(client)


@pytest.fixture
def organisation(client, callers) -> dict:
    response = client.post("/api/v1/organisations", headers=callers.officer.headers, json={
        "name": "IFK Sjöstad", "org_number": "802012-3454", "legal_form": "ideell_forening"})
    assert response.status_code == 201
    return response.get_json()
