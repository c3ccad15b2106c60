"""Realistic agreement payloads and a few steps of the flow, through the HTTP API."""

from __future__ import annotations

import hashlib


def clean_iop(organisation_id: int, **changes) -> dict:
    """A complete IOP draft that passes submit and draws no legality warning."""
    payload = {
        "template": "iop",
        "title": "Läxhjälp och föräldrastöd i Norra Sjöstad",
        "case_number": "KFN 2026/0042",
        "organisations": [organisation_id],
        "background": "Föreningen har drivit läxhjälp med volontärer sedan 2019.",
        "governance": "En styrgrupp med två företrädare för varje part möts fyra gånger per år.",
        "challenge": "Färre elever i Norra Sjöstad når gymnasiebehörighet än i kommunen i övrigt.",
        "purpose": "Att fler elever når gymnasiebehörighet och att fler föräldrar kan stödja skolgången.",
        "added_value": "Volontärer med språkkunskaper och förtroende i området.",
        "market_assessment": "Det finns ingen fungerande marknad för ideellt buren läxhjälp i området.",
        "resources": [
            {"party": "municipality", "type": "money", "description": "Bidrag till verksamheten",
             "amount_sek": 250000, "per": "year"},
            {"party": "organisation", "type": "volunteer_hours", "description": "Läxhjälpare",
             "hours": 1200, "per": "year"},
        ],
        "start_date": "2027-01-01",
        "end_date": "2028-12-31",
        "notice_period_months": 6,
        "extension_months": 12,
        "max_extensions": 1,
        "milestones": [{"date": "2027-03-31", "title": "Verksamheten har startat i två skolor"}],
        "follow_ups": [{"date": "2027-06-30", "title": "Halvårsredovisning"}],
    }
    payload.update(changes)
    return payload


def draft(client, caller, payload) -> dict:
    response = client.post("/api/v1/agreements", json=payload, headers=caller.headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def transition(client, caller, agreement_id: int, **body):
    return client.post(f"/api/v1/agreements/{agreement_id}/transitions", json=body, headers=caller.headers)


def patch(client, caller, agreement_id: int, body: dict):
    url = f"/api/v1/agreements/{agreement_id}"
    etag = client.get(url, headers=caller.headers).headers["ETag"]
    return client.patch(url, json=body, headers={**caller.headers, "If-Match": etag})


def document(client, caller, agreement_id: int, revision: int | None = None):
    query = f"?revision={revision}" if revision else ""
    return client.get(f"/api/v1/agreements/{agreement_id}/document{query}", headers=caller.headers)


def review(client, callers, agreement_id: int, decision: str, comment: str | None = None):
    current = client.get(f"/api/v1/agreements/{agreement_id}", headers=callers.legal.headers).get_json()
    content = document(client, callers.legal, agreement_id).data
    return client.post(f"/api/v1/agreements/{agreement_id}/reviews", headers=callers.legal.headers, json={
        "decision": decision, "comment": comment, "revision": current["revision"],
        "document_sha256": hashlib.sha256(content).hexdigest()})


SIGNATORIES = [{"party": "municipality", "name": "Anna Andersson", "title": "Förvaltningschef"},
               {"party": "organisation", "name": "Lena Lind", "title": "Ordförande"}]


def signed_agreement(client, callers, organisation_id: int, **changes) -> dict:
    """An IOP drafted, submitted, approved and activated; returns its final reading."""
    agreement = draft(client, callers.officer, clean_iop(organisation_id, **changes))
    assert transition(client, callers.officer, agreement["id"], action="submit").status_code == 200
    assert review(client, callers, agreement["id"], "approve").status_code == 201
    activated = transition(client, callers.officer, agreement["id"], action="activate",
                           signed_on="2026-11-20", signatories=SIGNATORIES)
    assert activated.status_code == 200, activated.get_json()
    return activated.get_json()
