"""Two organisations, each with a contact person and a signed agreement, and a portal sign-in
through the real outbox and SMTP server."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from tests.agreements.factories import signed_agreement
from tests.organisations.test_api import LAXHJALPEN
from tests.web import csrf_token

LENA = "lena@laxhjalpen.example"
OSKAR = "oskar@stadsmissionen.example"
LINK = re.compile(r"(http://iop\.test/portal/logga-in/[A-Za-z0-9_\-]+)")


@dataclass
class Org:
    id: int
    agreement_id: int
    contact: str


def run_outbox(runner) -> None:
    result = runner.invoke(args=["reminders", "run"])
    assert result.exit_code == 0, result.output


def mails_to(smtp, address: str) -> list:
    return [r.message for r in smtp.received if address in r.recipients]


def text_of(message) -> str:
    part = message.get_body(("plain",))
    return part.get_content()


def ask_for_link(client, email: str):
    page = client.get("/portal/logga-in")
    token = csrf_token(page.get_data(as_text=True))
    return client.post("/portal/logga-in", data={"email": email, "csrf_token": token})


def link_in(smtp, address: str) -> str:
    [*_, mail] = mails_to(smtp, address)
    return LINK.search(text_of(mail)).group(1).removeprefix("http://iop.test")


def confirm(client, path: str):
    page = client.get(path)
    assert page.status_code == 200, page.get_data(as_text=True)
    return client.post(path, data={"csrf_token": csrf_token(page.get_data(as_text=True))})


@pytest.fixture
def orgs(client, callers, organisation_id) -> tuple[Org, Org]:
    first = signed_agreement(client, callers, organisation_id)
    other = client.post("/api/v1/organisations", headers=callers.officer.headers, json={
        **LAXHJALPEN, "name": "Sjöstads Stadsmission", "org_number": "802471-9653", "legal_form": "stiftelse",
        "email": "info@stadsmissionen.example",
        "contacts": [{"name": "Oskar Öst", "title": "Verksamhetschef", "email": OSKAR}]})
    assert other.status_code == 201, other.get_json()
    other_id = other.get_json()["id"]
    second = signed_agreement(client, callers, other_id, title="Nattvandring i Sjöstad",
                              case_number="KFN 2026/0099")
    return Org(organisation_id, first["id"], LENA), Org(other_id, second["id"], OSKAR)


@pytest.fixture
def portal_client(app, client, runner, smtp, orgs):
    """A client signed in to the portal as Lena of Läxhjälpen (through link and button)."""
    assert ask_for_link(client, LENA).status_code == 200
    run_outbox(runner)
    assert confirm(client, link_in(smtp, LENA)).headers["Location"].endswith("/portal")
    return client
