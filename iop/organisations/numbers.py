"""Swedish organisation numbers (organisationsnummer): NNNNNN-NNNN with a Luhn check digit."""

from __future__ import annotations

import re

_SHAPE = re.compile(r"^(\d{6})-?(\d{4})$")


def luhn_check_digit(digits: str) -> int:
    """The digit that makes `digits` + it pass the Luhn test (Skatteverket's rule)."""
    total = 0
    for index, char in enumerate(digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return (10 - total % 10) % 10


def normalise_org_number(value: str) -> str | None:
    """`NNNNNN-NNNN` for a valid number written with or without the hyphen, else None."""
    match = _SHAPE.match(value.strip())
    if not match:
        return None
    digits = match.group(1) + match.group(2)
    if luhn_check_digit(digits[:9]) != int(digits[9]):
        return None
    return f"{digits[:6]}-{digits[6:]}"


def org_number_problem(value: str) -> str | None:
    """A Swedish sentence saying what is wrong with the number, or None when it is valid."""
    if not _SHAPE.match(value.strip()):
        return "Organisationsnumret ska skrivas NNNNNN-NNNN."
    if normalise_org_number(value) is None:
        return "Organisationsnumret har fel kontrollsiffra."
    return None
