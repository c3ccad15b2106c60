"""The receivers of the lifecycle signals: each queues one notification in the outbox.

Every key names the event, so the same event never mails twice, while the next event of the
same kind (a second submit after changes, a second decision) gets a key of its own: a review
round is numbered by the decisions made on the agreement so far.
"""

from __future__ import annotations

import logging
from datetime import date

import sqlalchemy as sa
from flask import current_app

from iop import clock
from iop.agreements.legality import legality_warnings
from iop.agreements.models import Agreement
from iop.auth.models import User
from iop.departments.models import Department
from iop.extensions import db
from iop.followups.services import OverdueFollowUp, list_overdue
from iop.initiatives.models import Initiative
from iop.notifications import recipients
from iop.notifications.emails import page_url, render_notification
from iop.outbox.models import OutboundMessage
from iop.outbox.services import enqueue_message
from iop.reviews.models import Review, ReviewComment
from iop.reviews.sections import SECTIONS

log = logging.getLogger(__name__)

DESCRIPTION_LIMIT = 2000


def notify_review_requested(agreement: Agreement, *, actor: User | None, revision: int, **_) -> None:
    """An agreement went to review: tell the lawyers what to review and where."""
    decided = _decisions(agreement)
    open_comments = db.session.scalar(sa.select(sa.func.count()).select_from(ReviewComment).where(
        ReviewComment.agreement_id == agreement.id, ReviewComment.resolved_at.is_(None))) or 0
    mail = render_notification(
        "review_requested", subject=f"Granskning begärd: {_agreement_name(agreement)}",
        agreement=_agreement_facts(agreement), actor=_name(actor), revision=revision,
        resubmitted=decided > 0, warnings=[w.message for w in legality_warnings(agreement)],
        open_comments=open_comments, url=page_url("reviews.show", agreement_id=agreement.id))
    _queue(f"notification:review-requested:{agreement.id}:{decided + 1}", recipients.legal_recipients(),
           mail, entity="agreement", entity_id=agreement.id)


def notify_decision(agreement: Agreement, *, actor: User | None, decision: str, revision: int,
                    comment: str | None = None, **_) -> None:
    """The lawyer decided: tell the responsible officer, with the comment, what to do next."""
    name = _agreement_name(agreement)
    if decision == "request_changes":
        comments = db.session.scalars(sa.select(ReviewComment).where(
            ReviewComment.agreement_id == agreement.id, ReviewComment.revision == revision,
            ReviewComment.resolved_at.is_(None)).order_by(ReviewComment.id)).all()
        mail = render_notification(
            "changes_requested", subject=f"Ändringar begärs: {name}", agreement=_agreement_facts(agreement),
            actor=_name(actor), revision=revision, comment=(comment or "").strip(),
            comments=[{"section": SECTIONS.get(c.section, c.section), "body": c.body} for c in comments],
            url=page_url("agreements.show", agreement_id=agreement.id))
    else:
        mail = render_notification(
            "approved", subject=f"Godkänd av kommunjurist: {name}", agreement=_agreement_facts(agreement),
            actor=_name(actor), revision=revision, comment=(comment or "").strip(),
            url=page_url("agreements.show", agreement_id=agreement.id))
    _queue(f"notification:{decision}:{agreement.id}:{_decisions(agreement)}",
           recipients.officer_recipients(agreement), mail, entity="agreement", entity_id=agreement.id)


def notify_initiative_assigned(initiative: Initiative, *, actor: User | None, department: Department,
                               **_) -> None:
    """A department was made the lead of an initiative: tell its mailbox and its officers."""
    today = clock.today(current_app.config["TIMEZONE"])
    mail = render_notification(
        "initiative_assigned", subject=f"Initiativ till {department.code}: {initiative.title}",
        initiative=_initiative_facts(initiative), department=department.name, actor=_name(actor),
        days_waited=max((today - initiative.received_on).days, 0),
        url=page_url("initiatives.show", initiative_id=initiative.id))
    _queue(f"notification:initiative-assigned:{initiative.id}:{department.code}:{initiative.version}",
           recipients.department_recipients(department), mail, entity="initiative", entity_id=initiative.id)


def notify_initiative_escalated(initiative: Initiative, *, flagged_on: date, **_) -> None:
    """Nobody handled an initiative in time: tell the network (one e-mail per initiative, ever)."""
    mail = render_notification(
        "initiative_escalated", subject=f"Initiativ {initiative.id} väntar på nätverket: {initiative.title}",
        initiative=_initiative_facts(initiative), days=current_app.config["INITIATIVE_RESPONSE_DAYS"],
        url=page_url("initiatives.show", initiative_id=initiative.id))
    _queue(f"initiative-escalation:{initiative.id}", recipients.network_recipients(), mail,
           entity="initiative", entity_id=initiative.id)


def notify_overdue_follow_ups(*, today: date) -> int:
    """Follow-up reports past their date: the responsible officer is reminded once; after
    IOP_FOLLOW_UP_ESCALATION_DAYS working days the department's mailbox is told as well (once).
    Keys name the agreement and the follow-up date, so a daily run never mails twice. How many
    e-mails were queued."""
    escalate_after = current_app.config["FOLLOW_UP_ESCALATION_DAYS"]
    queued = 0
    for late in list_overdue(today=today):
        ident = f"{late.agreement.id}:{late.follow_up_date.isoformat()}"
        steps = [("follow-up-overdue", False)]
        if late.working_days_overdue >= escalate_after:
            steps.append(("follow-up-escalated", True))
        for prefix, escalated in steps:
            key = f"notification:{prefix}:{ident}"
            if db.session.scalar(sa.select(sa.func.count()).select_from(OutboundMessage)
                                 .where(OutboundMessage.key == key)):
                continue
            to = _department_mailbox(late) if escalated else recipients.officer_recipients(late.agreement)
            mail = _overdue_mail(late, escalated=escalated, escalate_after=escalate_after)
            if to:
                queued += 1
            _queue(key, to, mail, entity="agreement", entity_id=late.agreement.id)
    return queued


def _department_mailbox(late: OverdueFollowUp) -> list[str]:
    """The department's mailbox; without one, its officers."""
    department = late.department
    return [department.email.strip().lower()] if department.email and department.email.strip() \
        else recipients.department_recipients(department)


def _overdue_mail(late: OverdueFollowUp, *, escalated: bool, escalate_after: int):
    agreement = late.agreement
    prefix = "Återrapport fortfarande försenad" if escalated else "Återrapport försenad"
    return render_notification(
        "follow_up_overdue", subject=f"{prefix}: {_agreement_name(agreement)}",
        agreement=_agreement_facts(agreement), follow_up_date=late.follow_up_date, titles=list(late.titles),
        days=late.working_days_overdue, escalated=escalated, escalate_after=escalate_after,
        responsible=agreement.responsible_email,
        url=page_url("agreements.show", agreement_id=agreement.id) + "#uppfoljning")


def _queue(key: str, to: list[str], mail, *, entity: str, entity_id: int) -> None:
    if not to:
        log.warning("notification %s has nobody to go to; not queued", key)
        return
    sender = str(current_app.config.get("MAIL_FROM") or "")
    enqueue_message(key=key, recipients=to, subject=mail.subject, body_text=mail.text, body_html=mail.html,
                    entity=entity, entity_id=entity_id,
                    domain=sender.rstrip(">").rpartition("@")[2] or "iop.invalid")


def _decisions(agreement: Agreement) -> int:
    """How many decisions the lawyers have made on the agreement (a review round's number)."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(Review)
                             .where(Review.agreement_id == agreement.id)) or 0


def _name(user: User | None) -> str:
    return (user.name or user.email) if user is not None else "Tjänsten"


def _agreement_name(agreement: Agreement) -> str:
    return f"{agreement.title} ({agreement.case_number})" if agreement.case_number else agreement.title


def _agreement_facts(agreement: Agreement) -> dict:
    return {
        "title": agreement.title, "case_number": agreement.case_number,
        "department": agreement.department.name,
        "organisations": [party.organisation.name for party in agreement.parties],
        "start_date": agreement.start_date, "end_date": agreement.end_date,
        "notice_period_months": agreement.notice_period_months,
    }


def _initiative_facts(initiative: Initiative) -> dict:
    description = initiative.description
    if len(description) > DESCRIPTION_LIMIT:
        description = description[:DESCRIPTION_LIMIT].rstrip() + " …"
    matter = {True: "ja", False: "nej", None: "oklart"}[initiative.municipal_matter]
    return {
        "id": initiative.id, "title": initiative.title, "description": description,
        "who": initiative.organisation.name if initiative.organisation else (initiative.contact_name or "–"),
        "received_on": initiative.received_on, "respond_by": initiative.respond_by,
        "departments": [f"{d.name} ({d.code})" for d in initiative.departments],
        "municipal_matter": matter,
    }
