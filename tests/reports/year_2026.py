"""A year (2026) of agreements and grants with totals worked out by hand.

Agreements are built directly with the models (the agreement services are written in
parallel); grants go through the import API like a coordinator's file would.

Counted in 2026 (signed, period overlaps 2026):
  A1 IOP    KFF active      2026-01-01..2028-12-31  mun money 100 000/yr, premises 20 000 total,
                                                    org 1 200 volunteer h/yr, org in kind 15 000/yr
  A2 annual SOC expired     2025-01-01..2026-06-30  mun money 50 000/yr, 30 000 total (546 days),
                                                    org 300 volunteer h/yr
  A3 IOP    KFF terminated  2024-01-01..2027-12-31, ended 2026-03-31; mun money 80 000/yr
  A4 annual SOC active      2026-07-01..2026-12-31  mun money 40 000 total
  A5 annual KFF active      2026-01-01..2026-12-31  mun money 60 000/yr; renewed (A6 signed)
  A7 annual SOC active      2026-01-01..2026-12-31  mun money 25 000.50/yr, org 100 volunteer h total;
                                                    its successor A8 is only a draft
Not counted: A6 (signed, period 2027), A8 and D1 (drafts), W1 (approved, not signed),
  A9 (KLF, expired, 2025 only: 10 000/yr), X1 (withdrawn).

Pro rata by days in 2026 (365 days):
  KFF money    A1 100 000 + A3 80 000 × 90/365 (to 31 March) 19 726.03 + A5 60 000     = 179 726
  KFF premises A1 20 000 for 1 096 days × 365/1 096                                       =   6 661
  SOC money    A2 50 000 × 181/365 24 794.52 + 30 000 × 181/546 9 945.05 + A4 40 000
               + A7 25 000.50                                                          =  99 740
  hours        KFF 1 200; SOC A2 300 × 181/365 148.77 + A7 100                         = 1 200; 249
Each sum of a department, party and type is rounded to whole kronor (hours) once.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from iop.agreements.models import (
    Agreement,
    AgreementParty,
    Kind,
    Party,
    Per,
    Resource,
    ResourceType,
    Status,
)
from iop.departments.models import Department
from iop.extensions import db
from iop.organisations import services as organisations

LAXHJALPEN = ("Läxhjälpen i Sjöstad", "802456-1238")
STADSMISSIONEN = ("Sjöstads Stadsmission", "802471-9653")
IFK = ("IFK Sjöstad", "802012-3454")

KFF, SOC, KS = "Kultur- och fritidsnämnden", "Socialnämnden", "Kommunstyrelsen"

GRANTS_CSV = """year,committee,org_number,organisation,purpose,amount_sek
2026,Kultur- och fritidsnämnden,802456-1238,Läxhjälpen i Sjöstad,\
Läxhjälp för barn och unga i Norra Sjöstad,150000
2026,Socialnämnden,802456-1238,Läxhjälpen i Sjöstad,Läxhjälp för barn och unga i årskurs 4–9,90000
2026,Socialnämnden,802471-9653,Sjöstads Stadsmission,Stöd till hemlösa,200000
2026,Kultur- och fritidsnämnden,8020123454,IFK Sjöstad,Aktivitetsstöd,"45 000,50"
2026,Kommunstyrelsen,802471-9653,Sjöstads Stadsmission,Sommarläger för barn,35000
2025,Socialnämnden,802471-9653,Sjöstads Stadsmission,Stöd till hemlösa,180000
2026,kultur- och  fritidsnämnden,802500-7314,Röda Korset Sjöstadskretsen,Flyktingverksamhet,20000
"""

EXPECTED_AGREEMENTS = {
    "active": 6, "started": 4, "ended": 5, "renewed": 1,
    "by_kind": {"iop": 2, "annual": 4},
    "municipality_sek": 286127, "organisation_sek": 15000, "volunteer_hours": 1449,
    "by_committee": [
        {"committee": KFF, "agreements": 3, "municipality_sek": 186387, "volunteer_hours": 1200,
         "organisation_sek": 15000},
        {"committee": SOC, "agreements": 3, "municipality_sek": 99740, "volunteer_hours": 249,
         "organisation_sek": 0},
    ],
    "by_department": [
        {"department": "KFF", "name": "Kultur- och fritidsförvaltningen", "committee": KFF, "agreements": 3,
         "iop": 2, "annual": 1, "started": 2, "ended": 2, "renewed": 1, "municipality_sek": 186387,
         "organisation_sek": 15000, "volunteer_hours": 1200},
        {"department": "SOC", "name": "Socialförvaltningen", "committee": SOC, "agreements": 3,
         "iop": 0, "annual": 3, "started": 2, "ended": 3, "renewed": 0, "municipality_sek": 99740,
         "organisation_sek": 0, "volunteer_hours": 249},
    ],
    "over_time": [
        {"year": 2022, "agreements": 0, "municipality_sek": 0},
        {"year": 2023, "agreements": 0, "municipality_sek": 0},
        {"year": 2024, "agreements": 1, "municipality_sek": 80000},
        {"year": 2025, "agreements": 3, "municipality_sek": 160055},  # A2's 30 000 total: 365/546
        {"year": 2026, "agreements": 6, "municipality_sek": 286127},
    ],
}


def _by_type(**values):
    rows = []
    for party in ("municipality", "organisation"):
        for type_ in ("money", "premises", "staff_hours", "volunteer_hours", "in_kind"):
            amount, hours = values.get(f"{party}_{type_}", (0, 0))
            rows.append({"party": party, "type": type_, "amount_sek": amount, "hours": hours})
    return rows


EXPECTED_RESOURCES = {
    "municipality_sek": 286127, "municipality_money_sek": 279466, "municipality_in_kind_sek": 6661,
    "organisation_sek": 15000, "organisation_money_sek": 0, "organisation_in_kind_sek": 15000,
    "volunteer_hours": 1449, "staff_hours": 0,
    "by_party_and_type": _by_type(municipality_money=(279466, 0), municipality_premises=(6661, 0),
                                  organisation_in_kind=(15000, 0), organisation_volunteer_hours=(0, 1449)),
}

EXPECTED_GRANTS = {
    "total_sek": 540001,  # whole kronor: IFK's 45 000,50 rounds up
    "grants": 6,
    "by_committee": [
        {"committee": KS, "grants": 1, "organisations": 1, "amount_sek": 35000},
        {"committee": KFF, "grants": 3, "organisations": 3, "amount_sek": 215001},
        {"committee": SOC, "grants": 2, "organisations": 2, "amount_sek": 290000},
    ],
    "organisations_with_several_committees": [
        {"org_number": "802456-1238", "name": "Läxhjälpen i Sjöstad", "committees": [KFF, SOC],
         "amount_sek": 240000, "by_committee": [{"committee": KFF, "amount_sek": 150000},
                                                {"committee": SOC, "amount_sek": 90000}]},
        {"org_number": "802471-9653", "name": "Sjöstads Stadsmission", "committees": [KS, SOC],
         "amount_sek": 235000, "by_committee": [{"committee": KS, "amount_sek": 35000},
                                                {"committee": SOC, "amount_sek": 200000}]},
    ],
}

GRANT_SOURCES = {
    "Läxhjälp KFF": {"type": "grant", "committee": KFF, "title": "Läxhjälp för barn och unga i Norra Sjöstad",
                     "amount_sek": 150000},
    "Läxhjälp SOC": {"type": "grant", "committee": SOC, "title": "Läxhjälp för barn och unga i årskurs 4–9",
                     "amount_sek": 90000},
}

EXPECTED_FUNDING_OVERLAPS = [  # the grants' ids are left out: the import numbers them
    {"org_number": "802456-1238", "name": "Läxhjälpen i Sjöstad", "amount_sek": 106661 + 150000 + 90000,
     "sources": [{"type": "agreement", "committee": KFF, "title": "Överenskommelse", "amount_sek": 106661},
                 GRANT_SOURCES["Läxhjälp KFF"], GRANT_SOURCES["Läxhjälp SOC"]]},
    {"org_number": "802471-9653", "name": "Sjöstads Stadsmission", "amount_sek": 235000,
     "sources": [{"type": "grant", "committee": KS, "title": "Sommarläger för barn", "amount_sek": 35000},
                 {"type": "grant", "committee": SOC, "title": "Stöd till hemlösa", "amount_sek": 200000}]},
]

EXPECTED_DOUBLE_FUNDING = [
    {"org_number": "802456-1238", "name": "Läxhjälpen i Sjöstad", "similarity": 0.75,
     "shared_words": ["barn", "läxhjälp", "unga"],
     "sources": [GRANT_SOURCES["Läxhjälp KFF"], GRANT_SOURCES["Läxhjälp SOC"]]},
]


def money(party, amount, per="year", type_=ResourceType.MONEY):
    return Resource(party=Party(party), type=type_, amount_sek=Decimal(str(amount)), per=Per(per))


def hours(party, amount, per="year", type_=ResourceType.VOLUNTEER_HOURS):
    return Resource(party=Party(party), type=type_, hours=Decimal(str(amount)), per=Per(per))


def agreement(department: str, kind: str, status: str, start: date, end: date, *, signed_on=None,
              resources=(), predecessor=None, ended_on=None, organisation_id=None, title="Överenskommelse"):
    """An agreement as the lifecycle would have left it, written straight to the database."""
    row = Agreement(kind=Kind(kind), template_key=kind, title=title, status=Status(status),
                    department_id=db.session.scalar(db.select(Department.id).filter_by(code=department)),
                    start_date=start, end_date=end, signed_on=signed_on, ended_on=ended_on,
                    predecessor=predecessor)
    row.resources = [r for r in resources]
    for position, resource in enumerate(row.resources):
        resource.position = position
    if organisation_id:
        row.parties = [AgreementParty(organisation_id=organisation_id)]
    db.session.add(row)
    db.session.flush()
    return row


def build_agreements() -> dict[str, Agreement]:
    """The agreements of the module docstring; organisations registered for them."""
    org = organisations.create_organisation(name=LAXHJALPEN[0], org_number=LAXHJALPEN[1],
                                            legal_form="ideell_forening").id
    organisations.create_organisation(name=STADSMISSIONEN[0], org_number=STADSMISSIONEN[1],
                                      legal_form="stiftelse")
    organisations.create_organisation(name=IFK[0], org_number=IFK[1], legal_form="ideell_forening")
    d = date
    made = {
        "A1": agreement("KFF", "iop", "active", d(2026, 1, 1), d(2028, 12, 31), signed_on=d(2025, 12, 10),
                        organisation_id=org, resources=[
                            money("municipality", 100000), money("municipality", 20000, "total",
                                                                 ResourceType.PREMISES),
                            hours("organisation", 1200),
                            money("organisation", 15000, "year", ResourceType.IN_KIND)]),
        "A2": agreement("SOC", "annual", "expired", d(2025, 1, 1), d(2026, 6, 30), signed_on=d(2024, 12, 1),
                        resources=[money("municipality", 50000), money("municipality", 30000, "total"),
                                   hours("organisation", 300)]),
        "A3": agreement("KFF", "iop", "terminated", d(2024, 1, 1), d(2027, 12, 31), signed_on=d(2023, 11, 1),
                        ended_on=d(2026, 3, 31), resources=[money("municipality", 80000)]),
        "A4": agreement("SOC", "annual", "active", d(2026, 7, 1), d(2026, 12, 31), signed_on=d(2026, 5, 1),
                        resources=[money("municipality", 40000, "total")]),
        "A5": agreement("KFF", "annual", "active", d(2026, 1, 1), d(2026, 12, 31), signed_on=d(2025, 12, 1),
                        resources=[money("municipality", 60000)]),
        "A7": agreement("SOC", "annual", "active", d(2026, 1, 1), d(2026, 12, 31), signed_on=d(2025, 12, 20),
                        resources=[money("municipality", "25000.50"), hours("organisation", 100, "total")]),
        "A9": agreement("KLF", "annual", "expired", d(2025, 1, 1), d(2025, 12, 31), signed_on=d(2024, 12, 15),
                        resources=[money("municipality", 10000)]),
        "D1": agreement("KFF", "iop", "draft", d(2026, 1, 1), d(2026, 12, 31),
                        resources=[money("municipality", 999999)]),
        "W1": agreement("KLF", "annual", "approved", d(2026, 1, 1), d(2026, 12, 31),
                        resources=[money("municipality", 888888)]),
        "X1": agreement("SOC", "annual", "withdrawn", d(2026, 1, 1), d(2026, 12, 31),
                        resources=[money("municipality", 777777)]),
    }
    made["A6"] = agreement("KFF", "annual", "active", d(2027, 1, 1), d(2027, 12, 31),
                           signed_on=d(2026, 11, 20), predecessor=made["A5"],
                           resources=[money("municipality", 65000)])
    made["A8"] = agreement("SOC", "annual", "draft", d(2027, 1, 1), d(2027, 12, 31), predecessor=made["A7"],
                           resources=[money("municipality", 26000)])
    return made
