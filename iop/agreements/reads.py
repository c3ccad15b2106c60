"""The agreement API's reads kept in the process: GET one by what its ETag names, the list's pages
by the state of everything audited.

Everything `AgreementOut` shows belongs to the agreement and changes only through
`iop.agreements.services`, which moves its version (and `updated_at`) with every change. So the
answer dumped once for a version can be given again while that version stands: the read is then
one small statement for the version (and the department's code, which the department may
change). The state-aid warning depends on other agreements, declared aid, grants and today's
date: it is kept by the newest audit event read in the same statement (all of those are audited,
see `iop.audit.services.newest_event_columns`) and the day, and read afresh when either moved.
The template version's `current` flag is worked out afresh: a new template version may arrive
any time.

A page of the list shows columns of agreements, their parties' organisations and departments, all
audited: it is kept by its filters and the newest audit event, read in one small statement
before it.

The key holds `created_at` beside the id and version: were the table emptied and its ids given
out again (a restored backup), a new agreement with an old id is still a different key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import sqlalchemy as sa
from flask import current_app
from werkzeug.exceptions import NotFound

from iop import clock, keeping
from iop.agreements import services, template_versions
from iop.agreements.checks import content_warnings
from iop.agreements.legality import AidFacts, aid_facts, limits, state_aid_warnings
from iop.agreements.models import Agreement
from iop.agreements.schemas import AgreementOut, summary_dump
from iop.audit.services import newest_event_columns
from iop.departments.models import Department
from iop.extensions import db
from iop.keeping import Kept


@dataclass(frozen=True)
class KeptAnswer:
    body: dict  # AgreementOut's dump, without the department's code
    own_warnings: list[dict]  # those that need nothing but the agreement (and the fixed limits)
    aid: AidFacts
    template: template_versions.TemplateRef | None  # the template version of its revision
    # The state-aid warnings as last read, by the state they were read in (see _aid_warnings).
    aid_warnings: dict = field(default_factory=dict)


def _answers() -> Kept:
    return keeping.of_app("iop.agreement_reads", "AGREEMENT_READS_KEPT")


def _pages() -> Kept:
    return keeping.of_app("iop.agreement_lists", "AGREEMENT_LISTS_KEPT")


def forget_all() -> None:
    """Drop every kept answer (the tests empty the tables between tests, reusing ids)."""
    _answers().clear()
    _pages().clear()


@cache
def _audit_state_statement(dialect: str) -> sa.Select:
    return sa.select(*newest_event_columns(dialect))


def summaries(*, page: int, per_page: int, **filters) -> tuple[list[dict], int]:
    """A page of the list, as `AgreementSummary` dumps its rows, and how many agreements match."""
    if not current_app.config["AGREEMENT_LISTS_KEPT"]:
        return _summaries(page, per_page, filters)
    connection = db.session.connection()
    state = connection.execute(_audit_state_statement(connection.dialect.name)).first()
    key = (tuple(sorted(filters.items())), page, per_page, state.newest_event)
    return _pages().get_or_make(key, lambda: _summaries(page, per_page, filters), keep=state.settled,
                                verify=current_app.config["KEPT_VERIFY"])


def _summaries(page: int, per_page: int, filters: dict) -> tuple[list[dict], int]:
    rows, total = services.summary_page(page=page, per_page=per_page, **filters)
    return [summary_dump(row) for row in rows], total


@cache
def _version_statement(dialect: str) -> sa.Select:
    return (sa.select(Agreement.version, Agreement.created_at, Agreement.updated_at,
                      Department.code.label("department"), *newest_event_columns(dialect))
            .join(Department, Department.id == Agreement.department_id)
            .where(Agreement.id == sa.bindparam("agreement_id")))


def read(agreement_id: int) -> tuple[dict, int]:
    """The answer of GET one (what `AgreementRead` dumps) and the version it is of."""
    connection = db.session.connection()
    found = connection.execute(_version_statement(connection.dialect.name),
                               {"agreement_id": agreement_id}).first()
    if found is None:
        raise NotFound(f"Överenskommelsen {agreement_id} finns inte.")
    key = (agreement_id, found.version, found.created_at, found.updated_at)
    answers = _answers()
    kept = answers.get(key)
    if kept is None:
        agreement, kept_version = services.read_agreement(agreement_id=agreement_id)
        kept = keep(agreement, kept_version)
        # Only what was read for this very version is kept (a save may have come in between).
        if (agreement.version, agreement.created_at, agreement.updated_at) == key[1:]:
            answers.put(key, kept)
    answer = {**kept.body, "department": found.department,
              "warnings": kept.own_warnings + _aid_warnings(kept, found),
              "template_version": template_versions.describe_template_version(kept.body["template"],
                                                                             kept.template)}
    return answer, found.version


def _aid_warnings(kept: KeptAnswer, found) -> list[dict]:
    """The state-aid warning, as last read for the same state of everything audited (the other
    agreements, declared aid and grants it sums all are), the same day and limits; else afresh."""
    stamp = (found.newest_event, clock.today(), limits())
    warnings = kept.aid_warnings.get(stamp)
    fresh = None
    if warnings is None or current_app.config["KEPT_VERIFY"]:
        fresh = [w.as_dict() for w in state_aid_warnings(kept.aid)]
    if warnings is None:
        warnings = fresh
        if found.settled:
            kept.aid_warnings.clear()  # one state is enough: the newest
            kept.aid_warnings[stamp] = warnings
    elif fresh is not None and fresh != warnings:
        raise keeping.KeptDiffers(f"kept state-aid warnings {warnings} differ from {fresh}")
    return warnings


def keep(agreement: Agreement, kept_version) -> KeptAnswer:
    body = AgreementOut().dump(agreement)
    body.pop("department")
    template = (template_versions.TemplateRef(kept_version.key, kept_version.version, kept_version.sha256)
                if kept_version else None)
    # WarningOut's fields are LegalityWarning.as_dict's (test_reads holds the answers equal).
    return KeptAnswer(body=body, own_warnings=[w.as_dict() for w in content_warnings(agreement, limits())],
                aid=aid_facts(agreement), template=template)
