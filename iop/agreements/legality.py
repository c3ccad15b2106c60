"""The legality warnings of one agreement, including those that look across agreements and grants.

De minimis (Regulation (EU) 2023/2831, art. 3(4); 2023/2832 for SGEI): aid counts as granted
when the legal right to it is conferred, whenever it is paid. For an agreement that is the
signing date, and the whole amount over the whole term counts on it. It is summed with all other
de minimis aid to the same organisation in the three years before (`lookback`).

Before signing the date is not known: the agreement may be signed any day from today until it
starts. The check looks back from the earlier of today and the start date to the later of the
two, so that the warning holds whichever day it is signed (a warning too many rather than one
missed).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

import sqlalchemy as sa
from flask import current_app

from iop.agreements.checks import LegalityWarning, Limits, content_warnings, de_minimis_warning
from iop.agreements.models import (
    SIGNED_STATUSES,
    Agreement,
    AgreementParty,
    Party,
    Per,
    Resource,
    ResourceType,
)
from iop.clock import today
from iop.extensions import db
from iop.grants.models import Grant
from iop.months import add_months, term_months
from iop.organisations.models import DeMinimisAid, Organisation

# What the municipality gives that is aid: money, and premises or goods at their stated value.
# Its own staff's hours are its contribution to the partnership, not a transfer.
AID_TYPES = (ResourceType.MONEY, ResourceType.PREMISES, ResourceType.IN_KIND)


def limits() -> Limits:
    config = current_app.config
    return Limits(max_term_months=config["MAX_TERM_MONTHS"], eur_sek_rate=config["EUR_SEK_RATE"],
                  de_minimis_eur=config["DE_MINIMIS_EUR"],
                  de_minimis_sgei_eur=config["DE_MINIMIS_SGEI_EUR"])


def legality_warnings(agreement: Agreement) -> list[LegalityWarning]:
    """Every warning for the agreement: its content, and the state-aid ceiling per organisation."""
    return content_warnings(agreement, limits()) + state_aid_warnings(aid_facts(agreement))


@dataclass(frozen=True)
class AidFacts:
    """What the state-aid check needs of the agreement itself; the rest (other aid, today) is read
    when it runs, so the facts may be kept with a version of the agreement (iop.agreements.reads)."""

    agreement_id: int | None
    organisation_ids: tuple[int, ...]
    aid_sek: Decimal
    signed_on: date | None
    signed: bool
    start_date: date | None
    sgei: bool


def aid_facts(agreement: Agreement) -> AidFacts:
    return AidFacts(agreement_id=agreement.id,
                    organisation_ids=tuple(party.organisation_id for party in agreement.parties),
                    aid_sek=granted_aid_sek(agreement), signed_on=agreement.signed_on,
                    signed=agreement.status in SIGNED_STATUSES, start_date=agreement.start_date,
                    sgei=agreement.general_economic_interest)


def state_aid_warnings(facts: AidFacts) -> list[LegalityWarning]:
    """The de minimis warning, when the aid and the organisations' other aid pass the ceiling."""
    if facts.aid_sek == 0 or not facts.organisation_ids:
        return []
    first, last = lookback(facts)
    other = other_aid_by_organisation(facts.organisation_ids, first=first, last=last,
                                      excluding=facts.agreement_id)
    for organisation_id in facts.organisation_ids:
        warning = de_minimis_warning(aid_sek=facts.aid_sek, other_aid_sek=other[organisation_id],
                                     sgei=facts.sgei, limits=limits())
        if warning is not None:
            return [warning]
    return []


def granting_dates(facts: AidFacts) -> tuple[date, date]:
    """The first and last day the right to the aid may be conferred: the signing date once signed."""
    if facts.signed_on is not None:
        return facts.signed_on, facts.signed_on
    if facts.signed and facts.start_date is not None:
        return facts.start_date, facts.start_date  # signed before signing dates were recorded
    days = [today(), facts.start_date or today()]
    return min(days), max(days)


def lookback(facts: AidFacts) -> tuple[date, date]:
    """Other aid counts when granted after `first` and on or before `last`: the three years
    before the (earliest possible) signing date, up to the (latest possible) signing date."""
    earliest, latest = granting_dates(facts)
    return add_months(earliest, -36), latest


def granted_aid_sek(agreement: Agreement) -> Decimal:
    """The whole amount the agreement grants over its whole term (and its automatic extensions)."""
    return _whole_amount(agreement.start_date, agreement.end_date, _automatic_months(agreement),
                         ((r.amount_sek, r.per) for r in agreement.resources
                          if r.party == Party.MUNICIPALITY and r.type in AID_TYPES))


def _automatic_months(agreement: Agreement) -> int:
    """Extensions that need no new decision are granted at signing too; unlimited ones are
    warned about separately (renewal_without_limit) and cannot be counted."""
    if agreement.automatic_extension and agreement.max_extensions:
        return (agreement.extension_months or 0) * agreement.max_extensions
    return 0


def _whole_amount(start: date | None, end: date | None, extra_months: int,
                  amounts: Iterable[tuple[Decimal | None, Per]]) -> Decimal:
    # Without dates a yearly amount counts for one year: the least it can be.
    months = (term_months(start, end) or 12) + extra_months
    total = Decimal(0)
    for amount, per in amounts:
        if amount is not None:
            total += amount if per == Per.TOTAL else amount * Decimal(months) / Decimal(12)
    return total


def other_aid_by_organisation(organisation_ids: Iterable[int], *, first: date, last: date,
                              excluding: int | None) -> dict[int, Decimal]:
    """De minimis aid to each organisation granted after `first`, up to `last`: its other signed
    agreements (each whole, on its signing date), imported grants of those years, and the aid it
    declared itself. One statement for all of them (a UNION ALL), summed here per organisation.

    Imported association grants (föreningsbidrag) have a year, not a date, so any year that
    overlaps counts (a warning too many, not one missed)."""
    ids = list(organisation_ids)
    totals = {ident: Decimal(0) for ident in ids}
    if not ids:
        return totals
    rate = limits().eur_sek_rate
    rows = db.session.connection().execute(_other_aid_statement(), {
        "ids": ids, "first": first, "last": last, "excluding": excluding or -1,
        "first_year": first.year, "last_year": last.year})
    for row in rows:
        amount = Decimal(row.amount or 0)
        if row.source == "agreement":
            extra = (row.months or 0) * row.extensions if row.automatic and row.extensions else 0
            amount = _whole_amount(row.start_date, row.end_date, extra, [(amount, Per(row.unit))])
        elif row.source == "declared" and row.unit == "EUR":
            amount *= rate
        totals[row.organisation_id] += amount
    return totals


@cache
def _other_aid_statement() -> sa.CompoundSelect:
    """Built once per process: building it took longer than running it (it is on every read of
    an agreement)."""
    ids, first, last = sa.bindparam("ids", expanding=True), sa.bindparam("first"), sa.bindparam("last")
    granted_on = sa.func.coalesce(Agreement.signed_on, Agreement.start_date)
    no_date, no_int = sa.cast(sa.null(), sa.Date), sa.cast(sa.null(), sa.Integer)
    agreements = (
        sa.select(sa.literal("agreement").label("source"),
                  AgreementParty.organisation_id.label("organisation_id"),
                  Agreement.start_date.label("start_date"), Agreement.end_date.label("end_date"),
                  Agreement.automatic_extension.label("automatic"),
                  Agreement.extension_months.label("months"),
                  Agreement.max_extensions.label("extensions"), Resource.amount_sek.label("amount"),
                  sa.cast(Resource.per, sa.String(8)).label("unit"))
        .join(Resource, Resource.agreement_id == Agreement.id)
        .join(AgreementParty, AgreementParty.agreement_id == Agreement.id)
        .where(AgreementParty.organisation_id.in_(ids), Agreement.status.in_(SIGNED_STATUSES),
               Agreement.id != sa.bindparam("excluding"), Resource.party == Party.MUNICIPALITY,
               Resource.type.in_(AID_TYPES), Resource.amount_sek.is_not(None),
               granted_on > first, granted_on <= last))
    grants = (
        sa.select(sa.literal("grant"), Organisation.id, no_date, no_date, sa.cast(sa.null(), sa.Boolean),
                  no_int, no_int, sa.func.sum(Grant.amount_sek), sa.cast(sa.null(), sa.String(8)))
        .join(Grant, Grant.org_number == Organisation.org_number)
        .where(Organisation.id.in_(ids), Grant.year >= sa.bindparam("first_year"),
               Grant.year <= sa.bindparam("last_year"))
        .group_by(Organisation.id))
    declared = (
        sa.select(sa.literal("declared"), DeMinimisAid.organisation_id, no_date, no_date,
                  sa.cast(sa.null(), sa.Boolean), no_int, no_int, sa.func.sum(DeMinimisAid.amount),
                  sa.cast(DeMinimisAid.currency, sa.String(8)))
        .where(DeMinimisAid.organisation_id.in_(ids), DeMinimisAid.granted_on > first,
               DeMinimisAid.granted_on <= last)
        .group_by(DeMinimisAid.organisation_id, DeMinimisAid.currency))
    return sa.union_all(agreements, grants, declared)
