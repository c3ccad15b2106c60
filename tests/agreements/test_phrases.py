"""How officers write payment terms and market assessments, and what the legality check reads in them.

Each row is a sentence as an officer would write it in a draft, and whether the lawyer should be
warned. Negations count only for what they govern.
"""

import pytest

from iop.agreements.phrases import market_reading, per_unit_phrase

FLAGGED, PASSES = True, False

# (text, about_money: a money resource's description or the payment terms, flagged?)
PAYMENTS = [
    ("500 kr per deltagande elev och tillfälle", True, FLAGGED),
    ("Timpris 450 kr", True, FLAGGED),
    ("Ersättning 450 kr per deltagare och tillfälle", True, FLAGGED),
    ("Kommunen betalar 300 kr per besök", True, FLAGGED),
    ("Ersättning utgår med 650 kr per timme för utförda stödsamtal", True, FLAGGED),
    ("Arvode 450 kr/tim", True, FLAGGED),
    ("Föreningen får 450 kronor i timmen för läxhjälpen", True, FLAGGED),
    ("Styckpris 1 200 kr per genomförd kurs", True, FLAGGED),
    ("À-pris 800 kr", True, FLAGGED),
    ("a-pris enligt bilaga", True, FLAGGED),
    ("Ersättning per inskriven deltagare betalas kvartalsvis", True, FLAGGED),
    ("Bidraget beräknas utifrån antalet deltagare varje termin", True, FLAGGED),
    ("Kommunen betalar för varje ny deltagare som skrivs in", True, FLAGGED),
    ("Timersättning för volontärsamordnaren", True, FLAGGED),
    ("Betalning per påbörjad timme enligt tidrapport", True, FLAGGED),
    ("2 000 kr per placering och dygn", True, FLAGGED),
    ("Bidrag till verksamheten", True, PASSES),
    ("Verksamhetsbidrag, 250 000 kr per år", True, PASSES),
    ("Ersättningen betalas inte per deltagare utan som ett fast bidrag till verksamheten", True, PASSES),
    ("Ett fast bidrag; ingen ersättning per besök eller timme", True, PASSES),
    ("Bidraget betalas halvårsvis i förskott", True, PASSES),
    ("Hyra för lokalen Norra Sjöstad, 12 000 kr per månad", True, PASSES),
    ("Att fler elever når gymnasiebehörighet", False, PASSES),
    ("Att nå 200 barn per år med läxhjälp två gånger per vecka", False, PASSES),
    ("Minst tre volontärer per skola och termin", False, PASSES),
    ("Att kommunen betalar 500 kr per deltagande elev så att fler får läxhjälp", False, FLAGGED),
]


@pytest.mark.parametrize("text, about_money, flagged", PAYMENTS, ids=[row[0] for row in PAYMENTS])
def test_payment_per_unit_is_read_as_the_officer_wrote_it(text, about_money, flagged):
    assert bool(per_unit_phrase(text, about_money=about_money)) is flagged


# (market assessment, what the check reads: None = passes)
MARKETS = [
    ("Det finns ingen marknad för verksamheten; inga privata aktörer erbjuder något liknande", None),
    ("Det finns ingen fungerande marknad för ideellt buren läxhjälp i området.", None),
    ("Någon marknad finns inte, eftersom verksamheten bygger på frivilliga insatser.", None),
    ("Inga privata utförare eller andra kommuner köper eller säljer motsvarande stöd.", None),
    ("Föreningen är den enda aktören som erbjuder läxhjälp på somaliska i kommunen.", None),
    ("Verksamheten är inte konkurrensutsatt. Den bygger på ideella krafter.", None),
    ("Vi har undersökt marknaden och bedömer att det inte finns någon marknad.", None),
    ("Det saknas privata alternativ i kommunen.", None),
    ("Förvaltningen har kartlagt området: det finns ingen kommersiell aktör som bedriver liknande "
     "verksamhet.", None),
    ("Föreningen har bedrivit verksamheten sedan 2019 med volontärer från området.", None),
    ("Marknaden har inte undersökts", "not_examined"),
    ("Marknaden är ej utredd.", "not_examined"),
    ("Vi har inte gjort någon marknadsanalys.", "not_examined"),
    ("Ingen marknadsundersökning har gjorts.", "not_examined"),
    ("Oklart om det finns andra utförare.", "not_examined"),
    ("Marknaden ska undersökas under hösten.", "not_examined"),
    ("Det finns ingen kommersiell aktör, men marknaden har inte undersökts närmare.", "not_examined"),
    ("Liknande tjänster köps i dag av privata utförare i grannkommunerna", "exists"),
    ("Flera privata aktörer erbjuder läxhjälp. Det finns en marknad för detta.", "exists"),
    ("Det finns en potentiell marknad för tjänsten.", "exists"),
    ("Grannkommunen upphandlar samma stöd sedan 2022.", "exists"),
    ("Andra kommuner köper motsvarande insats av bemanningsföretag.", "exists"),
    ("Det finns privata aktörer, men ingen av dem arbetar ideellt.", "exists"),
    ("Det är inte uteslutet att en marknad finns.", "exists"),
    ("Tjänsten kan upphandlas enligt LOU.", "exists"),
    ("Några företag säljer liknande kurser i regionen.", "exists"),
]


@pytest.mark.parametrize("text, verdict", MARKETS, ids=[row[0] for row in MARKETS])
def test_the_market_assessment_is_read_with_what_its_negation_applies_to(text, verdict):
    reading = market_reading(text)
    assert (reading[0] if reading else None) == verdict
