"""Active agreements as an Open Contracting Data Standard (OCDS 1.1) release package.

Each agreement is one contracting process (`ocid` = `{IOP_OCDS_PREFIX}-iop-{id}`) with one
release tagged `contract`. Parties: the municipality's department as `buyer` and `payer`,
each organisation as `supplier` and `payee` (an IOP is not a purchase, but these are the
codelist's roles for the party that delivers and the party paid). `contract.value` is the
municipality's money over the whole term counted as the yearly report counts it: the sum of
its pro rata years (money per year × days of each year inside the period ÷ days of that year),
plus money given for the whole term, in whole kronor. Dates are the start of the first day and
the end of the last day in the municipality's time zone, with its offset. `publicationPolicy`
is a URI (IOP_OPEN_DATA_POLICY_URL), or left out when none is set.

No personal data: no contact persons, responsible officer, signatories, e-mail addresses
(also none left in free text) or phone numbers; an organisation number that is a
personal identity number (a sole trader's) is left out too.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from iop.agreements.models import Agreement, Party, Per, ResourceType, Status
from iop.clock import utcnow
from iop.extensions import db
from iop.grants.amounts import as_json_number
from iop.reports.counting import year_shares

OCDS_VERSION = "1.1"
ORG_NUMBER_SCHEME = "SE-BLV"  # org-id.guide: Swedish organisation numbers
_EMAIL = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"']+\.[A-Za-z]{2,}")


def release_package(*, uri: str, prefix: str, publisher: str, policy_uri: str | None = None,
                    timezone: str = "Europe/Stockholm") -> dict:
    """Every active agreement as a release, in a package as OCDS describes it."""
    agreements = db.session.scalars(
        sa.select(Agreement).where(Agreement.status == Status.ACTIVE).order_by(Agreement.id)).all()
    zone = ZoneInfo(timezone)
    return {
        "uri": uri,
        "version": OCDS_VERSION,
        "publishedDate": _timestamp(utcnow()),
        "publisher": {"name": publisher},
        "license": "https://creativecommons.org/publicdomain/zero/1.0/",
        **({"publicationPolicy": policy_uri} if policy_uri else {}),
        "releases": [release(agreement, prefix=prefix, publisher=publisher, zone=zone)
                     for agreement in agreements],
    }


def release(agreement: Agreement, *, prefix: str, publisher: str, zone: ZoneInfo) -> dict:
    ocid = f"{prefix}-iop-{agreement.id}"
    buyer = {"id": f"{ocid}-department-{agreement.department.code}",
             "name": f"{publisher}, {agreement.department.name}"}
    suppliers = [{"id": f"{ocid}-organisation-{party.organisation_id}", "name": party.organisation.name}
                 for party in agreement.parties]
    value = {"amount": as_json_number(contract_value(agreement)), "currency": "SEK"}
    period = {"startDate": _day_start(agreement.start_date, zone),
              "endDate": _day_end(agreement.end_date, zone)}
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
        "awards": [{"id": award_id, "status": "active", "date": _day_start(agreement.signed_on, zone),
                    "suppliers": suppliers, "value": value, "contractPeriod": period}],
        "contracts": [{
            "id": f"{ocid}-contract", "awardID": award_id, "status": "active",
            "title": _scrub(agreement.title), "description": _description(agreement),
            "period": period, "value": value, "dateSigned": _day_start(agreement.signed_on, zone),
            **({"contractNumber": agreement.case_number} if agreement.case_number else {}),
        }],
    }


def contract_value(agreement: Agreement) -> Decimal:
    """The municipality's money over the whole term: the sum of its pro rata years (see above)."""
    shares = year_shares(agreement.start_date, agreement.end_date)
    years = sum((Fraction(inside, days) for inside, days in shares.values()), Fraction(0))
    total = Fraction(0)
    for resource in agreement.resources:
        paid = resource.party == Party.MUNICIPALITY and resource.type == ResourceType.MONEY
        if paid and resource.amount_sek:
            total += Fraction(resource.amount_sek) * (years if resource.per == Per.YEAR else 1)
    exact = Decimal(total.numerator) / Decimal(total.denominator)
    return exact.quantize(Decimal(1), rounding=ROUND_HALF_UP)


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


def _day_start(day: date | None, zone: ZoneInfo) -> str | None:
    return None if day is None else datetime.combine(day, time(0, 0, 0), zone).isoformat()


def _day_end(day: date | None, zone: ZoneInfo) -> str | None:
    return None if day is None else datetime.combine(day, time(23, 59, 59), zone).isoformat()


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
