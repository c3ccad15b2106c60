"""Who may call what: one row per operation in the OpenAPI document, read by the
authorization matrix (tests/test_authorization_matrix.py) and the mass-assignment test.

Adding an endpoint? Add its row to MATRIX: who may call it, and for a write a body that
passes validation (the tests call it for real and expect 2xx when allowed). A path
parameter names a record that PATH_VALUES makes (a Records property); a row whose
operation needs the record in another state says so with `path=`. Records belong to
department KFF: `officer` is in KFF, the other officer in SOC, the coordinator in KLF,
so "officer:own" (and the department rules for coordinators) are tested both ways.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

Make = Callable[["Records"], object]


@dataclass(frozen=True)
class Access:
    # roles that may call: admin, coordinator, officer (any department), officer:own (only
    # for records of its own department), legal, viewer; or "public" (no token needed)
    who: frozenset[str]
    body: dict | Make | None = None  # JSON, or a function of the records making it
    query: str = ""
    headers: dict = field(default_factory=dict)
    path: dict[str, Make] = field(default_factory=dict)  # parameters naming another record
    raw: tuple[bytes, str] | None = None  # a non-JSON body and its content type


def allow(*who: str, body=None, query: str = "", headers: dict | None = None,
          path: dict[str, Make] | None = None, raw: tuple[bytes, str] | None = None) -> Access:
    return Access(frozenset(who), body, query, headers or {}, path or {}, raw)


PUBLIC = allow("public")
EVERYONE = allow("admin", "coordinator", "officer", "legal", "viewer")
CURRENT = "the ETag of a GET just before"
FRESH = {"If-Match": CURRENT}  # a change made on the current version (If-Match: * is 428)
AGREEMENT_WRITERS = ("admin", "officer:own")  # the department's officers; admins everywhere

ORGANISATION = {"name": "Matrisföreningen", "org_number": "802438-7790", "legal_form": "ideell_forening",
                "contacts": [{"name": "Mia Matris", "email": "mia@matris.example"}]}
DEPARTMENT = {"code": "NY", "name": "Nya förvaltningen", "committee": "Kommunstyrelsen"}
INITIATIVE = {"title": "Spontanidrott på lovet", "description": "Föreningen vill hålla öppen hall.",
              "departments": ["KFF"], "municipal_matter": True}
SCAN = (b"%PDF-1.4\n% inskannad underskrift\n%%EOF\n", "application/pdf")
DECLARED_AID = {"granted_on": "2025-03-01", "amount": 120000, "granting_body": "Region Västra Götaland"}
GRANTS = ("year,committee,org_number,organisation,purpose,amount_sek\n"
          "2026,Kultur- och fritidsnämnden,802456-1238,Läxhjälpen,Läxhjälp,50000\n").encode(), "text/csv"


def _agreement_body(r: Records) -> dict:
    return iop_payload(r.organisation.id, case_number="KFN 2026/0777", department="KFF")


def _follow_up_report_body(r: Records) -> dict:
    return {"follow_up_date": r.follow_up_date.isoformat(), "received_on": "2026-11-25",
            "summary": "Verksamhetsberättelsen kom in.", "assessment": "met"}


def _review_body(r: Records) -> dict:
    from iop.agreements.documents import document_for

    agreement = r.agreement_in_review
    return {"decision": "approve", "revision": agreement.revision,
            "document_sha256": document_for(agreement, agreement.revision).sha256}


# "METHOD /path as in the OpenAPI document": who may call it (and what to send)
MATRIX: dict[str, Access] = {
    "GET /api/v1/health": PUBLIC,
    "GET /api/v1/ready": PUBLIC,
    "GET /api/v1/me": EVERYONE,
    "GET /api/v1/me/todo": EVERYONE,
    "DELETE /api/v1/me/tokens/{token_id}": EVERYONE,
    "POST /api/v1/me/tokens/{token_id}/renew": EVERYONE,
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
    "GET /api/v1/organisations/{organisation_id}/history": EVERYONE,
    "GET /api/v1/organisations/{organisation_id}/de-minimis": EVERYONE,
    "POST /api/v1/organisations/{organisation_id}/de-minimis": allow(
        "admin", "coordinator", "officer", body=DECLARED_AID),
    "GET /api/v1/organisations/{organisation_id}/de-minimis/{aid_id}/file": EVERYONE,
    "PUT /api/v1/organisations/{organisation_id}/de-minimis/{aid_id}/file": allow(
        "admin", "coordinator", "officer", raw=SCAN),
    "GET /api/v1/audit": EVERYONE,
    "GET /api/v1/templates": EVERYONE,
    "GET /api/v1/templates/{key}": EVERYONE,
    "GET /api/v1/agreements": EVERYONE,
    "POST /api/v1/agreements": allow(*AGREEMENT_WRITERS, body=_agreement_body),
    "GET /api/v1/agreements/{agreement_id}": EVERYONE,
    "PATCH /api/v1/agreements/{agreement_id}": allow(
        *AGREEMENT_WRITERS, body={"title": "Ny titel"}, headers=FRESH),
    "POST /api/v1/agreements/{agreement_id}/template-version": allow(*AGREEMENT_WRITERS),
    "POST /api/v1/agreements/{agreement_id}/transitions": allow(
        *AGREEMENT_WRITERS, body={"action": "withdraw", "reason": "Behövs inte längre."}),
    "GET /api/v1/agreements/{agreement_id}/revisions": EVERYONE,
    "GET /api/v1/agreements/{agreement_id}/document": EVERYONE,
    "GET /api/v1/agreements/{agreement_id}/redline": allow(
        "admin", "coordinator", "officer", "legal", "viewer", query="from=1&to=1"),
    "POST /api/v1/agreements/{agreement_id}/renewal": allow(
        *AGREEMENT_WRITERS, body={"start_date": "2029-01-01", "end_date": "2030-12-31"},
        path={"agreement_id": lambda r: r.active_agreement.id}),
    "GET /api/v1/agreements/{agreement_id}/reviews": EVERYONE,
    "POST /api/v1/agreements/{agreement_id}/reviews": allow(
        "legal", body=_review_body, path={"agreement_id": lambda r: r.agreement_in_review.id}),
    "GET /api/v1/agreements/{agreement_id}/comments": EVERYONE,
    "POST /api/v1/agreements/{agreement_id}/comments": allow(
        "admin", "legal", "officer:own", body={"section": "general", "body": "Se över punkt 3."}),
    "POST /api/v1/agreements/{agreement_id}/comments/{comment_id}/replies": allow(
        "admin", "legal", "officer:own", body={"body": "Punkt 3 är omskriven."}),
    "POST /api/v1/agreements/{agreement_id}/comments/{comment_id}/resolve": allow(
        "admin", "legal", "officer:own"),
    "GET /api/v1/agreements/{agreement_id}/archive": EVERYONE,
    "GET /api/v1/agreements/{agreement_id}/archive/{document_id}": allow(
        "admin", "coordinator", "officer", "legal", "viewer",
        path={"agreement_id": lambda r: r.approved_agreement.id}),
    "POST /api/v1/agreements/{agreement_id}/signed-scan": allow(
        *AGREEMENT_WRITERS, raw=SCAN, path={"agreement_id": lambda r: r.active_agreement.id}),
    "GET /api/v1/agreements/{agreement_id}/follow-up-reports": EVERYONE,
    "POST /api/v1/agreements/{agreement_id}/follow-up-reports": allow(
        "admin", "coordinator", "officer:own", body=_follow_up_report_body,
        path={"agreement_id": lambda r: r.active_agreement.id}),
    "GET /api/v1/agreements/{agreement_id}/follow-up-reports/{report_id}/files/{file_id}": allow(
        "admin", "coordinator", "officer", "legal", "viewer",
        path={"agreement_id": lambda r: r.active_agreement.id}),
    "GET /api/v1/initiatives": EVERYONE,
    "POST /api/v1/initiatives": allow("admin", "coordinator", "officer", body=INITIATIVE),
    "GET /api/v1/initiatives/{initiative_id}": EVERYONE,
    "PATCH /api/v1/initiatives/{initiative_id}": allow(
        "admin", "coordinator", "officer:own", body={"title": "Nytt namn"}, headers=FRESH),
    "POST /api/v1/initiatives/{initiative_id}/transitions": allow(
        "admin", "coordinator", "officer:own", body={"action": "to_network"}),
    "GET /api/v1/initiatives/{initiative_id}/notes": EVERYONE,
    "POST /api/v1/initiatives/{initiative_id}/notes": allow(
        "admin", "coordinator", "officer", body={"text": "Ringde föreningen."}),
    "GET /api/v1/grants": EVERYONE,
    "POST /api/v1/grants/import": allow("admin", "coordinator", raw=GRANTS),
    "GET /api/v1/reports/{year}": EVERYONE,
    "GET /api/v1/reports/{year}.{file_format}": EVERYONE,
    "POST /api/v1/reports/{year}/produce": allow(
        "admin", "coordinator", body={"case_number": "KS 2027/0042", "date": "2027-02-01"}),
    "GET /api/v1/reports/produced": EVERYONE,
    "GET /api/v1/reports/produced/{produced_id}": EVERYONE,
    "GET /api/v1/reports/produced/{produced_id}/document": EVERYONE,
    "GET /api/v1/municipal-goals": EVERYONE,
    "POST /api/v1/municipal-goals": allow("admin", body={"name": "En kreativ kommun", "number": 8}),
    "GET /api/v1/agreements/{agreement_id}/goals": EVERYONE,
    "PUT /api/v1/agreements/{agreement_id}/goals": allow(
        *AGREEMENT_WRITERS, body={"goal_ids": [], "gender_equality": "Lika för flickor och pojkar."}),
    "GET /api/v1/export/ocds": EVERYONE,
    "GET /api/v1/reminders": EVERYONE,
    "GET /api/v1/calendar-feeds": EVERYONE,
    "POST /api/v1/calendar-feeds": allow(*EVERYONE.who, body={"scope": "user", "name": "Outlook"}),
    "DELETE /api/v1/calendar-feeds/{feed_id}": EVERYONE,
}

# GET /api/v1/audit by role: "all" (every event, with who did it and personal data) or "open"
# (events of records every role reads, with who, contact persons and e-mail addresses as ***).
AUDIT_BY_ROLE = {"admin": "all", "coordinator": "all", "officer": "open", "legal": "open", "viewer": "open"}

# PATCH /api/v1/initiatives/{id}, one field at a time, on a KFF initiative after registration:
# who may change it (the reason a correction needs goes along; it is ignored otherwise).
INITIATIVE_FIELDS: dict[str, tuple[object, frozenset[str]]] = {
    "title": ("Nytt namn", frozenset({"admin", "coordinator", "officer:own"})),
    "description": ("Ny beskrivning.", frozenset({"admin", "coordinator", "officer:own"})),
    "contact_name": ("Ny Kontakt", frozenset({"admin", "coordinator", "officer:own"})),
    "municipal_matter": (False, frozenset({"admin", "coordinator", "officer:own"})),
    "departments": (["KFF", "SOC"], frozenset({"admin", "coordinator"})),
    "received_on": ("2026-01-05", frozenset({"admin", "coordinator"})),
}


class Records:
    """The records a path can name, made on first use (in an app context) for one test."""

    def __init__(self, caller, callers):
        self.caller, self.callers = caller, callers

    def user(self, caller):
        from iop.auth.services import get_user

        return get_user(email=caller.email)

    @functools.cached_property
    def organisation(self):
        from iop.organisations import services

        return services.create_organisation(
            name="Läxhjälpen i Sjöstad", org_number="802456-1238", legal_form="ideell_forening",
            contacts=[{"name": "Lena Lind", "email": "lena@laxhjalpen.example"}])

    @functools.cached_property
    def declared_aid_id(self) -> int:
        """An item of the organisation's de minimis declaration, with its file."""
        from iop.organisations import de_minimis

        aid = de_minimis.record_declared_aid(organisation=self.organisation, actor=None,
                                             granted_on=date(2025, 3, 1), amount=120000,
                                             granting_body="Region Västra Götaland")
        de_minimis.attach_declaration_file(aid=aid, content=SCAN[0], filename="forsakran.pdf")
        return aid.id

    @functools.cached_property
    def own_token_id(self) -> int:
        from iop.auth.models import ApiToken
        from iop.auth.services import hash_token
        from iop.extensions import db

        return db.session.query(ApiToken.id).filter_by(token_hash=hash_token(self.caller.token)).scalar()

    @functools.cached_property
    def agreement(self):
        """A complete IOP draft of department KFF."""
        from iop.agreements import services
        from iop.agreements.schemas import AgreementCreate

        data = AgreementCreate().load(iop_payload(self.organisation.id))
        return services.draft_agreement(author=self.user(self.callers.officer), **data)

    @functools.cached_property
    def agreement_in_review(self):
        from iop.agreements import transitions

        agreement = self.agreement
        transitions.submit_agreement(agreement=agreement, actor=self.user(self.callers.officer))
        return agreement

    @functools.cached_property
    def approved_agreement(self):
        from iop.reviews.services import review_agreement

        body = _review_body(self)
        review_agreement(agreement=self.agreement_in_review, reviewer=self.user(self.callers.legal),
                         decision="approve", revision=body["revision"],
                         document_sha256=body["document_sha256"])
        return self.agreement

    @functools.cached_property
    def active_agreement(self):
        from flask import current_app

        from iop.agreements import transitions

        agreement = self.approved_agreement
        pdfa, current_app.config["ARCHIVE_PDFA"] = current_app.config["ARCHIVE_PDFA"], False
        try:  # no PDF/A copy: LibreOffice takes seconds, and the archive has tests of its own
            transitions.activate_agreement(
                agreement=agreement, actor=self.user(self.callers.officer), signed_on=date(2026, 11, 20),
                signatories=[{"party": "municipality", "name": "Anna Andersson", "title": "Chef"},
                             {"party": "organisation", "name": "Lena Lind", "title": "Ordförande"}])
        finally:
            current_app.config["ARCHIVE_PDFA"] = pdfa
        return agreement

    @functools.cached_property
    def produced_report_id(self) -> int:
        from iop.reports.produced import produce_report

        return produce_report(year=2026, by=self.user(self.callers.coordinator), case_number="KS 2027/0001",
                              decision_date=date(2027, 2, 1)).id

    @functools.cached_property
    def archived_document_id(self) -> int:
        from iop.agreements import archive
        from iop.extensions import db

        return db.session.scalars(archive.list_documents(agreement=self.approved_agreement)).first().id

    @functools.cached_property
    def follow_up_date(self) -> date:
        """A follow-up date of the active agreement (which its payload has none of)."""
        from iop.agreements.models import FollowUp
        from iop.extensions import db

        day = date(2026, 11, 30)
        self.active_agreement.follow_ups.append(FollowUp(date=day, title="Rapport"))
        db.session.flush()
        return day

    @functools.cached_property
    def follow_up_report(self):
        from iop.followups.services import record_report

        self.follow_up_date  # noqa: B018 (made first)
        return record_report(agreement=self.active_agreement, actor=self.user(self.callers.officer),
                             follow_up_date=date(2026, 11, 30), received_on=date(2026, 11, 25),
                             assessment="met", today=date(2026, 12, 1),
                             uploads=[(b"%PDF-1.4\n%%EOF\n", "rapport.pdf")])

    @functools.cached_property
    def comment(self):
        from iop.reviews.services import comment_on

        return comment_on(agreement=self.agreement, author=self.user(self.callers.legal),
                          section="general", body="Förtydliga syftet.")

    @functools.cached_property
    def initiative(self):
        """An initiative that concerns department KFF only (received by it)."""
        from iop.initiatives.services import register_initiative

        return register_initiative(by=self.user(self.callers.officer), title="Läxhjälp på biblioteket",
                                   description="Föreningen vill låna ett rum.", departments=["KFF"],
                                   municipal_matter=True)


    @functools.cached_property
    def own_feed_id(self) -> int:
        from iop.reminders import feeds

        feed, _token = feeds.create_feed(owner=self.user(self.caller), scope="user")
        return feed.id


# path parameter -> what it names, made from the test's Records
PATH_VALUES: dict[str, Make] = {
    "organisation_id": lambda r: r.organisation.id,
    "contact_id": lambda r: r.organisation.contacts[0].id,
    "code": lambda r: "KFF",
    "token_id": lambda r: r.own_token_id,
    "key": lambda r: "iop",
    "agreement_id": lambda r: r.agreement.id,
    "comment_id": lambda r: r.comment.id,
    "report_id": lambda r: r.follow_up_report.id,
    "file_id": lambda r: r.follow_up_report.files[0].id,
    "document_id": lambda r: r.archived_document_id,
    "produced_id": lambda r: r.produced_report_id,
    "initiative_id": lambda r: r.initiative.id,
    "year": lambda r: 2026,
    "file_format": lambda r: "csv",
    "feed_id": lambda r: r.own_feed_id,
    "aid_id": lambda r: r.declared_aid_id,
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


@dataclass
class Call:
    path: str
    json: dict | None
    data: bytes | None
    content_type: str | None


def prepare(key: str, access: Access, caller, callers, records: Records | None = None) -> Call:
    """The request for a row: its records made (call in an app context, then commit)."""
    records = records or Records(caller, callers)
    path = key.split(" ", 1)[1]
    for name, make in {**PATH_VALUES, **access.path}.items():
        if "{" + name + "}" in path:
            path = path.replace("{" + name + "}", str(make(records)))
    body = access.body(records) if callable(access.body) else access.body
    if access.query:
        path += "?" + access.query
    data, content_type = access.raw if access.raw else (None, None)
    return Call(path, body, data, content_type)


def iop_payload(organisation_id: int, **changes) -> dict:
    payload = {
        "template": "iop", "title": "Läxhjälp i Norra Sjöstad", "case_number": "KFN 2026/0042",
        "organisations": [organisation_id],
        "challenge": "Färre elever i Norra Sjöstad når gymnasiebehörighet.",
        "purpose": "Fler elever ska nå gymnasiebehörighet.",
        "added_value": "Volontärer med språkkunskaper och förtroende i området.",
        "market_assessment": "Det finns ingen marknad för ideellt buren läxhjälp i området.",
        "resources": [
            {"party": "municipality", "type": "money", "description": "Bidrag", "amount_sek": 250000,
             "per": "year"},
            {"party": "organisation", "type": "volunteer_hours", "description": "Läxhjälpare",
             "hours": 1200, "per": "year"}],
        "start_date": "2027-01-01", "end_date": "2028-12-31", "notice_period_months": 6,
    }
    return {**payload, **changes}
