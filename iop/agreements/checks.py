"""IOP legality checks: warnings for the officer and the lawyer, never blocking.

The case to learn from is Kammarrätten i Göteborg 2019-05-08, mål 3556-18 (Alingsås):
an IOP with payment per delivered service and no real own contribution was judged a
service contract that should have been procured under LOU.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from iop.agreements.models import Agreement, Kind, Party, ResourceType
from iop.months import add_months, term_months


@dataclass(frozen=True)
class Warning:
    code: str
    message: str


@dataclass(frozen=True)
class Limits:
    max_term_months: int
    eur_sek_rate: Decimal
    de_minimis_eur: int
    de_minimis_sgei_eur: int


# "per deltagare", "per besök", "styckpris", "à-pris", "ersättning per": a price per unit
# delivered is how a purchase looks, not a partnership.
_PER_UNIT = re.compile(
    r"\b(per|/)\s*(deltagare|elev|elever|brukare|besök|besökare|person|individ|barn|plats|platser|"
    r"dygn|vårddygn|timme|insats|utförd|levererad|tjänst|ärende|placering|kurs|kursdeltagare)\b"
    r"|styckpris|à-pris|a-pris|per capita|ersättning per|pris per",
    re.IGNORECASE)
_NEGATION = re.compile(r"\b(ingen|inga|inte|ej|saknas|saknar|finns ej|icke)\b", re.IGNORECASE)
_MARKET = re.compile(r"marknad", re.IGNORECASE)


def market_assessment_warning(text: str | None) -> Warning | None:
    """Missing, or a sentence about a market that does not deny one exists."""
    if not text or not text.strip():
        return Warning("market_assessment_missing",
                       "Marknadsbedömning saknas. En IOP är bara möjlig där det inte finns en "
                       "fungerande eller potentiell marknad; annars gäller LOU.")
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        if _MARKET.search(sentence) and not _NEGATION.search(sentence):
            return Warning("market_exists",
                           f"Marknadsbedömningen tycks säga att en marknad finns: \"{sentence.strip()}\". "
                           "Finns en marknad ska insatsen upphandlas enligt LOU.")
    return None


def per_unit_payment_warning(agreement: Agreement) -> Warning | None:
    texts = [r.description for r in agreement.resources
             if r.party == Party.MUNICIPALITY and r.type == ResourceType.MONEY]
    texts += [agreement.purpose or ""]
    for text in texts:
        match = _PER_UNIT.search(text or "")
        if match:
            return Warning("payment_per_unit",
                           f"Ersättning per deltagare eller per levererad tjänst (\"{match.group(0)}\") "
                           "tyder på ett köp av tjänster, inte ett partnerskap (jfr Kammarrätten i "
                           "Göteborg, mål 3556-18).")
    return None


def own_contribution_warning(agreement: Agreement) -> Warning | None:
    if not any(r.party == Party.ORGANISATION for r in agreement.resources):
        return Warning("no_own_contribution",
                       "Organisationen bidrar inte med egna resurser (ideella timmar, pengar, lokaler "
                       "eller annat). Ett partnerskap bygger på att båda parter bidrar.")
    return None


def renewal_warning(agreement: Agreement) -> Warning | None:
    if (agreement.automatic_extension or agreement.extension_months) and agreement.max_extensions is None:
        return Warning("renewal_without_limit",
                       "Överenskommelsen kan förlängas utan tidsgräns. Ange hur många gånger den får "
                       "förlängas, så att den inte löper på obegränsat.")
    return None


def term_warning(agreement: Agreement, limits: Limits) -> Warning | None:
    months = term_months(agreement.start_date, agreement.end_date)
    if months is None:
        return None
    months += (agreement.extension_months or 0) * (agreement.max_extensions or 0)
    if months > limits.max_term_months:
        return Warning("term_too_long",
                       f"Avtalstiden inklusive förlängningar är {months} månader, längre än "
                       f"{limits.max_term_months} månader som kommunen har satt som gräns.")
    return None


def de_minimis_warning(*, public_money_sek: Decimal, sgei: bool, limits: Limits) -> Warning | None:
    ceiling_eur = limits.de_minimis_sgei_eur if sgei else limits.de_minimis_eur
    ceiling_sek = Decimal(ceiling_eur) * limits.eur_sek_rate
    if public_money_sek > ceiling_sek:
        return Warning("de_minimis_exceeded",
                       f"Organisationen får {public_money_sek:,.0f} kr i offentliga medel under tre år "
                       f"(överenskommelser och föreningsbidrag), över taket för försumbart stöd "
                       f"(de minimis) på {ceiling_eur:,} euro ≈ {ceiling_sek:,.0f} kr. Pröva om det är "
                       "statsstöd.".replace(",", " "))
    return None


def three_year_window(agreement: Agreement) -> tuple[date, date] | None:
    """The three years, counted back from the end of the agreement's first year, to sum aid over."""
    if agreement.start_date is None:
        return None
    end = add_months(agreement.start_date, 12)
    return add_months(end, -36), end


def content_warnings(agreement: Agreement, limits: Limits) -> list[Warning]:
    """The checks that need nothing but the agreement itself."""
    checks = [renewal_warning(agreement), term_warning(agreement, limits)]
    if agreement.kind == Kind.IOP:
        checks = [market_assessment_warning(agreement.market_assessment),
                  per_unit_payment_warning(agreement), own_contribution_warning(agreement), *checks]
    return [w for w in checks if w is not None]
