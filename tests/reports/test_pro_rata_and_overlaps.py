"""The issue's cases: a year's agreement across two calendar years, and an organisation funded three ways."""

import csv
import io
from datetime import date

from openpyxl import load_workbook

from iop.clock import frozen_at
from iop.extensions import db
from iop.organisations import services as organisations
from tests.reports.year_2026 import agreement, hours, money

GRANTS = """year,committee,org_number,organisation,purpose,amount_sek
2026,Kultur- och fritidsnämnden,802456-1238,Läxhjälpen i Sjöstad,Läxhjälp i Norra Sjöstad,50000
2026,Socialnämnden,802471-9653,Sjöstads Stadsmission,Stöd till hemlösa,200000
"""


def fetch(client, caller, name):
    with frozen_at(date(2028, 1, 15)):
        response = client.get(f"/api/v1/reports/{name}", headers=caller.headers)
    assert response.status_code == 200
    return response


def test_a_year_from_july_counts_about_half_in_each_year_in_every_format(app, client, callers):
    with app.app_context():
        agreement(
            "KFF",
            "annual",
            "active",
            date(2026, 7, 1),
            date(2027, 6, 30),
            signed_on=date(2026, 6, 1),
            resources=[money("municipality", 240000), hours("organisation", 1000)],
        )
        db.session.commit()
    figures = {}
    for year in (2026, 2027):
        body = fetch(client, callers.viewer, str(year)).get_json()["agreements"]
        figures[year] = (body["municipality_sek"], body["volunteer_hours"])
        rows = list(
            csv.reader(
                io.StringIO(fetch(client, callers.viewer, f"{year}.csv").data.decode("utf-8-sig")),
                delimiter=";",
            )
        )
        assert [str(body["municipality_sek"]), str(body["volunteer_hours"])] == [
            next(r for r in rows if r[:1] == ["Kultur- och fritidsnämnden"])[i] for i in (2, 4)
        ]
        sheet = load_workbook(io.BytesIO(fetch(client, callers.viewer, f"{year}.xlsx").data))[
            "Överenskommelser per nämnd"
        ]
        assert [sheet["C3"].value, sheet["E3"].value] == list(figures[year])
    assert figures == {2026: (120986, 504), 2027: (119014, 496)}  # 184 and 181 of 365 days
    assert figures[2026][0] + figures[2027][0] == 240000 and figures[2026][1] + figures[2027][1] == 1000


def test_an_organisation_with_an_iop_an_annual_agreement_and_a_grant_shows_all_three(app, client, callers):
    with app.app_context():
        org = organisations.create_organisation(
            name="Läxhjälpen i Sjöstad", org_number="802456-1238", legal_form="ideell_forening"
        ).id
        agreement(
            "KFF",
            "iop",
            "active",
            date(2026, 1, 1),
            date(2027, 12, 31),
            signed_on=date(2025, 12, 1),
            organisation_id=org,
            title="Läxhjälp i Norra Sjöstad",
            resources=[money("municipality", 100000)],
        )
        agreement(
            "SOC",
            "annual",
            "active",
            date(2026, 1, 1),
            date(2026, 12, 31),
            signed_on=date(2025, 12, 1),
            organisation_id=org,
            title="Sommaraktiviteter",
            resources=[money("municipality", 30000)],
        )
        db.session.commit()
    response = client.post(
        "/api/v1/grants/import",
        data=GRANTS.encode(),
        content_type="text/csv",
        headers=callers.coordinator.headers,
    )
    assert response.status_code == 201
    body = fetch(client, callers.viewer, "2026").get_json()
    [overlap] = body["funding_overlaps"]  # Stadsmissionen has a single grant: not listed
    assert overlap["name"] == "Läxhjälpen i Sjöstad" and overlap["amount_sek"] == 180000
    assert [(s["type"], s["committee"], s["title"], s["amount_sek"]) for s in overlap["sources"]] == [
        ("agreement", "Kultur- och fritidsnämnden", "Läxhjälp i Norra Sjöstad", 100000),
        ("agreement", "Socialnämnden", "Sommaraktiviteter", 30000),
        ("grant", "Kultur- och fritidsnämnden", "Läxhjälp i Norra Sjöstad", 50000),
    ]
    [pair] = body["possible_double_funding"]  # the IOP for läxhjälp beside the grant for läxhjälp
    assert [s["type"] for s in pair["sources"]] == ["agreement", "grant"] and pair["similarity"] == 1.0
    workbook = load_workbook(io.BytesIO(fetch(client, callers.viewer, "2026.xlsx").data))
    sources = workbook["Flera källor"].iter_rows(min_row=3, values_only=True)
    assert len([row for row in sources if row[0] == "802456-1238"]) == 3


def test_a_sources_amount_is_rounded_to_whole_kronor_as_before_to_ore_then_half_up():
    """The funding sources' amounts come as the float the database computes; they round as the
    Numeric(14, 2) Decimal and `figures.whole` rounded them (to öre, then half up)."""
    import random
    from decimal import ROUND_HALF_UP, Decimal

    from iop.reports.funding import _kronor

    def before(value) -> int:
        return int(Decimal("%.2f" % value).quantize(Decimal(1), rounding=ROUND_HALF_UP))  # noqa: UP031

    rng = random.Random(2026)
    values = [0, 0.0, 7, 320000, 0.5, 1.5, 2.495, 2.505, 1.499999, 25315.068493150684, 9052.054794520547,
              *(rng.random() * 10 ** rng.randint(0, 9) for _ in range(20000)),
              *(n + 0.495 for n in range(500)), *(n / 200 for n in range(2000))]
    assert [_kronor(v) for v in values] == [before(v) for v in values]
    assert _kronor(None) == 0 and _kronor(Decimal("120.50")) == 121
