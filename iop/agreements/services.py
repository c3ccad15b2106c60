"""Drafting and reading agreements. Every save of a draft is a new, numbered revision."""

from __future__ import annotations

from functools import cache

import sqlalchemy as sa
from flask import current_app
from sqlalchemy import orm

from iop.agreements import content as agreement_content
from iop.agreements import signals, template_versions, templates
from iop.agreements.access import ensure_may_write
from iop.agreements.models import (
    Agreement,
    AgreementParty,
    AgreementRevision,
    FollowUp,
    Kind,
    Milestone,
    Party,
    PaymentTerms,
    Per,
    Resource,
    ResourceType,
    Signatory,
    Status,
    TemplateVersion,
)
from iop.auth.models import User
from iop.database import LIKE_ESCAPE, like_pattern
from iop.departments.models import Department
from iop.errors import Conflict, Invalid, InvalidTransition, NotFound
from iop.extensions import db
from iop.months import add_months
from iop.organisations.models import Organisation

SCALAR_FIELDS = ("title", "case_number", *agreement_content.TEXT_FIELDS, "start_date", "end_date",
                 "notice_period_months", "extension_months", "max_extensions", "automatic_extension",
                 "general_economic_interest", "responsible_email", "reminder_days", "decision_body",
                 "decision_date", "decision_section", "decision_case_number", "decision_delegation",
                 "payment_terms", "processes_personal_data")
# What the reminders of an agreement follow: a change to one is announced (agreement_dates_changed).
KEY_DATE_FIELDS = frozenset({"start_date", "end_date", "notice_period_months", "milestones", "follow_ups",
                             "reminder_days"})
# A successor needs its own case number and its own decision.
NOT_COPIED = frozenset({"case_number", "decision_date", "decision_section", "decision_case_number"})
# Not part of the document: a change to these alone is no new revision.
NOT_IN_DOCUMENT = frozenset({"reminder_days"})


def draft_agreement(*, author: User, template: str, title: str, department: str | None = None,
                    kind: str | None = None, **fields) -> Agreement:
    """Create a draft from a template, in the author's department unless another is named."""
    chosen = templates.get_template(template)
    if kind is not None and kind != chosen.kind:
        raise Invalid({"kind": f"Mallen {chosen.key} är för {chosen.kind}, inte {kind}."})
    home = _department(department) if department else author.department
    if home is None:
        raise Invalid({"department": "Ange förvaltningen som överenskommelsen hör till."})
    ensure_may_write(author, home)
    fields.setdefault("responsible_email", author.email)
    agreement = Agreement(kind=Kind(chosen.kind), template_key=chosen.key, title=title, department=home,
                          status=Status.DRAFT, revision=1, created_by=author)
    _apply(agreement, fields)
    db.session.add(agreement)
    db.session.flush()
    _save_revision(agreement, author)
    return agreement


def update_agreement(*, agreement: Agreement, author: User, **changes) -> Agreement:
    """Change a draft; the result is saved as the next revision when anything changed."""
    ensure_may_write(author, agreement.department)
    if agreement.status != Status.DRAFT:
        raise InvalidTransition(
            f"Innehållet kan bara ändras i ett utkast; överenskommelsen har status {agreement.status.value}.",
            {"status": [agreement.status.value]})
    changed = _apply(agreement, changes)
    db.session.flush()
    db.session.expire(agreement, ["parties", "resources", "milestones", "follow_ups", "signatories"])
    if changed - NOT_IN_DOCUMENT:
        agreement.revision += 1
        db.session.flush()
        _save_revision(agreement, author)
    if dates := frozenset(changed & KEY_DATE_FIELDS):
        signals.agreement_dates_changed.send(agreement, actor=author, changed=dates)
    return agreement


def mark_reminders_replan(agreement: Agreement) -> None:
    """Mark the agreement for the reminder sweep to look at all its key dates again."""
    _set_reminders_replan([agreement.id], True)


def clear_reminders_replan(agreement_ids: list[int]) -> None:
    """The reminder sweep has planned these agreements anew."""
    _set_reminders_replan(agreement_ids, False)


def _set_reminders_replan(agreement_ids: list[int], value: bool) -> None:
    # A plain UPDATE: bookkeeping, not a change to the record (no audit event, no new version,
    # and updated_at kept, which its onupdate would otherwise move).
    table = Agreement.__table__
    db.session.execute(sa.update(table).where(table.c.id.in_(agreement_ids))
                       .values(reminders_replan=value, updated_at=table.c.updated_at))


def get_agreement(*, agreement_id: int, parts: bool = True) -> Agreement:
    """The agreement; `parts=False`: its row alone, its parts loaded only if asked for (a
    document or a list of revisions needs none of them: six statements fewer)."""
    if not parts:
        agreement = db.session.scalar(sa.select(Agreement).where(Agreement.id == agreement_id)
                                      .options(orm.lazyload("*")))
    else:
        agreement = db.session.get(Agreement, agreement_id)
    if agreement is None:
        raise NotFound(f"Överenskommelsen {agreement_id} finns inte.")
    return agreement


# What a list row reads: the row's own columns, its department and its parties' names; no parts.
SUMMARY_FIELDS = (Agreement.id, Agreement.kind, Agreement.title, Agreement.case_number, Agreement.status,
                  Agreement.start_date, Agreement.end_date, Agreement.notice_deadline, Agreement.revision,
                  Agreement.updated_at)


def summary_page(*, page: int, per_page: int, **filters) -> tuple[list[dict], int]:
    """One page of agreement summaries as plain rows (`schemas.summary_dump` shapes them), and
    how many match: three statements whatever the page size (the count, the rows, their parties)
    and no ORM objects. Measured: a page of 50 built as objects, or as one statement over a
    subquery, cost more in building than the database took to answer it; so do statements built
    afresh for every request (their cache keys), so they are built once per set of filters."""
    values = _filter_values(**filters)
    count, page_rows = _summary_statements(frozenset(values))
    # Core statements on the session's connection: plain rows, no ORM session bookkeeping.
    connection = db.session.connection()
    total = connection.scalar(count, values)
    rows = connection.execute(page_rows, {**values, "limit": per_page, "offset": (page - 1) * per_page}).all()
    parties: dict[int, list[tuple[int, str]]] = {row.id: [] for row in rows}
    if parties:
        for agreement_id, organisation_id, name in connection.execute(_parties_statement(),
                                                                      {"ids": list(parties)}):
            parties[agreement_id].append((organisation_id, name))
    return [{"row": row, "parties": parties[row.id]} for row in rows], total


@cache
def _summary_statements(filters: frozenset[str]) -> tuple[sa.Select, sa.Select]:
    matching = _matching(filters)
    department = (sa.select(Department.code).where(Department.id == Agreement.department_id)
                  .correlate(Agreement).scalar_subquery())
    return (matching.with_only_columns(sa.func.count(Agreement.id)).order_by(None),
            matching.with_only_columns(*SUMMARY_FIELDS, department.label("department"))
            .limit(sa.bindparam("limit", type_=sa.Integer)).offset(sa.bindparam("offset", type_=sa.Integer)))


@cache
def _parties_statement() -> sa.Select:
    return (sa.select(AgreementParty.agreement_id, AgreementParty.organisation_id, Organisation.name)
            .join(Organisation, Organisation.id == AgreementParty.organisation_id)
            .where(AgreementParty.agreement_id.in_(sa.bindparam("ids", expanding=True)))
            .order_by(AgreementParty.agreement_id, AgreementParty.position))


def list_agreements(**filters) -> sa.Select:
    """Agreements matching the filters (status, kind, department, organisation_id, ends_before,
    ends_after, case_number, q), newest first."""
    values = _filter_values(**filters)
    return _matching(frozenset(values)).params(**values)


def _filter_values(*, status=None, kind=None, department=None, organisation_id=None, ends_before=None,
                   ends_after=None, case_number=None, q=None) -> dict:
    """The filters given, as the statement compares them."""
    given = {"status": status and Status(status), "kind": kind and Kind(kind),
             "department": department and department.strip().upper(), "organisation_id": organisation_id,
             "ends_before": ends_before, "ends_after": ends_after, "case_number": case_number,
             "q": q and like_pattern(q)}
    return {name: value for name, value in given.items() if value}


@cache
def _matching(filters: frozenset[str]) -> sa.Select:
    """The statement for a set of filters, their values left as parameters: built once."""
    statement = sa.select(Agreement)
    if "status" in filters:
        statement = statement.where(Agreement.status == sa.bindparam("status"))
    if "kind" in filters:
        statement = statement.where(Agreement.kind == sa.bindparam("kind"))
    if "department" in filters:
        statement = statement.join(Department).where(Department.code == sa.bindparam("department"))
    if "organisation_id" in filters:
        statement = statement.where(Agreement.id.in_(
            sa.select(AgreementParty.agreement_id)
            .where(AgreementParty.organisation_id == sa.bindparam("organisation_id"))))
    if "ends_before" in filters:
        statement = statement.where(Agreement.end_date < sa.bindparam("ends_before"))
    if "ends_after" in filters:
        statement = statement.where(Agreement.end_date > sa.bindparam("ends_after"))
    if "case_number" in filters:
        statement = statement.where(Agreement.case_number == sa.bindparam("case_number"))
    if "q" in filters:
        pattern = sa.bindparam("q", type_=sa.String)
        statement = statement.where(sa.or_(
            sa.func.lower(Agreement.title).like(pattern, escape=LIKE_ESCAPE),
            sa.func.lower(Agreement.case_number).like(pattern, escape=LIKE_ESCAPE)))
    return statement.order_by(Agreement.id.desc())


def read_agreement(*, agreement_id: int) -> tuple[Agreement, TemplateVersion | None]:
    """An agreement to read whole (GET one, its page): the row with its department and the
    template version of its current revision in one statement, its parts in one statement each
    (selectin: a join of every collection would multiply their rows), nothing else."""
    found = db.session.execute(
        sa.select(Agreement, TemplateVersion)
        .outerjoin(AgreementRevision, sa.and_(AgreementRevision.agreement_id == Agreement.id,
                                              AgreementRevision.number == Agreement.revision))
        .outerjoin(TemplateVersion, TemplateVersion.sha256 == AgreementRevision.template_sha256)
        .where(Agreement.id == agreement_id)
        .options(orm.load_only(TemplateVersion.sha256, TemplateVersion.key, TemplateVersion.version),
                 orm.selectinload(Agreement.parties).joinedload(AgreementParty.organisation)
                 .lazyload(Organisation.contacts))
    ).first()
    if found is None:
        raise NotFound(f"Överenskommelsen {agreement_id} finns inte.")
    return found.Agreement, found.TemplateVersion


def agreement_version(*, agreement_id: int) -> int:
    """The agreement's version (what its ETag names), without loading it."""
    version = db.session.scalar(sa.select(Agreement.version).where(Agreement.id == agreement_id))
    if version is None:
        raise NotFound(f"Överenskommelsen {agreement_id} finns inte.")
    return version


def list_awaiting_review() -> sa.Select:
    """Agreements sent to legal review, the one waiting longest first."""
    return (sa.select(Agreement).where(Agreement.status == Status.IN_REVIEW)
            .order_by(Agreement.updated_at, Agreement.id))


def list_drafts(*, department: Department) -> sa.Select:
    """A department's drafts, the one changed most recently first."""
    return (sa.select(Agreement)
            .where(Agreement.status == Status.DRAFT, Agreement.department_id == department.id)
            .order_by(Agreement.updated_at.desc(), Agreement.id.desc()))


def list_successors(*, agreement: Agreement) -> list[Agreement]:
    """The agreements that renew this one, oldest first."""
    return db.session.scalars(sa.select(Agreement).filter_by(predecessor_id=agreement.id)
                              .order_by(Agreement.id)).all()


def list_revisions(*, agreement: Agreement) -> list[AgreementRevision]:
    """The agreement's revisions, oldest first, without their content (a list shows none of it)."""
    return db.session.scalars(sa.select(AgreementRevision).filter_by(agreement_id=agreement.id)
                              .options(orm.defer(AgreementRevision.content))
                              .order_by(AgreementRevision.number)).all()


def get_revision(*, agreement: Agreement, number: int | None = None) -> AgreementRevision:
    """A revision of the agreement (the current one when no number is given), or NotFound."""
    number = agreement.revision if number is None else number
    revision = db.session.scalar(sa.select(AgreementRevision).filter_by(agreement_id=agreement.id,
                                                                        number=number))
    if revision is None:
        raise NotFound(f"Överenskommelsen {agreement.id} har ingen revision {number}.")
    return revision


def copy_content(*, source: Agreement, target: Agreement) -> None:
    """Give `target` the content of `source`: text, parties, resources, milestones, follow-ups."""
    for field in SCALAR_FIELDS:
        if field not in NOT_COPIED:
            setattr(target, field, getattr(source, field))
    target.parties = [AgreementParty(organisation_id=p.organisation_id, position=p.position)
                      for p in source.parties]
    target.resources = [Resource(position=r.position, party=r.party, organisation_id=r.organisation_id,
                                 type=r.type, description=r.description, amount_sek=r.amount_sek,
                                 hours=r.hours, per=r.per) for r in source.resources]
    target.milestones = [Milestone(position=m.position, date=m.date, title=m.title)
                         for m in source.milestones]
    target.follow_ups = [FollowUp(position=f.position, date=f.date, title=f.title)
                         for f in source.follow_ups]


def save_new_revision(*, agreement: Agreement, author: User, template=None) -> AgreementRevision:
    """Record the agreement's current content as its revision `agreement.revision`, with the
    template version `template` (by default the one the draft already uses)."""
    return _save_revision(agreement, author, template)


def _save_revision(agreement: Agreement, author: User, template=None) -> AgreementRevision:
    template = template or template_versions.version_for_new_revision(agreement)
    data = agreement_content.document_data(agreement, municipality=current_app.config["MUNICIPALITY_NAME"])
    data["template_version"] = template.version
    revision = AgreementRevision(agreement_id=agreement.id, number=agreement.revision, content=data,
                                 template_sha256=template.sha256, created_by=author)
    db.session.add(revision)
    db.session.flush()
    return revision


def _apply(agreement: Agreement, fields: dict) -> set[str]:
    """Set the given fields; answers the names of those whose value changed, compared as the
    document shows them (rows in their order, amounts as numbers)."""
    errors: dict[str, list[str]] = {}
    before = {key: _comparable(agreement, key) for key in fields}
    if "case_number" in fields:
        fields["case_number"] = fields["case_number"] or None
        _refuse_taken_case_number(fields["case_number"], agreement)
    if "organisations" in fields:
        _set_parties(agreement, fields.pop("organisations"), errors)
    if "resources" in fields:
        _set_resources(agreement, fields.pop("resources"), errors)
    if "signatories" in fields:
        _set_signatories(agreement, fields.pop("signatories"), errors)
    if fields.get("payment_terms") is not None:
        fields["payment_terms"] = PaymentTerms(fields["payment_terms"])
    for key, model in (("milestones", Milestone), ("follow_ups", FollowUp)):
        if key in fields:
            setattr(agreement, key, [model(position=i, **item) for i, item in enumerate(fields.pop(key))])
    if fields.get("responsible_email") and fields["responsible_email"] != agreement.responsible_email:
        fields["responsible_email"] = _responsible_user_email(fields["responsible_email"], errors)
    for key, value in fields.items():
        setattr(agreement, key, value)
    if agreement.start_date and agreement.end_date and agreement.end_date < agreement.start_date:
        errors["end_date"] = ["Slutdatum kan inte ligga före startdatum."]
    else:
        errors.update(dates_outside_period(agreement))
    if errors:
        raise Invalid(errors)
    return {key for key, value in before.items() if _comparable(agreement, key) != value}


# A follow-up may come after the end (the last year's report), but not more than this.
FOLLOW_UP_MONTHS_AFTER_END = 12


def dates_outside_period(agreement: Agreement) -> dict[str, list[str]]:
    """Per field, the milestones outside the period and the follow-ups before the start or more
    than twelve months after the end (DESIGN.md, agreement lifecycle)."""
    start, end = agreement.start_date, agreement.end_date
    errors: dict[str, list[str]] = {}
    milestones = [m for m in agreement.milestones if (start and m.date < start) or (end and m.date > end)]
    if milestones:
        errors["milestones"] = [f"Milstolpen {m.date.isoformat()} ({m.title}) ligger utanför "
                                f"överenskommelsens period{_period(start, end)}." for m in milestones]
    latest = add_months(end, FOLLOW_UP_MONTHS_AFTER_END) if end else None
    for item in agreement.follow_ups:
        if start and item.date < start:
            message = f"ligger före startdatum {start.isoformat()}"
        elif latest and item.date > latest:
            message = f"ligger mer än tolv månader efter slutdatum {end.isoformat()}"
        else:
            continue
        errors.setdefault("follow_ups", []).append(
            f"Uppföljningen {item.date.isoformat()} ({item.title}) {message}.")
    return errors


def _period(start, end) -> str:
    if start and end:
        return f" ({start.isoformat()}–{end.isoformat()})"
    if start:
        return f" (från {start.isoformat()})"
    return f" (till {end.isoformat()})"


def _comparable(agreement: Agreement, key: str):
    if key == "organisations":
        return [p.organisation_id for p in agreement.parties]
    if key == "resources":
        return [(r.party, r.organisation_id, r.type, r.description, agreement_content.number(r.amount_sek),
                 agreement_content.number(r.hours), r.per) for r in agreement.resources]
    if key == "signatories":
        return [(s.party, s.organisation_id, s.name, s.title) for s in agreement.signatories]
    if key in ("milestones", "follow_ups"):
        return [(item.date, item.title) for item in sorted(getattr(agreement, key),
                                                            key=lambda i: (i.date, i.position))]
    return getattr(agreement, key)


def _responsible_user_email(email: str, errors: dict) -> str:
    """The responsible officer gets the reminders and the calendar: someone who uses the service."""
    email = email.strip().lower()
    if db.session.scalar(sa.select(User.id).where(User.email == email, User.active.is_(True))) is None:
        errors["responsible_email"] = [f"{email} är inte en aktiv användare av tjänsten. Ange e-postadressen "
                                       "till en handläggare som har ett konto."]
    return email


def _set_parties(agreement: Agreement, organisation_ids: list[int], errors: dict) -> None:
    wanted = list(dict.fromkeys(organisation_ids))
    found = set(db.session.scalars(sa.select(Organisation.id).where(Organisation.id.in_(wanted))))
    unknown = [str(i) for i in wanted if i not in found]
    if unknown:
        errors["organisations"] = [f"Okänd organisation: {', '.join(unknown)}."]
        return
    existing = {p.organisation_id: p for p in agreement.parties}
    parties = []
    for position, organisation_id in enumerate(wanted):
        party = existing.get(organisation_id) or AgreementParty(organisation_id=organisation_id)
        party.position = position
        parties.append(party)
    agreement.parties = parties


def _set_resources(agreement: Agreement, resources: list[dict], errors: dict) -> None:
    party_ids = [p.organisation_id for p in agreement.parties]
    rows = []
    for index, item in enumerate(resources):
        item = dict(item)
        if item["party"] == Party.ORGANISATION.value:
            if item.get("organisation_id") is None and len(party_ids) == 1:
                item["organisation_id"] = party_ids[0]
            if item.get("organisation_id") not in party_ids:
                errors.setdefault("resources", {})
                errors["resources"] = {**errors["resources"], str(index): {"organisation_id": [
                    "Ange en av överenskommelsens organisationer."]}}
                continue
        else:
            item["organisation_id"] = None
        rows.append(Resource(position=index, party=Party(item["party"]),
                             organisation_id=item["organisation_id"], type=ResourceType(item["type"]),
                             description=item.get("description", ""), amount_sek=item.get("amount_sek"),
                             hours=item.get("hours"), per=Per(item.get("per", "year"))))
    agreement.resources = rows


def _set_signatories(agreement: Agreement, signatories: list[dict], errors: dict) -> None:
    """Who will sign, named on the draft; an organisation's signatory is tied to its organisation
    (the only one, or the one named), the municipality's to none."""
    party_ids = [p.organisation_id for p in agreement.parties]
    rows = []
    for index, item in enumerate(signatories):
        organisation_id = None
        if item["party"] == Party.ORGANISATION.value:
            organisation_id = item.get("organisation_id")
            if organisation_id is None and len(party_ids) == 1:
                organisation_id = party_ids[0]
            if organisation_id is None and len(party_ids) > 1:
                errors.setdefault("signatories", {})[str(index)] = {"organisation_id": [
                    "Ange vilken av överenskommelsens organisationer personen skriver under för."]}
                continue
            if organisation_id is not None and organisation_id not in party_ids:
                errors.setdefault("signatories", {})[str(index)] = {"organisation_id": [
                    "Ange en av överenskommelsens organisationer."]}
                continue
        rows.append(Signatory(position=index, party=Party(item["party"]), organisation_id=organisation_id,
                              name=item["name"], title=item.get("title", "")))
    agreement.signatories = rows


def _refuse_taken_case_number(case_number: str | None, agreement: Agreement) -> None:
    if case_number is None:
        return
    taken = db.session.scalar(sa.select(Agreement.id).where(Agreement.case_number == case_number,
                                                            Agreement.id != agreement.id))
    if taken is not None:
        raise Conflict(f"Diarienumret {case_number} används redan av överenskommelse {taken}.",
                       {"case_number": [f"Används redan (överenskommelse {taken})."]})


def _department(code: str) -> Department:
    department = db.session.scalar(sa.select(Department).filter_by(code=code.strip().upper()))
    if department is None:
        raise Invalid({"department": f"Förvaltningen {code} finns inte."})
    return department


def move_to_current_template(*, agreement: Agreement, author) -> AgreementRevision | None:
    """The officer's choice: the draft's next revision uses the current template version.
    Nothing changes (None) when it already does."""
    ensure_may_write(author, agreement.department)
    if agreement.status != Status.DRAFT:
        raise InvalidTransition(
            "Bara ett utkast kan byta mallversion; ett granskat eller godkänt dokument behåller sin.",
            {"status": [agreement.status.value]})
    current = template_versions.pin_current(agreement.template_key)
    if get_revision(agreement=agreement).template_sha256 == current.sha256:
        return None
    agreement.revision += 1
    db.session.flush()
    return save_new_revision(agreement=agreement, author=author, template=current)
