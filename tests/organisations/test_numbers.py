from hypothesis import given
from hypothesis import strategies as st

from iop.organisations.numbers import luhn_check_digit, normalise_org_number, org_number_problem


def test_known_valid_numbers_pass():
    # Skatteverket's own example and two real-world shaped numbers
    for number in ("212000-0142", "802456-1238", "5560360793"):
        assert normalise_org_number(number) is not None


def test_the_hyphen_is_optional_and_written_back():
    assert normalise_org_number("8024561238") == "802456-1238"


def test_a_wrong_check_digit_and_a_wrong_shape_get_different_messages():
    assert "kontrollsiffra" in org_number_problem("802456-1239")
    assert "NNNNNN-NNNN" in org_number_problem("80245-61238")
    assert "NNNNNN-NNNN" in org_number_problem("8024561238x")


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_every_nine_digits_with_their_check_digit_is_valid(digits):
    number = digits + str(luhn_check_digit(digits))
    assert normalise_org_number(number) == f"{number[:6]}-{number[6:]}"


@given(st.text(alphabet="0123456789", min_size=9, max_size=9), st.integers(1, 9))
def test_any_other_check_digit_is_refused(digits, shift):
    wrong = (luhn_check_digit(digits) + shift) % 10
    assert normalise_org_number(digits + str(wrong)) is None
