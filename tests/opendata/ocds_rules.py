"""The rules of the OCDS 1.1.5 release-package and release schemas that apply to what we publish.

Written from open-contracting/standard at tag 1__1__5 (schema/release-package-schema.json,
schema/release-schema.json and the closed codelists in schema/codelists/): required fields,
JSON types, the closed codelists we use, and the `uri` and `date-time` formats. Not a copy
of the schema: only the objects the export writes (package, release, Organization,
OrganizationReference, Identifier, Award, Contract, Period, Value).
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit

# JSON types as the schema names them; None stands for JSON null.
STRING, NUMBER, INTEGER, ARRAY, OBJECT, NULL = "string", "number", "integer", "array", "object", "null"

PACKAGE = {
    "required": ["uri", "publisher", "publishedDate", "releases", "version"],
    "properties": {
        "uri": ([STRING], "uri"),
        "version": ([STRING], None),
        "publishedDate": ([STRING], "date-time"),
        "releases": ([ARRAY], None),
        "publisher": ([OBJECT], None),
        "license": ([STRING, NULL], "uri"),
        "publicationPolicy": ([STRING, NULL], "uri"),
        "extensions": ([ARRAY], None),
    },
}
PUBLISHER = {
    "required": ["name"],
    "properties": {"name": ([STRING, NULL], None), "uri": ([STRING, NULL], "uri")},
}
RELEASE = {
    "required": ["ocid", "id", "date", "tag", "initiationType"],
    "properties": {
        "ocid": ([STRING], None),
        "id": ([STRING], None),
        "date": ([STRING], "date-time"),
        "tag": ([ARRAY], None),
        "initiationType": ([STRING], None),
        "parties": ([ARRAY], None),
        "buyer": ([OBJECT], None),
        "awards": ([ARRAY], None),
        "contracts": ([ARRAY], None),
        "language": ([STRING, NULL], None),
    },
}
ORGANIZATION = {
    "required": [],
    "properties": {
        "name": ([STRING, NULL], None),
        "id": ([STRING], None),
        "identifier": ([OBJECT], None),
        "roles": ([ARRAY, NULL], None),
        "details": ([OBJECT, NULL], None),
    },
}
ORGANIZATION_REFERENCE = {
    "required": [],
    "properties": {"name": ([STRING, NULL], None), "id": ([STRING, INTEGER], None)},
}
IDENTIFIER = {
    "required": [],
    "properties": {
        "scheme": ([STRING, NULL], None),
        "id": ([STRING, INTEGER, NULL], None),
        "legalName": ([STRING, NULL], None),
        "uri": ([STRING, NULL], "uri"),
    },
}
AWARD = {
    "required": ["id"],
    "properties": {
        "id": ([STRING, INTEGER], None),
        "status": ([STRING, NULL], None),
        "date": ([STRING, NULL], "date-time"),
        "value": ([OBJECT], None),
        "suppliers": ([ARRAY], None),
        "contractPeriod": ([OBJECT], None),
        "title": ([STRING, NULL], None),
        "description": ([STRING, NULL], None),
    },
}
CONTRACT = {
    "required": ["id", "awardID"],
    "properties": {
        "id": ([STRING, INTEGER], None),
        "awardID": ([STRING, INTEGER], None),
        "title": ([STRING, NULL], None),
        "description": ([STRING, NULL], None),
        "status": ([STRING, NULL], None),
        "period": ([OBJECT], None),
        "value": ([OBJECT], None),
        "dateSigned": ([STRING, NULL], "date-time"),
        "contractNumber": ([STRING, NULL], None),
    },
}
PERIOD = {
    "required": [],
    "properties": {
        "startDate": ([STRING, NULL], "date-time"),
        "endDate": ([STRING, NULL], "date-time"),
        "maxExtentDate": ([STRING, NULL], "date-time"),
        "durationInDays": ([INTEGER, NULL], None),
    },
}
VALUE = {"required": [], "properties": {"amount": ([NUMBER, NULL], None), "currency": ([STRING, NULL], None)}}

# Closed codelists (openCodelist: false) for the fields we write.
RELEASE_TAGS = {
    "planning",
    "planningUpdate",
    "tender",
    "tenderAmendment",
    "tenderUpdate",
    "tenderCancellation",
    "award",
    "awardUpdate",
    "awardCancellation",
    "contract",
    "contractUpdate",
    "contractAmendment",
    "implementation",
    "implementationUpdate",
    "contractTermination",
    "compiled",
}
INITIATION_TYPES = {"tender"}
AWARD_STATUSES = {"pending", "active", "cancelled", "unsuccessful", None}
CONTRACT_STATUSES = {"pending", "active", "cancelled", "terminated", None}
CURRENCIES_USED = {"SEK", "EUR", None}  # a subset of currency.csv: enough for a Swedish municipality
VERSION = re.compile(r"^(\d+\.)(\d+)$")
# RFC 3339 date-time, as JSON Schema's "date-time" format: an offset or Z is required.
DATE_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def _type_of(value) -> str:
    if value is None:
        return NULL
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return INTEGER
    if isinstance(value, float):
        return NUMBER
    return {str: STRING, list: ARRAY, dict: OBJECT}[type(value)]


def _is_uri(text: str) -> bool:
    parts = urlsplit(text)
    return (
        bool(parts.scheme)
        and re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*", parts.scheme) is not None
        and not re.search(r"\s", text)
    )


def _is_date_time(text: str) -> bool:
    if not DATE_TIME.match(text):
        return False
    datetime.fromisoformat(text.replace("Z", "+00:00"))
    return True


def check_object(value, rules: dict, path: str) -> list[str]:
    """Errors of one object against its rules: required fields, types, formats."""
    if not isinstance(value, dict):
        return [f"{path}: not an object"]
    errors = [f"{path}.{name}: required" for name in rules["required"] if name not in value]
    for name, (types, form) in rules["properties"].items():
        if name not in value:
            continue
        found = _type_of(value[name])
        if found not in types and not (found == INTEGER and NUMBER in types):
            errors.append(f"{path}.{name}: {found}, not {' or '.join(types)}")
        elif found == STRING and form == "uri" and not _is_uri(value[name]):
            errors.append(f"{path}.{name}: not a uri: {value[name]!r}")
        elif found == STRING and form == "date-time" and not _is_date_time(value[name]):
            errors.append(f"{path}.{name}: not a date-time: {value[name]!r}")
        if found == STRING and value[name] == "" and name in ("ocid", "id", "awardID"):
            errors.append(f"{path}.{name}: empty (minLength 1)")
    return errors


def _closed(value, allowed: set, path: str) -> list[str]:
    return [] if value in allowed else [f"{path}: {value!r} is not in the closed codelist"]


def package_errors(package: dict) -> list[str]:
    """Every rule the package breaks (an empty list: it validates)."""
    errors = check_object(package, PACKAGE, "package")
    if isinstance(package.get("version"), str) and not VERSION.match(package["version"]):
        errors.append("package.version: does not match ^(\\d+\\.)(\\d+)$")
    errors += check_object(package.get("publisher"), PUBLISHER, "package.publisher")
    for i, release in enumerate(package.get("releases", [])):
        errors += release_errors(release, f"releases[{i}]")
    return errors


def release_errors(release: dict, path: str) -> list[str]:
    errors = check_object(release, RELEASE, path)
    for tag in release.get("tag", []):
        errors += _closed(tag, RELEASE_TAGS, f"{path}.tag")
    errors += _closed(release.get("initiationType"), INITIATION_TYPES, f"{path}.initiationType")
    for i, party in enumerate(release.get("parties", [])):
        errors += check_object(party, ORGANIZATION, f"{path}.parties[{i}]")
        if "identifier" in party:
            errors += check_object(party["identifier"], IDENTIFIER, f"{path}.parties[{i}].identifier")
        errors += [
            f"{path}.parties[{i}].roles: not strings"
            for role in party.get("roles") or []
            if not isinstance(role, str)
        ]
    if "buyer" in release:
        errors += check_object(release["buyer"], ORGANIZATION_REFERENCE, f"{path}.buyer")
    for i, award in enumerate(release.get("awards", [])):
        where = f"{path}.awards[{i}]"
        errors += check_object(award, AWARD, where) + _closed(
            award.get("status"), AWARD_STATUSES, f"{where}.status"
        )
        errors += _value(award.get("value"), f"{where}.value") + _period(award.get("contractPeriod"), where)
        for j, supplier in enumerate(award.get("suppliers", [])):
            errors += check_object(supplier, ORGANIZATION_REFERENCE, f"{where}.suppliers[{j}]")
    for i, contract in enumerate(release.get("contracts", [])):
        where = f"{path}.contracts[{i}]"
        errors += check_object(contract, CONTRACT, where)
        errors += _closed(contract.get("status"), CONTRACT_STATUSES, f"{where}.status")
        errors += _value(contract.get("value"), f"{where}.value") + _period(contract.get("period"), where)
    return errors


def _value(value, path: str) -> list[str]:
    if value is None:
        return []
    return check_object(value, VALUE, path) + _closed(
        value.get("currency"), CURRENCIES_USED, f"{path}.currency"
    )


def _period(period, path: str) -> list[str]:
    return [] if period is None else check_object(period, PERIOD, f"{path}.period")
