"""Each IOP legality warning from a realistic draft; a clean IOP gets none."""

import pytest

from tests.agreements.factories import clean_iop, draft, signed_agreement


def codes(agreement: dict) -> list[str]:
    return [w["code"] for w in agreement["warnings"]]


def test_a_clean_iop_gets_no_warning(client, callers, organisation_id):
    assert codes(draft(client, callers.officer, clean_iop(organisation_id))) == []


@pytest.mark.parametrize("changes, code", [
    ({"market_assessment": None}, "market_assessment_missing"),
    ({"market_assessment": "Flera privata aktörer erbjuder läxhjälp. Det finns en marknad för detta."},
     "market_exists"),
    ({"resources": [
        {"party": "municipality", "type": "money", "amount_sek": 450, "per": "total",
         "description": "Ersättning 450 kr per deltagare och tillfälle"},
        {"party": "organisation", "type": "volunteer_hours", "hours": 100}]}, "payment_per_unit"),
    ({"resources": [{"party": "municipality", "type": "money", "amount_sek": 250000}]},
     "no_own_contribution"),
    ({"automatic_extension": True, "max_extensions": None}, "renewal_without_limit"),
    ({"start_date": "2027-01-01", "end_date": "2031-12-31", "max_extensions": 0}, "term_too_long"),
])
def test_each_legality_warning_comes_with_its_reason(client, callers, organisation_id, changes, code):
    agreement = draft(client, callers.officer, clean_iop(organisation_id, **changes))
    assert codes(agreement) == [code]
    assert len(agreement["warnings"][0]["message"]) > 40


def test_warnings_never_block_a_submit(client, callers, organisation_id):
    agreement = draft(client, callers.officer, clean_iop(organisation_id, automatic_extension=True,
                                                           max_extensions=None))
    response = client.post(f"/api/v1/agreements/{agreement['id']}/transitions", json={"action": "submit"},
                           headers=callers.officer.headers)
    assert response.status_code == 200 and codes(response.get_json()) == ["renewal_without_limit"]


def test_public_money_above_the_de_minimis_ceiling_over_three_years_is_flagged(
        client, callers, organisation_id):
    # 1.5 MSEK a year in a signed agreement plus 2 MSEK a year in this draft: well above 300 000 euro
    signed_agreement(client, callers, organisation_id, case_number="KFN 2026/0001", resources=[
        {"party": "municipality", "type": "money", "amount_sek": 1500000, "per": "year"},
        {"party": "organisation", "type": "volunteer_hours", "hours": 500}])
    agreement = draft(client, callers.officer, clean_iop(organisation_id, resources=[
        {"party": "municipality", "type": "money", "amount_sek": 2000000, "per": "year"},
        {"party": "organisation", "type": "volunteer_hours", "hours": 500}]))
    assert codes(agreement) == ["de_minimis_exceeded"]
    sgei = draft(client, callers.officer, clean_iop(organisation_id, case_number=None,
                                                     general_economic_interest=True, resources=[
        {"party": "municipality", "type": "money", "amount_sek": 2000000, "per": "year"},
        {"party": "organisation", "type": "volunteer_hours", "hours": 500}]))
    assert codes(sgei) == []  # the SGEI ceiling (750 000 euro) is not reached
