from decimal import Decimal

import pytest

from iop.grants.amounts import AmountError, as_json_number, parse_amount


@pytest.mark.parametrize("value, expected", [
    ("250000", "250000.00"), ("250 000", "250000.00"), ("250 000,50", "250000.50"), ("250000.5", "250000.50"),
    ("1\u00a0250\u202f000 kr", "1250000.00"), ("12 500:-", "12500.00"), ("500 SEK", "500.00"), ("0", "0.00"),
    (250000, "250000.00"), (45000.5, "45000.50"), (0.1 + 0.2, "0.30"),
])
def test_amounts_as_swedish_files_write_them(value, expected):
    assert parse_amount(value) == Decimal(expected)


@pytest.mark.parametrize("value, message", [
    ("250.000", "250 000,50"), ("250,000", "250 000,50"), ("1,2,3", "kronor"), ("tusen", "kronor"),
    ("-500", "negativt"), (-1, "negativt"), ("9" * 40, "orimligt"), (1e30, "orimligt"),
    (float("inf"), "kronor"), (float("nan"), "kronor"), (True, "kronor"), ("12,345", "kronor"),
])
def test_amounts_that_could_be_misread_are_refused_with_a_reason(value, message):
    with pytest.raises(AmountError, match=message):
        parse_amount(value)


def test_money_in_json_is_an_integer_when_whole():
    assert as_json_number(Decimal("250000.00")) == 250000 and isinstance(as_json_number(Decimal("5.00")), int)
    assert as_json_number(Decimal("0.5")) == 0.5 and as_json_number(250000.499) == 250000.5
    assert as_json_number(None) is None
