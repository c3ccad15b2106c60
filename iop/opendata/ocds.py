"""Active agreements as an Open Contracting Data Standard (OCDS 1.1) release package.

Each agreement is one contracting process (`ocid` = `{IOP_OCDS_PREFIX}-iop-{id}`) with one
release tagged `contract`. Parties: the municipality's department as `buyer` and `payer`,
each organisation as `supplier` and `payee` (an IOP is not a purchase, but these are the
codelist's roles for the party that delivers and the party paid). `contract.value` is the
money the municipality pays over the whole term: per-year money times the term's length in
years (rounded up), plus money given for the whole term.

No personal data: no contact persons, responsible officer, signatories, e-mail addresses
(also none left in free text) or phone numbers; an organisation number that is a
personal identity number (a sole trader's) is left out too.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime
from decimal import Decimal

import sqlalchemy as sa

from iop import daterange
from iop.agreements.models import Agreement, Party, Per, ResourceType, Status
from iop.clock import utcnow
from iop.extensions import db
from iop.grants.amounts import as_json_number

OCDS_VERSION = "1.1"
ORG_NUMBER_SCHEME = "SE-BLV"  # org-id.guide: Swedish organisation numbers
_EMAIL = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"']+\.[A-Za-z]{2,}")


def release_package(*, uri: str, prefix: str, publisher: str) -> dict:
    """Every active agreement as a release, in a package as OCDS describes it."""
    agreements = db.session.scalars(
        sa.select(Agreement).where(Agreement.status == Status.ACTIVE).order_by(Agreement.id)).all()
    return {
        "uri": uri,
        "version": OCDS_VERSION,
        "publishedDate": _timestamp(utcnow()),
        "publisher": {"name": publisher},
        "license": "https://creativecommons.org/publicdomain/zero/1.0/",
        "publicationPolicy": "Gällande överenskommelser med idéburna organisationer, utan personuppgifter.",
        "releases": [release(agreement, prefix=prefix, publisher=publisher) for agreement in agreements],
    }


def release(agreement: Agreement, *, prefix: str, publisher: str) -> dict:
    ocid = f"{prefix}-iop-{agreement.id}"
    buyer = {"id": f"{ocid}-department-{agreement.department.code}",
             "name": f"{publisher}, {agreement.department.name}"}
    suppliers = [{"id": f"{ocid}-organisation-{party.organisation_id}", "name": party.organisation.name}
                 for party in agreement.parties]
    value = {"amount": as_json_number(contract_value(agreement)), "currency": "SEK"}
    period = {"startDate": _day(agreement.start_date), "endDate": _day(agreement.end_date)}
    award_id = f"{ocid}-award"
    return {
        "ocid": ocid,
        "id": f"{ocid}-v{agreement.version}",
        "date": _timestamp(agreement.updated_at),
        "tag": ["contract"],
        "initiationType": "tender",
        "language": "sv",
        "parties": [_buyer_party(buyer, agreement), *(_supplier_party(s, party) for s, party
                                                       in zip(suppliers, agreement.parties, strict=True))],
        "buyer": buyer,
        "awards": [{"id": award_id, "status": "active", "date": _day(agreement.signed_on),
                    "suppliers": suppliers, "value": value, "contractPeriod": period}],
        "contracts": [{
            "id": f"{ocid}-contract", "awardID": award_id, "status": "active",
            "title": _scrub(agreement.title), "description": _description(agreement),
            "period": period, "value": value, "dateSigned": _day(agreement.signed_on),
            **({"contractNumber": agreement.case_number} if agreement.case_number else {}),
        }],
    }


def contract_value(agreement: Agreement) -> Decimal:
    """The municipality's money over the whole term (see the module's docstring)."""
    years = _term_years(agreement)
    total = Decimal(0)
    for resource in agreement.resources:
        paid = resource.party == Party.MUNICIPALITY and resource.type == ResourceType.MONEY
        if paid and resource.amount_sek:
            total += resource.amount_sek * (years if resource.per == Per.YEAR else 1)
    return total


def _term_years(agreement: Agreement) -> int:
    if agreement.start_date is None or agreement.end_date is None:
        return 1
    start, after = agreement.start_date, daterange.shift(agreement.end_date, 1)
    months = (after.year - start.year) * 12 + after.month - start.month + (1 if after.day > start.day else 0)
    return max(1, math.ceil(months / 12))


def _buyer_party(buyer: dict, agreement: Agreement) -> dict:
    return {**buyer, "roles": ["buyer", "payer"],
            "details": {"department": agreement.department.name,
                        "committee": agreement.department.committee.name}}


def _supplier_party(supplier: dict, party) -> dict:
    organisation = party.organisation
    entry = {**supplier, "roles": ["supplier", "payee"],
             "details": {"legalForm": organisation.legal_form.value}}
    if is_organisation_number(organisation.org_number):
        entry["identifier"] = {"scheme": ORG_NUMBER_SCHEME, "id": organisation.org_number.replace("-", ""),
                               "legalName": organisation.name}
    return entry


def is_organisation_number(number: str) -> bool:
    """A legal person's number (third digit 2 or more), not a sole trader's personal identity number."""
    digits = number.replace("-", "")
    return len(digits) == 10 and digits.isdigit() and int(digits[2]) >= 2


def _description(agreement: Agreement) -> str | None:
    parts = [text.strip() for text in (agreement.challenge, agreement.purpose) if text and text.strip()]
    return _scrub("\n\n".join(parts)) if parts else None


def _scrub(text: str | None) -> str | None:
    """Free text without e-mail addresses: someone may have written a person's address into it."""
    return None if text is None else _EMAIL.sub("[e-postadress borttagen]", text)


def _day(value) -> str | None:
    return None if value is None else f"{value.isoformat()}T00:00:00Z"


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
