"""The report as tables with Swedish headings: what CSV, XLSX and Word all show.

One place decides the rows and columns, so the three formats cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from iop import swedish
from iop.grants.amounts import as_json_number
from iop.initiatives.models import InitiativeStatus, Outcome

PARTY_LABELS = {"municipality": "Kommunen", "organisation": "Organisationerna"}
TYPE_LABELS = swedish.LABELS["resource_type"]
STATUS_LABELS = {"received": "Mottagna", "in_network": "I nätverket", "assigned": "Tilldelade",
                 "closed": "Avslutade"}
OUTCOME_LABELS = {"answered": "Besvarade", "declined": "Avböjda", "agreement": "Blev överenskommelse",
                  "grant": "Blev bidrag", "not_municipal": "Inte en kommunal fråga"}


@dataclass
class Table:
    sheet: str  # at most 31 characters: an Excel sheet name
    title: str
    headers: list[str]
    numeric: list[bool]
    rows: list[list] = field(default_factory=list)
    totals: list | None = None
    note: str | None = None

    def headers_for(self, columns) -> list[str]:
        return [self.headers[i] for i in columns]

    @property
    def kronor(self) -> list[bool]:
        """Which columns are amounts in kronor (their heading says so): shown in whole kronor."""
        return [header.endswith("(kr)") for header in self.headers]


def cell_text(value, *, numeric: bool, total: bool = False, kronor: bool = False) -> str:
    """A cell as a reader sees it (Word, the web page): `1 600`, `12,25`, whole kronor in a
    column of kronor (`375 001`); a missing figure is a dash."""
    if value is None:
        return swedish.MISSING if numeric and not total else ""  # a sum that would mislead is left blank
    if not numeric:
        return str(value)
    return swedish.number(value, decimals=0 if kronor else 2)


def _table(sheet, title, columns, rows, totals_from=None, note=None) -> Table:
    """`columns` as (header, numeric); totals sum the numeric columns from index `totals_from`."""
    table = Table(sheet, title, [c[0] for c in columns], [c[1] for c in columns], rows, note=note)
    if totals_from is not None:
        table.totals = ["Summa"] + [None] * (totals_from - 1) + [
            as_json_number(sum((Decimal(str(row[i] or 0)) for row in rows), Decimal(0))) if numeric else None
            for i, (_, numeric) in enumerate(columns) if i >= totals_from]
    return table


def report_tables(report: dict) -> list[Table]:
    return [overview(report), by_committee(report), by_department(report), resources(report),
            over_time(report), grants_by_committee(report), several_committees(report),
            funding_overlaps(report), double_funding(report), initiatives(report)]


def overview(report: dict) -> Table:
    a, g, r, i = report["agreements"], report["grants"], report["resources"], report["initiatives"]
    rows = [
        ["Överenskommelser som gällt under året", a["active"], "st"],
        ["  varav IOP", a["by_kind"]["iop"], "st"],
        ["  varav årliga överenskommelser", a["by_kind"]["annual"], "st"],
        ["Startade under året", a["started"], "st"],
        ["Avslutade under året", a["ended"], "st"],
        ["Förnyade (efterföljaren har undertecknats)", a["renewed"], "st"],
        ["Kommunens insatser i överenskommelserna", r["municipality_sek"], "kr"],
        ["  varav pengar", r["municipality_money_sek"], "kr"],
        ["Organisationernas insatser (värderade)", r["organisation_sek"], "kr"],
        ["  varav i natura", r["organisation_in_kind_sek"], "kr"],
        ["Ideella timmar", r["volunteer_hours"], "tim"],
        ["Föreningsbidrag", g["total_sek"], "kr"],
        ["Antal föreningsbidrag", g["grants"], "st"],
        ["Organisationer med bidrag från flera nämnder", len(g["organisations_with_several_committees"]),
         "st"],
        ["Organisationer med pengar från flera källor", len(report["funding_overlaps"]), "st"],
        ["Möjlig dubbelfinansiering att granska", len(report["possible_double_funding"]), "par"],
        ["Inkomna initiativ", i["received"], "st"],
        ["Initiativ som rör flera förvaltningar", i["cross_department"], "st"],
        ["Mediantid till första hantering", i["median_days_to_first_handling"], "arbetsdagar"],
    ]
    title = f"Översikt {report['year']}" + (" (preliminär)" if report.get("preliminary") else "")
    return _table("Översikt", title,
                  [("Uppgift", False), ("Värde", True), ("Enhet", False)], rows)


def by_committee(report: dict) -> Table:
    rows = [[c["committee"], c["agreements"], c["municipality_sek"], c["organisation_sek"],
             c["volunteer_hours"]] for c in report["agreements"]["by_committee"]]
    return _table("Överenskommelser per nämnd", "Överenskommelser per nämnd",
                  [("Nämnd", False), ("Överenskommelser", True), ("Kommunens insatser (kr)", True),
                   ("Organisationernas insatser (kr)", True), ("Ideella timmar", True)], rows, totals_from=1)


def by_department(report: dict) -> Table:
    rows = [[d["department"], d["name"], d["committee"], d["agreements"], d["iop"], d["annual"], d["started"],
             d["ended"], d["renewed"], d["municipality_sek"], d["organisation_sek"], d["volunteer_hours"]]
            for d in report["agreements"]["by_department"]]
    return _table("Per förvaltning", "Överenskommelser per förvaltning",
                  [("Förvaltning", False), ("Namn", False), ("Nämnd", False), ("Överenskommelser", True),
                   ("IOP", True), ("Årliga", True), ("Startade", True), ("Avslutade", True),
                   ("Förnyade", True), ("Kommunens insatser (kr)", True),
                   ("Organisationernas insatser (kr)", True), ("Ideella timmar", True)], rows, totals_from=3)


def resources(report: dict) -> Table:
    """What each party put in, by type: only the kinds that exist (no rows of zeros), and no
    sum, which would add the two parties' kronor together."""
    rows = [[PARTY_LABELS[r["party"]], TYPE_LABELS[r["type"]], r["amount_sek"], r["hours"]]
            for r in report["resources"]["by_party_and_type"] if r["amount_sek"] or r["hours"]]
    return _table("Resurser", "Insatta resurser under året",
                  [("Part", False), ("Slag", False), ("Värde (kr)", True), ("Timmar", True)], rows)


def over_time(report: dict) -> Table:
    rows = [[str(y["year"]), y["agreements"], y["municipality_sek"]]
            for y in report["agreements"]["over_time"]]
    return _table("Över tid", "Överenskommelser de senaste fem åren",
                  [("År", False), ("Överenskommelser", True), ("Kommunens insatser (kr)", True)], rows)


def grants_by_committee(report: dict) -> Table:
    rows = [[c["committee"], c["grants"], c["organisations"], c["amount_sek"]]
            for c in report["grants"]["by_committee"]]
    table = _table("Bidrag per nämnd", "Föreningsbidrag per nämnd",
                   [("Nämnd", False), ("Bidrag", True), ("Organisationer", True), ("Belopp (kr)", True)],
                   rows, totals_from=1)
    table.totals[2] = None  # an organisation funded by two committees would be counted twice
    return table


def several_committees(report: dict) -> Table:
    rows = [[o["org_number"], o["name"], "; ".join(o["committees"]), o["amount_sek"]]
            for o in report["grants"]["organisations_with_several_committees"]]
    return _table("Flera nämnder", "Organisationer med bidrag från flera nämnder",
                  [("Organisationsnummer", False), ("Organisation", False), ("Nämnder", False),
                   ("Belopp (kr)", True)], rows, totals_from=3)


SOURCE_LABELS = {"agreement": "Överenskommelse", "grant": "Föreningsbidrag"}


def funding_overlaps(report: dict) -> Table:
    rows = [[o["org_number"], o["name"], SOURCE_LABELS[s["type"]], s["committee"], s["title"],
             s["amount_sek"]] for o in report["funding_overlaps"] for s in o["sources"]]
    return _table("Flera källor", "Organisationer med pengar från flera källor",
                  [("Organisationsnummer", False), ("Organisation", False), ("Källa", False),
                   ("Nämnd", False), ("Överenskommelse eller ändamål", False),
                   ("Belopp under året (kr)", True)], rows, note=FUNDING_OVERLAPS_NOTE)


FUNDING_OVERLAPS_NOTE = (
    "Varje organisation som under året fått pengar från mer än en källa: överenskommelser (kommunens "
    "insatser under året, räknade efter dagar) och föreningsbidrag, från en eller flera nämnder.")


def double_funding(report: dict) -> Table:
    rows = []
    for pair in report["possible_double_funding"]:
        first, second = pair["sources"]
        rows.append([pair["org_number"], pair["name"], SOURCE_LABELS[first["type"]], first["committee"],
                     first["title"], first["amount_sek"], SOURCE_LABELS[second["type"]], second["committee"],
                     second["title"], second["amount_sek"], pair["similarity"],
                     ", ".join(pair["shared_words"])])
    return _table("Möjlig dubbelfinansiering", "Möjlig dubbelfinansiering att granska",
                  [("Organisationsnummer", False), ("Organisation", False), ("Källa 1", False),
                   ("Nämnd 1", False), ("Ändamål 1", False), ("Belopp 1 (kr)", True), ("Källa 2", False),
                   ("Nämnd 2", False), ("Ändamål 2", False), ("Belopp 2 (kr)", True), ("Likhet", True),
                   ("Gemensamma ord", False)], rows, note=DOUBLE_FUNDING_RULE)


DOUBLE_FUNDING_RULE = (
    "Samma organisation har fått pengar för ändamål som liknar varandra: en överenskommelse bredvid "
    "en annan överenskommelse eller ett föreningsbidrag, eller bidrag från olika nämnder. För en "
    "överenskommelse jämförs dess titel. "
    "Två ändamål räknas som likartade när minst hälften av orden i det kortare ändamålet också finns "
    "i det andra, och minst två ord är gemensamma (ett, om det kortare bara har ett ord). Små ord "
    "(och, för, till …) och siffror räknas inte, och ord jämförs på sina första sex bokstäver, så att "
    "läxhjälp och läxhjälpen räknas som samma ord. Likhet är andelen av det kortare ändamålets ord "
    "som finns i det andra. Listan är ett underlag för granskning, inte ett ställningstagande.")


def initiatives(report: dict) -> Table:
    i = report["initiatives"]
    rows = [["Inkomna under året", i["received"]]]
    rows += [[f"Status: {STATUS_LABELS[s]}", i["by_status"].get(s, 0)] for s in InitiativeStatus]
    rows += [[f"Utfall: {OUTCOME_LABELS[o]}", i.get("by_outcome", {}).get(o, 0)] for o in Outcome]
    rows += [["Rör flera förvaltningar", i["cross_department"]],
             ["Väntade för länge på första hantering", i.get("flagged", 0)],
             ["Mediantid till första hantering (arbetsdagar)", i["median_days_to_first_handling"]]]
    return _table("Initiativ", "Initiativ från civilsamhället", [("Uppgift", False), ("Antal", True)], rows)


LIST_NOTE = "Listan visar de {shown} första av {total}; hela listan finns i Excel-filen."
AGREEMENT_LIST_TITLES = {
    "active": ("Gällande överenskommelser", "Överenskommelser som gällt under året"),
    "started": ("Startade", "Överenskommelser som startat under året"),
    "ended": ("Avslutade", "Överenskommelser som avslutats under året"),
    "renewed": ("Förnyade", "Överenskommelser som förnyats"),
}


def _organisation(row: dict) -> str:
    name = row["organisation"] or swedish.MISSING
    others = (row["parties"] or 1) - 1
    return f"{name} med flera ({others + 1})" if others > 0 else name


def agreement_list(which: str, listed) -> Table:
    sheet, title = AGREEMENT_LIST_TITLES[which]
    rows = [[r["title"], _organisation(r), r["committee"],
             f"{swedish.date_iso(r['start_date'])} – {swedish.date_iso(r['end_date'])}",
             r["municipality_sek"], r["volunteer_hours"]] for r in listed.rows]
    return _table(sheet, title, [("Överenskommelse", False), ("Organisation", False), ("Nämnd", False),
                                 ("Period", False), ("Kommunens insatser (kr)", True),
                                 ("Ideella timmar", True)], rows, note=_list_note(listed))


def initiative_list(listed, *, network: bool = False) -> Table:
    rows = [[r["title"], r["organisation"] or swedish.MISSING, swedish.date_iso(r["received_on"]),
             swedish.date_iso(r["first_handled_on"]), r["days_to_first_handling"],
             swedish.label(r["outcome"].value if r["outcome"] else r["status"].value,
                           "initiative_outcome" if r["outcome"] else "initiative_status"),
             r["department"] or swedish.MISSING] for r in listed.rows]
    sheet, title = (("Nätverkets ärenden", "Nätverkets ärenden under året") if network
                    else ("Inkomna initiativ", "Initiativ som kommit in under året"))
    # Dagar: working days from receipt to the first handling.
    return _table(sheet, title, [("Initiativ", False), ("Organisation", False), ("Inkom", False),
                                 ("Första hantering", False), ("Dagar", True), ("Hantering", False),
                                 ("Ansvarig förvaltning", False)], rows, note=_list_note(listed))


def organisation_list(listed) -> Table:
    rows = [[r["name"], r["org_number"], r["agreements"], r["agreements_sek"], r["grants"], r["grants_sek"],
             r["amount_sek"]] for r in listed.rows]
    return _table("Organisationer", "Organisationer och vad de fått under året",
                  [("Organisation", False), ("Organisationsnummer", False), ("Överenskommelser", True),
                   ("Via överenskommelser (kr)", True), ("Bidrag", True), ("Föreningsbidrag (kr)", True),
                   ("Sammanlagt (kr)", True)], rows, note=_list_note(listed))


def _list_note(listed) -> str | None:
    if not listed.capped:
        return None
    return LIST_NOTE.format(shown=swedish.number(len(listed.rows)), total=swedish.number(listed.total))


def list_tables(lists: dict) -> list[Table]:
    """The named lists (as `reports.lists` gives them, keyed as `services.build_lists`)."""
    return [*(agreement_list(which, lists[which]) for which in AGREEMENT_LIST_TITLES),
            initiative_list(lists["initiatives"]), initiative_list(lists["network"], network=True),
            organisation_list(lists["organisations"])]
