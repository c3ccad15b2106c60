"""Escalation: an initiative nobody has handled within the response deadline goes to the network.

It is flagged (for good: the flag records that the deadline was missed, which the
yearly report's equal-treatment figures need), moved to the network's queue, and
the coordinators, with the network's mailbox if one is configured, are e-mailed.
The e-mail is queued in the same transaction under a key per initiative, and only
unflagged initiatives are picked up, so a second run, or a run in another process,
escalates and e-mails nothing twice.
"""

from __future__ import annotations

import logging
from datetime import date

import sqlalchemy as sa
from flask import current_app
from markupsafe import Markup

from iop.audit.recording import session_action
from iop.auth.models import User
from iop.extensions import db
from iop.initiatives.models import Initiative, InitiativeStatus
from iop.initiatives.signals import initiative_escalated
from iop.outbox.services import enqueue_message
from iop.roles import Role

log = logging.getLogger(__name__)

DESCRIPTION_LIMIT = 2000


def escalate_overdue_initiatives(*, today: date) -> list[Initiative]:
    """Flag, move to the network and report every unhandled initiative past its deadline on `today`."""
    due = sa.select(Initiative).where(
        Initiative.first_handled_on.is_(None), Initiative.flagged.is_(False),
        Initiative.status.in_([InitiativeStatus.RECEIVED, InitiativeStatus.IN_NETWORK]),
        Initiative.respond_by < today,
    ).order_by(Initiative.id).with_for_update(of=Initiative, skip_locked=True)
    escalated = list(db.session.scalars(due).unique())
    recipients = network_recipients()
    for initiative in escalated:
        with session_action(db.session, "escalate"):
            initiative.flagged = True
            initiative.flagged_on = today
            initiative.status = InitiativeStatus.IN_NETWORK
            db.session.flush()
        initiative_escalated.send(initiative, actor=None, flagged_on=today)
        if recipients:
            queue_escalation_message(initiative, recipients)
        else:
            log.warning("initiative %s escalated but no coordinator or network mailbox to tell",
                        initiative.id)
    return escalated


def network_recipients() -> list[str]:
    """Every active coordinator, and the network's own mailbox when IOP_INITIATIVE_NETWORK_EMAIL is set."""
    addresses = list(db.session.scalars(
        sa.select(User.email).where(User.role == Role.COORDINATOR, User.active.is_(True))))
    mailbox = (current_app.config.get("INITIATIVE_NETWORK_EMAIL") or "").strip().lower()
    if mailbox:
        addresses.append(mailbox)
    return sorted(set(addresses))


def queue_escalation_message(initiative: Initiative, recipients: list[str]):
    config = current_app.config
    facts = _facts(initiative)
    url = f"{config['BASE_URL']}/initiativ/{initiative.id}"
    days = config["INITIATIVE_RESPONSE_DAYS"]
    title = " ".join(initiative.title.split())
    return enqueue_message(
        key=f"initiative-escalation:{initiative.id}", recipients=recipients,
        subject=f"Initiativ {initiative.id} väntar på nätverket: {title}"[:500],
        body_text=_text(initiative, facts, url, days), body_html=_html(initiative, facts, url, days),
        entity="initiative", entity_id=initiative.id,
        domain=str(config.get("MAIL_FROM") or "").rpartition("@")[2] or "iop.invalid")


def _facts(initiative: Initiative) -> list[tuple[str, str]]:
    matter = {True: "ja", False: "nej", None: "oklart"}[initiative.municipal_matter]
    who = initiative.organisation.name if initiative.organisation else (initiative.contact_name or "–")
    departments = ", ".join(f"{d.name} ({d.code})" for d in initiative.departments)
    return [
        ("Initiativ", str(initiative.id)),
        ("Från", who),
        ("Inkom", initiative.received_on.isoformat()),
        ("Skulle ha hanterats senast", initiative.respond_by.isoformat()),
        ("Berör", departments or "ingen förvaltning angiven"),
        ("Kommunal angelägenhet", matter),
    ]


def _description(initiative: Initiative) -> str:
    text = initiative.description
    return text if len(text) <= DESCRIPTION_LIMIT else text[:DESCRIPTION_LIMIT].rstrip() + " …"


def _text(initiative: Initiative, facts, url: str, days: int) -> str:
    lines = [
        "Hej!", "",
        f"Initiativet \"{initiative.title}\" har inte fått någon första hantering inom {days} "
        "arbetsdagar. Det är flaggat och ligger nu i nätverkets kö, där det behöver en ansvarig "
        "förvaltning.", "",
        *(f"{label}: {value}" for label, value in facts), "",
        "Beskrivning:", _description(initiative), "",
        f"Öppna initiativet: {url}", "",
        "Det här meddelandet skickades automatiskt av IOP-tjänsten.",
    ]
    return "\n".join(lines) + "\n"


def _html(initiative: Initiative, facts, url: str, days: int) -> str:
    rows = Markup("").join(Markup("<tr><th scope=\"row\">{}</th><td>{}</td></tr>").format(label, value)
                           for label, value in facts)
    return Markup(
        "<!DOCTYPE html><html lang=\"sv\"><body>"
        "<p>Hej!</p>"
        "<p>Initiativet <strong>{title}</strong> har inte fått någon första hantering inom {days} "
        "arbetsdagar. Det är flaggat och ligger nu i nätverkets kö, där det behöver en ansvarig "
        "förvaltning.</p>"
        "<table>{rows}</table>"
        "<h2>Beskrivning</h2><p style=\"white-space: pre-wrap\">{description}</p>"
        "<p><a href=\"{url}\">Öppna initiativet</a></p>"
        "<p>Det här meddelandet skickades automatiskt av IOP-tjänsten.</p>"
        "</body></html>"
    ).format(title=initiative.title, days=days, rows=rows, description=_description(initiative),
             url=url)
