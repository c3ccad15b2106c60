"""The OCDS export: active agreements as a release package, with no personal data in it."""

import json
import re
from datetime import date

from iop.agreements.models import Party, Signatory
from iop.extensions import db
from iop.organisations import services as organisations
from tests.opendata.ocds_rules import package_errors
from tests.reports.year_2026 import agreement, hours, money

PERSONAL = ["Lena Lind", "lena.lind@laxhjalpen.example", "070-111 22 33", "Karin Handläggare",
            "karin@kommun.test", "Per Holm", "Hamngatan 4"]


def make_agreements(app):
    with app.app_context():
        organisation = organisations.create_organisation(
            name="Läxhjälpen i Sjöstad", org_number="802456-1238", legal_form="ideell_forening",
            email="info@laxhjalpen.example", phone="070-111 22 33", address="Hamngatan 4, 611 30 Sjöstad",
            contacts=[{"name": "Lena Lind", "email": "lena.lind@laxhjalpen.example",
                       "phone": "070-111 22 33"}])
        active = agreement("KFF", "iop", "active", date(2026, 1, 1), date(2028, 12, 31),
                           signed_on=date(2025, 12, 10), organisation_id=organisation.id,
                           title="Läxhjälp i Norra Sjöstad",
                           resources=[money("municipality", 100000), money("municipality", 20000, "total"),
                                      hours("organisation", 1200)])
        active.case_number = "KS 2025/0042"
        active.challenge = "Färre elever når gymnasiebehörighet. Frågor: karin@kommun.test"
        active.purpose = "Fler elever ska nå gymnasiebehörighet."
        active.responsible_email = "karin@kommun.test"
        active.signatories = [Signatory(party=Party.MUNICIPALITY, name="Karin Handläggare", title="Chef"),
                              Signatory(party=Party.ORGANISATION, name="Per Holm", title="Ordförande")]
        agreement("SOC", "annual", "expired", date(2025, 1, 1), date(2025, 12, 31),
                  signed_on=date(2024, 12, 1))
        agreement("SOC", "annual", "draft", date(2026, 1, 1), date(2026, 12, 31))
        db.session.commit()
        return active.id


def test_active_agreements_are_published_as_an_ocds_release_package(app, client, callers):
    agreement_id = make_agreements(app)
    response = client.get("/api/v1/export/ocds", headers=callers.viewer.headers)
    assert response.status_code == 200
    package = response.get_json()
    assert package["uri"] == "http://iop.test/api/v1/export/ocds"
    assert package["version"] == "1.1" and package["publisher"] == {"name": "Kommunen"}
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", package["publishedDate"])
    [release] = package["releases"]
    assert release["ocid"] == f"ocds-xxxxxx-iop-{agreement_id}"
    assert release["tag"] == ["contract"] and release["initiationType"] == "tender"
    roles = {party["name"]: party["roles"] for party in release["parties"]}
    assert roles == {"Kommunen, Kultur- och fritidsförvaltningen": ["buyer", "payer"],
                     "Läxhjälpen i Sjöstad": ["supplier", "payee"]}
    supplier = next(p for p in release["parties"] if "supplier" in p["roles"])
    assert supplier["identifier"] == {"scheme": "SE-BLV", "id": "8024561238",
                                      "legalName": "Läxhjälpen i Sjöstad"}
    [contract] = release["contracts"]
    assert contract["title"] == "Läxhjälp i Norra Sjöstad" and contract["contractNumber"] == "KS 2025/0042"
    # The first day from its start, the last day to its end, in Swedish time with its offset.
    assert contract["period"] == {"startDate": "2026-01-01T00:00:00+01:00",
                                  "endDate": "2028-12-31T23:59:59+01:00"}
    assert contract["value"] == {"amount": 3 * 100000 + 20000, "currency": "SEK"}
    assert contract["awardID"] == release["awards"][0]["id"]
    assert "Fler elever ska nå gymnasiebehörighet." in contract["description"]


def test_the_ocds_export_carries_no_personal_data(app, client, callers):
    make_agreements(app)
    text = client.get("/api/v1/export/ocds", headers=callers.viewer.headers).get_data(as_text=True)
    assert re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text) is None
    for value in PERSONAL:
        assert value not in text and json.dumps(value)[1:-1] not in text


def test_the_ocid_prefix_is_configurable(make_app, database_url, app, callers):
    from tests.conftest import app_config

    agreement_id = make_agreements(app)
    other = make_app(app_config(database_url, OCDS_PREFIX="ocds-abc123", MUNICIPALITY_NAME="Sjöstads kommun"))
    package = other.test_client().get("/api/v1/export/ocds", headers=callers.viewer.headers).get_json()
    assert package["releases"][0]["ocid"] == f"ocds-abc123-iop-{agreement_id}"
    assert package["publisher"] == {"name": "Sjöstads kommun"}


def test_a_sole_traders_number_is_not_published():
    from iop.opendata.ocds import is_organisation_number

    assert is_organisation_number("802456-1238") and is_organisation_number("559012-4581")
    assert not is_organisation_number("650112-1234")  # a personal identity number (born 1965-01-12)


def test_the_export_validates_against_the_ocds_1_1_5_schemas(make_app, database_url, app, callers):
    from tests.conftest import app_config

    make_agreements(app)
    with app.app_context():
        agreement("SOC", "annual", "active", date(2026, 7, 1), date(2026, 9, 30), signed_on=date(2026, 6, 1),
                  resources=[money("municipality", 40000, "total")])
        db.session.commit()
    for config in ({}, {"OPEN_DATA_POLICY_URL": "https://kommunen.example/oppna-data"}):
        other = make_app(app_config(database_url, **config))
        package = other.test_client().get("/api/v1/export/ocds", headers=callers.viewer.headers).get_json()
        assert len(package["releases"]) == 2
        assert package_errors(package) == []


def test_the_publication_policy_is_a_uri_or_left_out(make_app, database_url, callers):
    from tests.conftest import app_config

    other = make_app(app_config(database_url, OPEN_DATA_POLICY_URL="https://kommunen.example/oppna-data"))
    package = other.test_client().get("/api/v1/export/ocds", headers=callers.viewer.headers).get_json()
    assert package["publicationPolicy"] == "https://kommunen.example/oppna-data"
    plain = make_app(app_config(database_url))
    assert "publicationPolicy" not in plain.test_client().get("/api/v1/export/ocds",
                                                              headers=callers.viewer.headers).get_json()


def test_the_rules_catch_what_the_old_export_did_wrong():
    package = {"uri": "http://iop.test/api/v1/export/ocds", "version": "1.1", "publisher": {"name": "K"},
               "publishedDate": "2026-01-01T00:00:00Z", "publicationPolicy": "Gällande överenskommelser.",
               "releases": [{"ocid": "o", "id": "i", "date": "2026-01-01", "tag": ["agreement"],
                             "initiationType": "tender", "contracts": [{"id": "c"}]}]}
    assert package_errors(package) == [
        "package.publicationPolicy: not a uri: 'Gällande överenskommelser.'",
        "releases[0].date: not a date-time: '2026-01-01'",
        "releases[0].tag: 'agreement' is not in the closed codelist",
        "releases[0].contracts[0].awardID: required"]


def test_the_contract_value_is_the_sum_of_its_pro_rata_years(app, client, callers):
    with app.app_context():
        organisation = organisations.create_organisation(name="IFK Sjöstad", org_number="802012-3454",
                                                         legal_form="ideell_forening")
        agreement("KFF", "iop", "active", date(2026, 1, 1), date(2028, 6, 30), signed_on=date(2025, 12, 1),
                  organisation_id=organisation.id, resources=[money("municipality", 250000)])
        db.session.commit()
    [release] = client.get("/api/v1/export/ocds", headers=callers.viewer.headers).get_json()["releases"]
    # 2026 and 2027 whole, 2028 for 182 of its 366 days: about 625 000, not three years' 750 000.
    assert release["contracts"][0]["value"] == {"amount": round(250000 * (2 + 182 / 366)), "currency": "SEK"}
    assert release["awards"][0]["value"]["amount"] == 624317
