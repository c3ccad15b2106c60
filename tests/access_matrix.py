"""Who may call what: one row per operation in the OpenAPI document, read by the
authorization matrix (tests/test_authorization_matrix.py) and the mass-assignment test.

Adding an endpoint? Add its row to MATRIX: who may call it, and for a write a body that
passes validation (the tests call it for real and expect 2xx when allowed). If its path
has a new parameter, add to PATH_VALUES what it names (a Records property making it). Records named in
a path belong to department KFF: `officer` is in KFF, the other officer in SOC, so
"officer:own" is tested both ways.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Access:
    # roles that may call: admin, coordinator, officer (any department), officer:own (only
    # for records of its own department), legal, viewer; or "public" (no token needed)
    who: frozenset[str]
    body: dict | None = None
    query: str = ""
    headers: dict = field(default_factory=dict)


def allow(*who: str, body: dict | None = None, query: str = "", headers: dict | None = None) -> Access:
    return Access(frozenset(who), body, query, headers or {})


PUBLIC = allow("public")
EVERYONE = allow("admin", "coordinator", "officer", "legal", "viewer")
FRESH = {"If-Match": "*"}  # a change made on the current version

ORGANISATION = {"name": "Matrisföreningen", "org_number": "802438-7790", "legal_form": "ideell_forening",
                "contacts": [{"name": "Mia Matris", "email": "mia@matris.example"}]}
DEPARTMENT = {"code": "NY", "name": "Nya förvaltningen", "committee": "Kommunstyrelsen"}

# "METHOD /path as in the OpenAPI document": who may call it (and what to send)
MATRIX: dict[str, Access] = {
    "GET /api/v1/health": PUBLIC,
    "GET /api/v1/ready": PUBLIC,
    "GET /api/v1/me": EVERYONE,
    "DELETE /api/v1/me/tokens/{token_id}": EVERYONE,
    "GET /api/v1/departments": EVERYONE,
    "POST /api/v1/departments": allow("admin", body=DEPARTMENT),
    "GET /api/v1/departments/{code}": EVERYONE,
    "GET /api/v1/organisations": EVERYONE,
    "POST /api/v1/organisations": allow("admin", "coordinator", "officer", body=ORGANISATION),
    "GET /api/v1/organisations/{organisation_id}": EVERYONE,
    "PATCH /api/v1/organisations/{organisation_id}": allow(
        "admin", "coordinator", "officer", body={"name": "Nytt namn"}, headers=FRESH),
    "GET /api/v1/organisations/{organisation_id}/contacts/{contact_id}/export": allow("admin"),
    "POST /api/v1/organisations/{organisation_id}/contacts/{contact_id}/erasure": allow("admin"),
    "GET /api/v1/audit": EVERYONE,
}


class Records:
    """The records a path can name, made on first use (in an app context) for one test."""

    def __init__(self, caller):
        self.caller = caller

    @functools.cached_property
    def organisation(self):
        from iop.organisations import services

        return services.create_organisation(
            name="Läxhjälpen i Sjöstad", org_number="802456-1238", legal_form="ideell_forening",
            contacts=[{"name": "Lena Lind", "email": "lena@laxhjalpen.example"}])

    @functools.cached_property
    def own_token_id(self) -> int:
        from iop.auth.models import ApiToken
        from iop.auth.services import hash_token
        from iop.extensions import db

        return db.session.query(ApiToken.id).filter_by(token_hash=hash_token(self.caller.token)).scalar()


# path parameter -> what it names, made from the test's Records
PATH_VALUES = {
    "organisation_id": lambda r: r.organisation.id,
    "contact_id": lambda r: r.organisation.contacts[0].id,
    "code": lambda r: "KFF",
    "token_id": lambda r: r.own_token_id,
}

IDENTITIES = ["nobody", "viewer", "legal", "officer (other department)", "officer", "coordinator", "admin"]


def may_call(access: Access, identity: str) -> bool:
    if "public" in access.who:
        return True
    if identity == "officer":
        return bool({"officer", "officer:own"} & access.who)
    if identity == "officer (other department)":
        return "officer" in access.who
    return identity in access.who


def fill_path(path: str, caller) -> str:
    """The path with a record made for each of its parameters (call in an app context, then commit)."""
    records = Records(caller)
    for name, make in PATH_VALUES.items():
        if "{" + name + "}" in path:
            path = path.replace("{" + name + "}", str(make(records)))
    return path
