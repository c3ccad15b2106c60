"""Demo grants for Sjöstad: a file as a committee's grant system exports it to Excel.

Semicolons, a byte-order mark and Swedish amounts (`150 000`), like the real thing. Läxhjälpen
gets money for homework help from two committees (a possible double funding to look at),
and Röda Korset from two committees for different purposes.
"""

from __future__ import annotations

from iop.grants.services import import_grants

KFF, BUF, SOC = "Kultur- och fritidsnämnden", "Barn- och utbildningsnämnden", "Socialnämnden"
OMN, ALN = "Omsorgsnämnden", "Äldrenämnden"

ROWS = [
    (2025, KFF, "802012-3454", "IFK Sjöstad",
     "Aktivitetsstöd för barn och ungdomar", "110 000"),
    (2025, KFF, "802456-1238", "Läxhjälpen i Sjöstad",
     "Läxhjälp för barn och unga i Norra Sjöstad", "140 000"),
    (2025, SOC, "802409-1285", "Kvinnojouren Tranan",
     "Stöd till våldsutsatta kvinnor och barn", "300 000"),
    (2025, ALN, "802480-1139", "PRO Sjöstad",
     "Träffpunkt och friskvård för seniorer", "45 000"),
    (2026, KFF, "802012-3454", "IFK Sjöstad",
     "Aktivitetsstöd för barn och ungdomar", "118 500"),
    (2026, KFF, "802012-3454", "IFK Sjöstad",
     "Lokalbidrag för klubbstugan", "36 000"),
    (2026, KFF, "802456-1238", "Läxhjälpen i Sjöstad",
     "Läxhjälp för barn och unga i Norra Sjöstad", "150 000"),
    (2026, KFF, "802007-5209", "Studieförbundet Vuxenskolan Sjöstad",
     "Studiecirklar och kulturprogram", "210 000"),
    (2026, KFF, "769614-2871", "Ungdomens Hus ekonomisk förening",
     "Öppen verksamhet för unga på helger", "95 000"),
    (2026, KFF, "802516-6409", "Naturskyddsföreningen i Sjöstad",
     "Naturvandringar och naturskola", "18 000"),
    (2026, BUF, "802456-1238", "Läxhjälpen i Sjöstad",
     "Läxhjälp för elever i årskurs 4–9 i Norra Sjöstad", "90 000"),
    (2026, SOC, "802409-1285", "Kvinnojouren Tranan",
     "Stöd till våldsutsatta kvinnor och barn", "320 000"),
    (2026, SOC, "802438-7790", "Brottsofferjouren Sjöstad",
     "Stöd till brottsutsatta och vittnen", "120 000"),
    (2026, SOC, "802471-9653", "Sjöstads Stadsmission",
     "Härbärge och stöd till hemlösa", "450 000"),
    (2026, SOC, "802500-7314", "Röda Korset Sjöstadskretsen",
     "Läxhjälp och språkcafé för nyanlända", "60 000"),
    (2026, OMN, "802500-7314", "Röda Korset Sjöstadskretsen",
     "Besöksverksamhet för personer med funktionsnedsättning", "40 000"),
    (2026, OMN, "802474-3125", "Föreningen Gemenskap i Sjöstad",
     "Fritidsaktiviteter för vuxna med funktionsnedsättning", "55 000,50"),
    (2026, ALN, "802480-1139", "PRO Sjöstad",
     "Träffpunkt och friskvård för seniorer", "48 000"),
    (2026, ALN, "252003-3115", "Sjöstads pingstförsamling",
     "Måltidsgemenskap för äldre", "25 000"),
]

# As Excel writes "CSV (semikolonavgränsad)": a byte-order mark, semicolons, CRLF.
DEMO_FILE = "\ufeff" + "".join(";".join(map(str, row)) + "\r\n" for row in [
    ("year", "committee", "org_number", "organisation", "purpose", "amount_sek"), *ROWS])


def load_grants() -> list[str]:
    """Two years of grants from five committees, imported like a coordinator's file."""
    result = import_grants(data=DEMO_FILE.encode(), filename="foreningsbidrag-2025-2026.csv")
    if result.errors:  # the demo file is part of the code: a refused row is a bug
        raise RuntimeError(f"demo grants refused: {result.errors}")
    return []
