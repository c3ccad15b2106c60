"""Follow-up reports: recording one against a follow-up date, what is settled, what is overdue,
and the year's counts. Used by the reminder sweep (settled dates get no reminders) and the report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask import current_app

from iop.agreements.documents import store_document
from iop.agreements.models import (
    SIGNED_STATUSES,
    Agreement,
    AgreementParty,
    FollowUp,
    Status,
    StoredDocument,
)
from iop.auth.models import User
from iop.departments.models import Department
from iop.downloads import content_disposition
from iop.errors import Conflict, Forbidden, Invalid, NotFound
from iop.extensions import db
from iop.followups import files
from iop.followups.models import Assessment, FollowUpReport, FollowUpReportFile
from iop.organisations.models import ContactPerson
from iop.roles import Role
from iop.workdays import working_days_between

# Agreements whose follow-ups are still owed: a report often comes after the agreement ended.
OWING_STATUSES = (Status.ACTIVE, Status.EXPIRED)
CHUNK = 5000  # ids per IN (...)

_WITHOUT_BYTES = (sa.orm.selectinload(FollowUpReport.files).joinedload(FollowUpReportFile.document)
                  .defer(StoredDocument.content))


def may_record(user: User, agreement: Agreement) -> bool:
    """Admins and coordinators record reports of every agreement, officers of their department's."""
    if user.role in (Role.ADMIN, Role.COORDINATOR):
        return True
    return user.role == Role.OFFICER and user.department_id == agreement.department_id


def ensure_may_record(user: User, agreement: Agreement) -> None:
    if not may_record(user, agreement):
        raise Forbidden("Bara handläggare på överenskommelsens förvaltning, samordnare och administratörer "
                        "kan registrera återrapporter.")


def follow_up_dates(agreement: Agreement) -> list[date]:
    """The agreement's follow-up dates, each once, in order."""
    return sorted({f.date for f in agreement.follow_ups})


def record_report(*, agreement: Agreement, actor: User | ContactPerson, follow_up_date: date,
                  received_on: date,
                  assessment: Assessment | str, today: date, summary: str | None = None,
                  comment: str | None = None,
                  uploads: Iterable[tuple[bytes, str | None]] = ()) -> FollowUpReport:
    """Record the organisation's report for one of the agreement's follow-up dates, with its files.

    `actor` a ContactPerson: the organisation hands its report in itself, through the portal
    (the caller has checked that the organisation is a party); the officer assesses it later."""
    contact = actor if isinstance(actor, ContactPerson) else None
    if contact is None:
        ensure_may_record(actor, agreement)
    if agreement.status not in SIGNED_STATUSES:
        raise Conflict("Återrapporter registreras för undertecknade överenskommelser.")
    uploads = list(uploads)
    errors: dict[str, list[str]] = {}
    if follow_up_date not in follow_up_dates(agreement):
        listed = ", ".join(d.isoformat() for d in follow_up_dates(agreement)) or "inga"
        errors["follow_up_date"] = [f"Datumet är inte ett av överenskommelsens uppföljningsdatum ({listed})."]
    if received_on > today:
        errors["received_on"] = ["Datumet då rapporten kom in kan inte ligga i framtiden."]
    if not (summary or "").strip() and not uploads:
        errors["summary"] = ["Skriv vad rapporten säger eller bifoga rapporten som fil."]
    limit = current_app.config["MAX_FOLLOW_UP_FILE_BYTES"]
    checked = []
    for content, filename in uploads:
        try:
            checked.append((content, files.check_file(content, limit=limit), filename))
        except Invalid as error:
            errors.setdefault("file", []).extend(error.errors["file"])
    if errors:
        raise Invalid(errors)
    if get_report(agreement=agreement, follow_up_date=follow_up_date, missing_ok=True) is not None:
        raise Conflict(f"Återrapporten för uppföljningen {follow_up_date.isoformat()} är redan registrerad.")
    report = FollowUpReport(agreement_id=agreement.id, follow_up_date=follow_up_date, received_on=received_on,
                            summary=(summary or "").strip(), assessment=Assessment(assessment),
                            comment=(comment or "").strip() or None,
                            recorded_by_id=None if contact else actor.id,
                            submitted_by_contact_id=contact.id if contact else None)
    db.session.add(report)
    db.session.flush()
    revision = agreement.approved_revision or agreement.revision
    for content, media_type, filename in checked:
        document = store_document(agreement, revision, "follow_up_report", content, media_type=media_type,
                                  name=files.stored_name(filename, media_type),
                                  uploaded_by_id=None if contact else actor.id)
        report.files.append(FollowUpReportFile(document=document))
    db.session.flush()
    return report


def list_reports(*, agreement: Agreement) -> sa.Select:
    """The agreement's reports in follow-up date order (their files without the bytes)."""
    return (sa.select(FollowUpReport).filter_by(agreement_id=agreement.id).options(_WITHOUT_BYTES)
            .order_by(FollowUpReport.follow_up_date))


def reports_of_organisation(*, organisation_id: int) -> list[FollowUpReport]:
    """The reports on the agreements an organisation is party to, latest follow-up first."""
    parties = sa.select(AgreementParty.agreement_id).where(AgreementParty.organisation_id == organisation_id)
    return list(db.session.scalars(
        sa.select(FollowUpReport).where(FollowUpReport.agreement_id.in_(parties))
        .options(_WITHOUT_BYTES, sa.orm.joinedload(FollowUpReport.agreement))
        .order_by(FollowUpReport.follow_up_date.desc(), FollowUpReport.id.desc())))


def get_report(*, agreement: Agreement, follow_up_date: date,
               missing_ok: bool = False) -> FollowUpReport | None:
    report = db.session.scalar(sa.select(FollowUpReport).filter_by(
        agreement_id=agreement.id, follow_up_date=follow_up_date).options(_WITHOUT_BYTES))
    if report is None and not missing_ok:
        raise NotFound(f"Det finns ingen återrapport för uppföljningen {follow_up_date.isoformat()}.")
    return report


def get_report_file(*, agreement: Agreement, report_id: int,
                    file_id: int) -> tuple[FollowUpReport, StoredDocument]:
    """One file of one of the agreement's reports, with its bytes."""
    row = db.session.get(FollowUpReportFile, file_id)
    report = db.session.get(FollowUpReport, report_id)
    if row is None or report is None or row.report_id != report.id or report.agreement_id != agreement.id:
        raise NotFound(f"Filen {file_id} finns inte bland återrapportens filer.")
    return report, row.document


def download(*, report: FollowUpReport, document: StoredDocument) -> tuple[str, str]:
    """(Content-Disposition, media type) of a report's file."""
    name = files.download_name(agreement_id=report.agreement_id, follow_up_date=report.follow_up_date,
                               filename=document.filename)
    return content_disposition(name), document.media_type


def settled_dates(agreement_ids: Iterable[int]) -> set[tuple[int, date]]:
    """(agreement id, follow-up date) of every follow-up of these agreements that has its report."""
    found: set[tuple[int, date]] = set()
    ordered = sorted(set(agreement_ids))
    for start in range(0, len(ordered), CHUNK):
        rows = db.session.execute(sa.select(FollowUpReport.agreement_id, FollowUpReport.follow_up_date)
                                  .where(FollowUpReport.agreement_id.in_(ordered[start:start + CHUNK])))
        found.update((ident, day) for ident, day in rows)
    return found


@dataclass(frozen=True)
class FollowUpState:
    """One follow-up date of an agreement: its titles, its report, and whether it is late."""

    date: date
    titles: tuple[str, ...]
    report: FollowUpReport | None
    overdue: bool

    @property
    def label(self) -> str:
        if self.report is not None:
            return "Rapport mottagen"
        return "Försenad" if self.overdue else "Inväntar rapport"


def follow_up_states(*, agreement: Agreement, today: date) -> list[FollowUpState]:
    """Each follow-up date of the agreement with its report or whether it is waiting or late."""
    reports = {r.follow_up_date: r for r in db.session.scalars(list_reports(agreement=agreement))}
    owing = agreement.status in OWING_STATUSES
    titles: dict[date, list[str]] = {}
    for follow_up in agreement.follow_ups:
        titles.setdefault(follow_up.date, []).append(follow_up.title)
    return [FollowUpState(day, tuple(names), reports.get(day),
                          owing and day < today and day not in reports)
            for day, names in sorted(titles.items())]


@dataclass(frozen=True)
class OverdueFollowUp:
    agreement: Agreement
    follow_up_date: date
    titles: tuple[str, ...]
    responsible_email: str | None
    department: Department
    working_days_overdue: int


def list_overdue(*, today: date, department_id: int | None = None,
                 responsible_email: str | None = None) -> list[OverdueFollowUp]:
    """Follow-ups past their date without a report, of agreements in force or just ended; the
    longest overdue first. Filter by department or by the responsible officer's e-mail."""
    reported = sa.select(FollowUpReport.id).where(FollowUpReport.agreement_id == FollowUp.agreement_id,
                                                  FollowUpReport.follow_up_date == FollowUp.date)
    statement = (sa.select(FollowUp.agreement_id, FollowUp.date, FollowUp.title)
                 .join(Agreement, Agreement.id == FollowUp.agreement_id)
                 .where(FollowUp.date < today, Agreement.status.in_(OWING_STATUSES), ~reported.exists())
                 .order_by(FollowUp.date, FollowUp.agreement_id, FollowUp.position))
    if department_id is not None:
        statement = statement.where(Agreement.department_id == department_id)
    if responsible_email is not None:
        # Stored in lower case (the agreement's schema), so the column's index serves.
        statement = statement.where(Agreement.responsible_email == responsible_email.strip().lower())
    found: dict[tuple[int, date], list[str]] = {}
    for ident, day, title in db.session.execute(statement):
        found.setdefault((ident, day), []).append(title)
    agreements = {a.id: a for a in db.session.scalars(
        sa.select(Agreement).where(Agreement.id.in_({ident for ident, _ in found})))} if found else {}
    return [OverdueFollowUp(agreements[ident], day, tuple(titles), agreements[ident].responsible_email,
                            agreements[ident].department, working_days_between(day, today))
            for (ident, day), titles in found.items()]


def count_year(*, year: int, today: date) -> dict:
    """The yearly report's figures: follow-up dates in `year` of signed agreements; those with a
    report (by assessment) and those past without one. Dates still to come are neither."""
    follow_ups = (sa.select(FollowUp.agreement_id, FollowUp.date)
                  .join(Agreement, Agreement.id == FollowUp.agreement_id)
                  .where(Agreement.status.in_(SIGNED_STATUSES),
                         FollowUp.date.between(date(year, 1, 1), date(year, 12, 31)))
                  .distinct().subquery())
    joined = sa.and_(FollowUpReport.agreement_id == follow_ups.c.agreement_id,
                     FollowUpReport.follow_up_date == follow_ups.c.date)
    rows = db.session.execute(
        sa.select(FollowUpReport.assessment, sa.func.count(), sa.func.sum(
            sa.case((sa.and_(FollowUpReport.id.is_(None), follow_ups.c.date < today), 1), else_=0)))
        .select_from(follow_ups).outerjoin(FollowUpReport, joined).group_by(FollowUpReport.assessment))
    by_assessment = {a.value: 0 for a in Assessment}
    due = missing = 0
    for assessment, count, late in rows:
        due += count
        missing += late or 0
        if assessment is not None:
            by_assessment[Assessment(assessment).value] += count
    return {"due": due, "received": sum(by_assessment.values()), "missing": missing,
            "by_assessment": by_assessment}
