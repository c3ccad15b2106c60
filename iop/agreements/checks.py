"""IOP legality checks: warnings for the officer and the lawyer, never blocking.

The case to learn from is Kammarrätten i Göteborg 2019-05-08, mål 3556-18, upheld in
HFD 2020 ref. 15 (Alingsås): an IOP with payment per delivered service and no real own
contribution was judged a service contract that should have been procured under LOU.
Each warning names the field of the agreement it concerns (API.md: `field`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from iop import swedish
from iop.agreements.models import Agreement, Kind, Party, ResourceType
from iop.agreements.phrases import market_reading, per_unit_phrase
from iop.months import term_months
from iop.organisations.models import LegalForm, Organisation


@dataclass(frozen=True)
class LegalityWarning:
    code: str
    message: str
    field: str | None = None

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "field": self.field}

    @property
    def field_label(self) -> str | None:
        """The field's name on the agreement's page ("Resurser, rad 2" for resources.1.description)."""
        if self.field is None:
            return None
        name, _, rest = self.field.partition(".")
        label = FIELD_LABELS.get(name, name)
        index = rest.partition(".")[0]
        return f"{label}, rad {int(index) + 1}" if index.isdigit() else label


FIELD_LABELS = {"market_assessment": "Marknadsbedömning", "resources": "Resurser", "purpose": "Syfte",
                "payment_terms": "Betalningsvillkor", "max_extensions": "Förlängning",
                "end_date": "Avtalstid", "organisations": "Organisationer"}


@dataclass(frozen=True)
class Limits:
    max_term_months: int
    eur_sek_rate: Decimal
    de_minimis_eur: int
    de_minimis_sgei_eur: int


def quoted(sentence: str) -> str:
    """The officer's sentence in Swedish quotation marks, ending with its full stop inside them."""
    sentence = sentence.strip()
    return f"”{sentence if sentence[-1:] in '.!?' else sentence + '.'}”"


def market_assessment_warning(text: str | None) -> LegalityWarning | None:
    """Missing; says the market was not examined; or says (or implies) that a market exists."""
    if not text or not text.strip():
        return LegalityWarning(
            "market_assessment_missing",
            "Marknadsbedömning saknas. En IOP är möjlig bara där det inte finns någon fungerande "
            "eller potentiell marknad; annars ska insatsen upphandlas enligt LOU.", "market_assessment")
    reading = market_reading(text)
    if reading is None:
        return None
    verdict, sentence = reading
    if verdict == "not_examined":
        return LegalityWarning(
            "market_not_examined",
            f"Marknadsbedömningen säger att marknaden inte är undersökt: {quoted(sentence)} Utan en "
            "undersökning går det inte att visa att det saknas en marknad, och då kan insatsen "
            "behöva upphandlas enligt LOU.", "market_assessment")
    return LegalityWarning(
        "market_exists",
        f"Marknadsbedömningen tyder på att det finns en marknad: {quoted(sentence)} Privata utförare, "
        "eller andra kommuner som köper tjänsten, talar för att insatsen ska upphandlas enligt LOU "
        "(jfr HFD 2020 ref. 15).", "market_assessment")


def payment_texts(agreement: Agreement) -> Iterable[tuple[str, str | None, bool]]:
    """(field, text, whether the text is about a payment) for every place a unit price may hide."""
    for index, resource in enumerate(agreement.resources):
        if resource.party == Party.MUNICIPALITY and resource.type == ResourceType.MONEY:
            yield f"resources.{index}.description", resource.description, True
    # The payment terms become data with the document work of issue 16; read them once they exist.
    yield "payment_terms", getattr(agreement, "payment_terms", None), True
    yield "purpose", agreement.purpose, False


def per_unit_payment_warning(agreement: Agreement) -> LegalityWarning | None:
    """Payment per participant, hour, visit or delivered service: a purchase in disguise."""
    for field, text, about_money in payment_texts(agreement):
        if not isinstance(text, str):
            continue
        phrase = per_unit_phrase(text, about_money=about_money)
        if phrase:
            return LegalityWarning(
                "payment_per_unit",
                f"Ersättning per deltagare, timme eller utförd tjänst (”{phrase}”) tyder på ett köp av "
                "tjänster, inte ett partnerskap. Ett bidrag till verksamheten som helhet passar en IOP "
                "(jfr Kammarrätten i Göteborg, mål 3556-18).", field)
    return None


def own_contribution_warning(agreement: Agreement) -> LegalityWarning | None:
    if not any(r.party == Party.ORGANISATION for r in agreement.resources):
        return LegalityWarning(
            "no_own_contribution",
            "Organisationen bidrar inte med egna resurser (ideella timmar, pengar, lokaler eller "
            "annat). Ett partnerskap bygger på att båda parter bidrar.", "resources")
    return None


def renewal_warning(agreement: Agreement) -> LegalityWarning | None:
    if (agreement.automatic_extension or agreement.extension_months) and agreement.max_extensions is None:
        return LegalityWarning(
            "renewal_without_limit",
            "Överenskommelsen kan förlängas utan tidsgräns. Ange hur många gånger den får förlängas, "
            "så att den inte löper på obegränsat.", "max_extensions")
    return None


def term_warning(agreement: Agreement, limits: Limits) -> LegalityWarning | None:
    months = term_months(agreement.start_date, agreement.end_date)
    if months is None:
        return None
    months += (agreement.extension_months or 0) * (agreement.max_extensions or 0)
    if months > limits.max_term_months:
        return LegalityWarning(
            "term_too_long",
            f"Avtalstiden inklusive förlängningar är {months} månader, längre än de "
            f"{limits.max_term_months} månader som kommunen har satt som gräns.", "end_date")
    return None


COMPANY_FORMS = {
    LegalForm.AKTIEBOLAG: "ett aktiebolag",
    LegalForm.HANDELSBOLAG: "ett handelsbolag",
    LegalForm.KOMMANDITBOLAG: "ett kommanditbolag",
    LegalForm.EKONOMISK_FORENING: "en ekonomisk förening",
}
# The first digit of an organisationsnummer tells the form (Skatteverket's groups), so a company
# registered under the wrong form is still found.
COMPANY_NUMBER_GROUPS = {"5": "ett aktiebolag", "7": "en ekonomisk förening",
                         "9": "ett handelsbolag eller kommanditbolag"}


def company_form_warning(agreement: Agreement) -> LegalityWarning | None:
    """Municipal support to a company form: support to an individual business needs exceptional
    reasons (kommunallagen 2 kap. 8 §)."""
    if not any(r.party == Party.MUNICIPALITY for r in agreement.resources):
        return None
    for party in agreement.parties:
        form = _company_form(party.organisation)
        if form:
            return LegalityWarning(
                "company_form",
                f"{party.organisation.name} är {form}. Kommunen får ge stöd till en enskild "
                "näringsidkare bara om det finns synnerliga skäl (kommunallagen 2 kap. 8 §). Pröva om "
                "stödet är tillåtet och om det är statsstöd.", "organisations")
    return None


def _company_form(organisation: Organisation) -> str | None:
    if organisation.legal_form in COMPANY_FORMS:
        return COMPANY_FORMS[organisation.legal_form]
    group = COMPANY_NUMBER_GROUPS.get((organisation.org_number or "")[:1])
    return f"enligt organisationsnumret {group}" if group else None


def de_minimis_warning(*, aid_sek: Decimal, other_aid_sek: Decimal, sgei: bool,
                       limits: Limits) -> LegalityWarning | None:
    """The agreement's whole amount plus other de minimis aid in the three years before signing."""
    ceiling_eur = limits.de_minimis_sgei_eur if sgei else limits.de_minimis_eur
    ceiling_sek = Decimal(ceiling_eur) * limits.eur_sek_rate
    total = aid_sek + other_aid_sek
    if total <= ceiling_sek:
        return None
    regulation = ("förordning (EU) 2023/2832 om stöd av mindre betydelse för tjänster av allmänt "
                  "ekonomiskt intresse" if sgei else "förordning (EU) 2023/2831 om stöd av mindre betydelse")
    euro = f"{ceiling_eur:,}".replace(",", "\u00a0")
    return LegalityWarning(
        "de_minimis_exceeded",
        f"Stödet överstiger taket för stöd av mindre betydelse (de minimis): överenskommelsens hela "
        f"belopp, {swedish.kronor(aid_sek)}, räknas som beviljat när den undertecknas, och tillsammans med "
        f"annat stöd till organisationen under de tre åren dessförinnan, {swedish.kronor(other_aid_sek)} "
        f"(andra överenskommelser, föreningsbidrag och organisationens egen försäkran), blir det "
        f"{swedish.kronor(total)}. Taket är {euro}\u00a0euro, omkring {swedish.kronor(ceiling_sek)}, enligt "
        f"{regulation}. Pröva om stödet är statsstöd.", "resources")


def content_warnings(agreement: Agreement, limits: Limits) -> list[LegalityWarning]:
    """The checks that need nothing but the agreement itself."""
    checks = [renewal_warning(agreement), term_warning(agreement, limits), company_form_warning(agreement)]
    if agreement.kind == Kind.IOP:
        checks = [market_assessment_warning(agreement.market_assessment),
                  per_unit_payment_warning(agreement), own_contribution_warning(agreement), *checks]
    return [w for w in checks if w is not None]


def missing_clause_data(agreement: Agreement) -> list[tuple[str, str]]:
    """(field, what the document says instead) for the optional data a lawyer expects in an IOP or
    annual agreement: shown beside the legality warnings on the review page, never blocking."""
    missing = []
    if not agreement.decision_body and not agreement.decision_delegation:
        missing.append(("decision_body", "Beslutet som överenskommelsen grundar sig på (nämnd, datum, § och "
                        "diarienummer, eller delegationen) är inte angivet. Dokumentet säger därför att "
                        "överenskommelsen förutsätter att nämnden beslutar att ingå den."))
    pays = any(r.party == Party.MUNICIPALITY and r.type == ResourceType.MONEY and r.amount_sek
               for r in agreement.resources)
    if pays and agreement.payment_terms is None:
        missing.append(("payment_terms", "Betalningsvillkoren är inte angivna. Dokumentet anger då att "
                        "kommunen betalar halvårsvis i förskott."))
    return missing
