"""Every name a template may use, and the shape behind it.

Three sources make up what a template sees: the document data of a revision (the contract
by example is `sample.py`), what the renderer is told at render time (signed or not, and by
whom), and what the renderer derives so that templates need no arithmetic (totals per party,
the last day to give notice, signature blocks). `iop templates check` holds every placeholder
against this; the tests hold `sample.py` against it.

A shape is None (a value), a dict of names to shapes, or a one-element list (a list of that).
"""

from __future__ import annotations


def _fields(*names: str) -> dict:
    return dict.fromkeys(names)


ORGANISATION = _fields("id", "name", "org_number", "legal_form", "legal_form_label", "address",
                       "email", "phone")
RESOURCE = _fields("party", "organisation_id", "organisation_name", "type", "type_label",
                   "description", "amount_sek", "hours", "per")
DATED = _fields("date", "title")
SIGNATORY = _fields("party", "name", "title", "organisation_id")

DATA: dict = {
    "template_key": None,
    "template_version": None,
    "kind": None,
    "title": None,
    "case_number": None,
    "revision": None,
    "municipality": _fields("name"),
    "department": _fields("code", "name", "committee", "email"),
    "organisations": [ORGANISATION],
    "background": None,
    "governance": None,
    "challenge": None,
    "purpose": None,
    "added_value": None,
    "market_assessment": None,
    "follow_up_description": None,
    "activities": None,
    "resources": [RESOURCE],
    "start_date": None,
    "end_date": None,
    "notice_period_months": None,
    "extension_months": None,
    "max_extensions": None,
    "automatic_extension": None,
    "milestones": [DATED],
    "follow_ups": [DATED],
    "responsible_email": None,
    "predecessor": _fields("id", "title", "case_number"),
    "general_economic_interest": None,
    "decision": _fields("body", "date", "section", "case_number", "delegation"),
    "payment_terms": None,
    "processes_personal_data": None,
    "signatories": [SIGNATORY],
}

# Keys a revision may leave out (older revisions, or kinds that do not use them): the
# renderer fills in these values, so templates can test them with `{% if %}`.
OPTIONAL_DATA: dict = {
    "case_number": None,
    "background": None,
    "governance": None,
    "challenge": None,
    "purpose": None,
    "added_value": None,
    "market_assessment": None,
    "follow_up_description": None,
    "activities": None,
    "start_date": None,
    "end_date": None,
    "notice_period_months": None,
    "extension_months": None,
    "max_extensions": None,
    "automatic_extension": False,
    "milestones": [],
    "follow_ups": [],
    "responsible_email": None,
    "predecessor": None,
    "template_key": None,
    "template_version": None,
    "general_economic_interest": False,
    "decision": _fields("body", "date", "section", "case_number", "delegation"),
    "payment_terms": None,
    "processes_personal_data": False,
    "signatories": [],
}

# `signatories` here are those who signed (active rendering); the data's are those named on the draft.
RENDER: dict = {
    "draft": None,
    "archive_copy": None,
    "signed": None,
    "signed_on": None,
    "signatories": [SIGNATORY],
}

SIGNATURE_LINE = _fields("party", "label", "name", "title", "date_text")

RESOURCE_GROUP = {
    **_fields("party", "organisation_id", "label", "amount_per_year", "amount_total",
              "hours_per_year", "hours_total", "amount_text", "hours_text"),
    "rows": [RESOURCE],
}

DERIVED: dict = {
    "template": _fields("key", "name", "version"),
    "organisation_names": None,
    "notice_deadline": None,
    "resource_groups": [RESOURCE_GROUP],
    "municipality_resources": [RESOURCE_GROUP],
    "organisation_resources": [RESOURCE_GROUP],
    "signature_blocks": [{**_fields("party", "label"), "signatories": [SIGNATORY]}],
    "signature_lines": [SIGNATURE_LINE],
    "signature_rows": [{"left": SIGNATURE_LINE, "right": SIGNATURE_LINE}],
    "municipality_pays": None,
}

CONTEXT: dict = {**DATA, **RENDER, **DERIVED}
DATA_KEYS = frozenset(DATA)
REQUIRED_DATA_KEYS = frozenset(DATA) - frozenset(OPTIONAL_DATA)


class DocumentDataError(ValueError):
    """The document data does not follow the contract (a missing key, an amount that is no number)."""
