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


def test_imported_grants_count_towards_the_de_minimis_ceiling(client, callers, organisation_id):
    grants = ("year,committee,org_number,organisation,purpose,amount_sek\n"
              "2026,Socialnämnden,802456-1238,Läxhjälpen i Sjöstad,Läxhjälp,2000000\n"
              "2027,Kultur- och fritidsnämnden,802456-1238,Läxhjälpen i Sjöstad,Föräldrastöd,1200000\n")
    imported = client.post("/api/v1/grants/import", data=grants.encode(),
                           headers={**callers.admin.headers, "Content-Type": "text/csv"})
    assert imported.get_json()["imported"] == 2
    agreement = draft(client, callers.officer, clean_iop(organisation_id))  # 250 000 kr a year
    assert codes(agreement) == ["de_minimis_exceeded"]
    assert "föreningsbidrag" in agreement["warnings"][0]["message"]


@pytest.mark.parametrize("changes, code, field", [
    ({"resources": [
        {"party": "municipality", "type": "money", "amount_sek": 500, "per": "total",
         "description": "500 kr per deltagande elev och tillfälle"},
        {"party": "organisation", "type": "volunteer_hours", "hours": 100}]},
     "payment_per_unit", "resources.0.description"),
    ({"resources": [
        {"party": "organisation", "type": "volunteer_hours", "hours": 100},
        {"party": "municipality", "type": "money", "amount_sek": 90000, "description": "Timpris 450 kr"}]},
     "payment_per_unit", "resources.1.description"),
    ({"purpose": "Att kommunen betalar 300 kr per besök så att fler familjer får stöd."},
     "payment_per_unit", "purpose"),
    ({"market_assessment": "Marknaden har inte undersökts"}, "market_not_examined", "market_assessment"),
    ({"market_assessment": "Liknande tjänster köps i dag av privata utförare i grannkommunerna"},
     "market_exists", "market_assessment"),
])
def test_the_classic_cases_are_flagged_on_the_field_they_concern(client, callers, organisation_id,
                                                                changes, code, field):
    agreement = draft(client, callers.officer, clean_iop(organisation_id, **changes))
    assert [(w["code"], w["field"]) for w in agreement["warnings"]] == [(code, field)]


def test_a_denied_market_passes(client, callers, organisation_id):
    agreement = draft(client, callers.officer, clean_iop(organisation_id, market_assessment=(
        "Det finns ingen marknad för verksamheten; inga privata aktörer erbjuder något liknande")))
    assert codes(agreement) == []


def test_the_warning_quotes_the_officers_sentence_in_swedish_quotation_marks(
        client, callers, organisation_id):
    agreement = draft(client, callers.officer, clean_iop(
        organisation_id, market_assessment="Föreningen är ensam i området. Marknaden har inte undersökts"))
    message = agreement["warnings"][0]["message"]
    assert "”Marknaden har inte undersökts.” " in message and "Föreningen är ensam" not in message


def test_a_four_year_agreement_of_950_000_kr_a_year_exceeds_de_minimis_on_its_own(
        client, callers, organisation_id):
    # 3 800 000 kr granted at signing: about 345 000 euro at 11 kr, above 300 000 euro
    agreement = draft(client, callers.officer, clean_iop(
        organisation_id, start_date="2027-01-01", end_date="2030-12-31", max_extensions=0, resources=[
            {"party": "municipality", "type": "money", "amount_sek": 950000, "per": "year"},
            {"party": "organisation", "type": "volunteer_hours", "hours": 1200}]))
    assert [(w["code"], w["field"]) for w in agreement["warnings"]] == [("de_minimis_exceeded", "resources")]
    message = agreement["warnings"][0]["message"]
    assert "3\u00a0800\u00a0000 kr" in message and "2023/2831" in message
    assert "300\u00a0000\u00a0euro" in message and " ,"not in message and ".." not in message


def test_the_sgei_ceiling_cites_its_own_regulation(client, callers, organisation_id):
    agreement = draft(client, callers.officer, clean_iop(
        organisation_id, general_economic_interest=True, max_extensions=0, resources=[
            {"party": "municipality", "type": "money", "amount_sek": 5000000, "per": "year"},
            {"party": "organisation", "type": "volunteer_hours", "hours": 1200}]))
    assert codes(agreement) == ["de_minimis_exceeded"]
    assert "2023/2832" in agreement["warnings"][0]["message"]


def test_a_signed_agreement_counts_whole_on_its_signing_date_for_the_next_one(
        client, callers, organisation_id):
    # Signed 2026-11-20: 2 × 1 200 000 kr. The new draft's 2 × 500 000 kr alone is below the ceiling.
    signed_agreement(client, callers, organisation_id, resources=[
        {"party": "municipality", "type": "money", "amount_sek": 1200000, "per": "year"},
        {"party": "organisation", "type": "volunteer_hours", "hours": 500}])
    agreement = draft(client, callers.officer, clean_iop(
        organisation_id, case_number="KFN 2026/0099", resources=[
        {"party": "municipality", "type": "money", "amount_sek": 500000, "per": "year"},
        {"party": "organisation", "type": "volunteer_hours", "hours": 500}]))
    assert codes(agreement) == ["de_minimis_exceeded"]
    assert "2\u00a0400\u00a0000 kr" in agreement["warnings"][0]["message"]


@pytest.mark.parametrize("legal_form, org_number, flagged", [
    ("aktiebolag", "559012-4581", True),
    ("handelsbolag", "969614-2877", True),
    ("ekonomisk_forening", "769614-2871", True),
    ("ideell_forening", "559012-4581", True),  # the number says aktiebolag
    ("stiftelse", "802471-9653", False),
])
def test_money_to_a_company_form_is_flagged_citing_kommunallagen(client, callers, legal_form, org_number,
                                                                 flagged):
    created = client.post("/api/v1/organisations", headers=callers.admin.headers, json={
        "name": "Sjöstads Läxhjälp", "org_number": org_number, "legal_form": legal_form})
    assert created.status_code == 201, created.get_json()
    agreement = draft(client, callers.officer, clean_iop(created.get_json()["id"]))
    warnings = [w for w in agreement["warnings"] if w["code"] == "company_form"]
    assert bool(warnings) is flagged
    if flagged:
        assert warnings[0]["field"] == "organisations"
        assert "kommunallagen 2 kap. 8 §" in warnings[0]["message"]
