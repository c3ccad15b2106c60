"""The start page's sections for the coordinator (the network's queue) and the officer (deadlines)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from iop import clock
from iop.extensions import db
from tests.agreements.factories import signed_agreement
from tests.initiatives.conftest import TODAY, InitiativeApi, freeze
from tests.web import sign_in


def section(html: str, title: str) -> str:
    """The text of the start page's section headed `title` (empty when it is not shown)."""
    found = re.search(rf'<section class="panel"[^>]*>\s*<h2[^>]*>{title}</h2>(.*?)</section>', html, re.S)
    return found.group(1) if found else ""


@pytest.fixture
def frozen():
    yield freeze
    clock.set_frozen(None)


@pytest.fixture
def initiatives(client, callers, frozen) -> InitiativeApi:
    frozen(TODAY)
    return InitiativeApi(client)


def test_the_coordinator_sees_the_network_queue_flagged_first(client, app, initiatives, callers):
    from iop.initiatives.escalation import escalate_overdue_initiatives

    shared = initiatives.create(callers.officer, title="Sommarlov för alla", departments=["KFF", "SOC"])
    forgotten = initiatives.create(callers.officer, title="Bortglömt", received_on="2026-02-02")
    initiatives.create(callers.officer, title="Hos KFF")
    with app.app_context():
        escalate_overdue_initiatives(today=TODAY)
        db.session.commit()
    sign_in(client, app, "coordinator", "KLF", email="samordnare.start@kommun.test")
    queue = section(client.get("/").get_data(as_text=True), "Nätverkets kö")
    order = [int(i) for i in re.findall(r'href="/initiativ/(\d+)"', queue)]
    assert order == [forgotten["id"], shared["id"]]
    assert "Flaggat" in queue and "Hos KFF" not in queue and 'href="/initiativ/ko"' in queue


def test_the_coordinator_is_told_when_the_queue_is_empty(client, app, departments):
    sign_in(client, app, "coordinator", "KLF")
    assert "Inga initiativ väntar på nätverket." in section(client.get("/").get_data(as_text=True),
                                                              "Nätverkets kö")


def test_the_officer_sees_the_coming_key_dates_and_unsent_reminders_of_the_departments_agreements(
        client, app, callers, organisation_id, frozen):
    from iop.reminders.services import plan_sweep

    agreement = signed_agreement(client, callers, organisation_id)
    frozen(date(2027, 3, 15))
    with app.app_context():
        plan_sweep(today=date(2027, 3, 15))  # the milestone's 30-day reminder is due: queued, not sent
        db.session.commit()
    sign_in(client, app, "officer", "KFF", email="kff.start@kommun.test")
    deadlines = section(client.get("/").get_data(as_text=True), "Mina tidsfrister")
    rows = re.findall(r"<tr>\s*<td[^>]*>([\d-]+)</td>\s*<td>([^<]+)</td>", deadlines)
    # Within 120 days: the milestone and the follow-up; the notice deadline and end date are later.
    assert rows == [("2027-03-31", "Milstolpe: Verksamheten har startat i två skolor"),
                    ("2027-06-30", "Uppföljning: Halvårsredovisning")]
    assert "16 dagar" in deadlines and f'href="/overenskommelser/{agreement["id"]}"' in deadlines
    assert "Påminnelser som inte har skickats" in deadlines and "Väntar på att skickas" in deadlines
    assert "milstolpe 2027-03-31" in deadlines


def test_an_officer_of_another_department_sees_none_of_them(client, app, callers, organisation_id, frozen):
    signed_agreement(client, callers, organisation_id)
    frozen(date(2027, 3, 15))
    sign_in(client, app, "officer", "SOC", email="soc.start@kommun.test")
    deadlines = section(client.get("/").get_data(as_text=True), "Mina tidsfrister")
    assert "Inga tidsfrister de närmaste 120 dagarna" in deadlines and "<tr>" not in deadlines


@pytest.mark.parametrize(("today", "expected"), [
    (date(2028, 5, 1), ["2028-06-30"]),  # the notice deadline (end date minus six months); the end is later
    (date(2028, 10, 1), ["2028-12-31"]),  # the notice deadline has passed; the end date is near
])
def test_the_officer_sees_the_notice_deadline_and_the_end_date_as_they_come_near(
        client, app, callers, organisation_id, frozen, today, expected):
    signed_agreement(client, callers, organisation_id)
    frozen(today)
    sign_in(client, app, "officer", "KFF", email="kff.near@kommun.test")
    deadlines = section(client.get("/").get_data(as_text=True), "Mina tidsfrister")
    assert re.findall(r"<tr>\s*<td[^>]*>([\d-]+)</td>", deadlines) == expected
