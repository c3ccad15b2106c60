"""The waiting work of one user, from small providers: one function per kind of work.

A provider takes the user and answers its items (none when the work is not the user's role's).
Adding a kind of work, such as follow-up reports due or overdue, is one function and one line
in PROVIDERS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from flask import current_app

from iop.agreements.models import Agreement, Status
from iop.auth.models import User
from iop.clock import today
from iop.extensions import db
from iop.followups.models import Assessment, FollowUpReport
from iop.followups.services import list_overdue
from iop.initiatives.models import Initiative, InitiativeDepartment, InitiativeStatus
from iop.outbox.models import MessageStatus, OutboundMessage
from iop.reviews.models import ReviewComment
from iop.roles import Role
from iop.swedish import count as count_of
from iop.swedish import date_long

LIMIT = 50  # items per provider: a list to act on, not an archive


def count(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


@dataclass(frozen=True)
class TodoItem:
    kind: str  # a key of KIND_LABELS
    title: str
    detail: str
    path: str  # the page where the work is done
    since: date | datetime | None = None

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def url(self) -> str:
        return current_app.config["BASE_URL"] + self.path


KIND_LABELS = {
    "review": "Granska",
    "returned_agreement": "Åtgärda granskningens kommentarer",
    "initiative": "Hantera initiativ",
    "network_initiative": "Initiativ i nätverkets kö",
    "failed_email": "E-post som inte gick fram",
    "overdue_follow_up": "Registrera försenad återrapport",
    "follow_up_report": "Bedöm återrapport",
}


def _path(endpoint: str, **values) -> str:
    return current_app.url_map.bind("localhost").build(endpoint, values)


def reviews_waiting(user: User) -> list[TodoItem]:
    """Lawyers: every agreement in review, the one waiting longest first."""
    if user.role != Role.LEGAL:
        return []
    agreements = db.session.scalars(sa.select(Agreement).where(Agreement.status == Status.IN_REVIEW)
                                     .order_by(Agreement.updated_at, Agreement.id).limit(LIMIT))
    return [TodoItem("review", a.title, f"{a.department.code}, revision {a.revision}",
                     _path("reviews.show", agreement_id=a.id), a.updated_at) for a in agreements]


def returned_agreements(user: User) -> list[TodoItem]:
    """Officers: drafts they are responsible for, or of their department, with a lawyer's comment
    not yet resolved."""
    if user.role != Role.OFFICER:
        return []
    mine = Agreement.responsible_email == user.email
    if user.department_id is not None:
        mine = sa.or_(mine, Agreement.department_id == user.department_id)
    open_comments = (sa.select(ReviewComment.agreement_id, sa.func.count().label("n"))
                     .join(User, User.id == ReviewComment.author_id)
                     .where(ReviewComment.resolved_at.is_(None), User.role == Role.LEGAL)
                     .group_by(ReviewComment.agreement_id).subquery())
    rows = db.session.execute(sa.select(Agreement, open_comments.c.n)
                              .join(open_comments, open_comments.c.agreement_id == Agreement.id)
                              .where(Agreement.status == Status.DRAFT, mine)
                              .order_by(Agreement.updated_at, Agreement.id).limit(LIMIT))
    return [TodoItem("returned_agreement", a.title,
                     f"{count(n, 'olöst kommentar', 'olösta kommentarer')} från granskningen",
                     _path("agreements.show", agreement_id=a.id), a.updated_at) for a, n in rows]


def initiatives_waiting(user: User) -> list[TodoItem]:
    """Officers: open initiatives their department has, not yet handled, the earliest deadline first."""
    if user.role != Role.OFFICER or user.department_id is None:
        return []
    in_inbox = sa.and_(Initiative.status == InitiativeStatus.RECEIVED, Initiative.id.in_(
        sa.select(InitiativeDepartment.initiative_id).where(
            InitiativeDepartment.department_id == user.department_id)))
    initiatives = db.session.scalars(sa.select(Initiative).where(
        Initiative.first_handled_on.is_(None), Initiative.status != InitiativeStatus.CLOSED,
        sa.or_(Initiative.assigned_department_id == user.department_id, in_inbox),
    ).order_by(Initiative.respond_by, Initiative.id).limit(LIMIT))
    return [TodoItem("initiative", i.title, f"svar senast {i.respond_by.isoformat()}",
                     _path("initiatives.show", initiative_id=i.id), i.received_on) for i in initiatives]


def network_initiatives(user: User) -> list[TodoItem]:
    """Coordinators: the network's queue, flagged first, then the earliest deadline."""
    if user.role != Role.COORDINATOR:
        return []
    initiatives = db.session.scalars(sa.select(Initiative).where(
        Initiative.status == InitiativeStatus.IN_NETWORK,
    ).order_by(Initiative.flagged.desc(), Initiative.respond_by, Initiative.id).limit(LIMIT))
    return [TodoItem("network_initiative", i.title,
                     ("flaggat, " if i.flagged else "") + f"svar senast {i.respond_by.isoformat()}",
                     _path("initiatives.show", initiative_id=i.id), i.received_on) for i in initiatives]


def overdue_follow_ups(user: User) -> list[TodoItem]:
    """Officers: follow-ups past their date without a report, of the agreements they are responsible
    for and of their department's, the longest overdue first."""
    if user.role != Role.OFFICER:
        return []
    day = today()
    found = list_overdue(today=day, responsible_email=user.email)
    if user.department_id is not None:
        found += list_overdue(today=day, department_id=user.department_id)
    seen: set[tuple[int, date]] = set()
    items = []
    for late in sorted(found, key=lambda o: (o.follow_up_date, o.agreement.id)):
        if (late.agreement.id, late.follow_up_date) in seen:
            continue
        seen.add((late.agreement.id, late.follow_up_date))
        items.append(TodoItem(
            "overdue_follow_up", late.agreement.title,
            f"{', '.join(late.titles)}: uppföljning {date_long(late.follow_up_date)}, försenad "
            f"{count_of(late.working_days_overdue, 'arbetsdag', 'arbetsdagar')}",
            _path("agreements.show", agreement_id=late.agreement.id) + "#uppfoljning",
            late.follow_up_date))
    return items[:LIMIT]


def reports_handed_in(user: User) -> list[TodoItem]:
    """Officers: follow-up reports the organisations handed in through the portal, not yet
    assessed, on agreements they are responsible for or of their department; the oldest first."""
    if user.role != Role.OFFICER:
        return []
    mine = Agreement.responsible_email == user.email
    if user.department_id is not None:
        mine = sa.or_(mine, Agreement.department_id == user.department_id)
    rows = db.session.execute(sa.select(FollowUpReport, Agreement).join(
        Agreement, Agreement.id == FollowUpReport.agreement_id).where(
        FollowUpReport.assessment == Assessment.PENDING, mine)
        .order_by(FollowUpReport.created_at, FollowUpReport.id).limit(LIMIT))
    return [TodoItem("follow_up_report", a.title, f"uppföljningen {r.follow_up_date.isoformat()}, "
                     "inlämnad av föreningen", _path("agreements.show", agreement_id=a.id) + "#uppfoljning",
                     r.received_on) for r, a in rows]


def failed_emails(user: User) -> list[TodoItem]:
    """Admins: e-mail given up on, newest first, linked to what it was about."""
    if user.role != Role.ADMIN:
        return []
    messages = db.session.scalars(sa.select(OutboundMessage).where(
        OutboundMessage.status == MessageStatus.FAILED).order_by(OutboundMessage.id.desc()).limit(LIMIT))
    return [TodoItem("failed_email", m.subject,
                     f"till {', '.join(m.recipients)}: {m.last_error or 'okänt fel'}",
                     _message_path(m), m.created_at) for m in messages]


def _message_path(message: OutboundMessage) -> str:
    if message.entity == "agreement" and message.entity_id:
        return _path("agreements.show", agreement_id=message.entity_id)
    if message.entity == "initiative" and message.entity_id:
        return _path("initiatives.show", initiative_id=message.entity_id)
    return _path("reminders.index", status="failed")


PROVIDERS: tuple[Callable[[User], list[TodoItem]], ...] = (
    reviews_waiting,
    returned_agreements,
    initiatives_waiting,
    network_initiatives,
    overdue_follow_ups,
    reports_handed_in,
    failed_emails,
)


def todo_for(user: User) -> list[TodoItem]:
    """Everything waiting for the user, provider by provider."""
    return [item for provider in PROVIDERS for item in provider(user)]
