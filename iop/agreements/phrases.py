"""Reading what officers write: payment per unit, and what a market assessment says about a market.

Plain Swedish read clause by clause, so that a negation counts only for what it governs:
"Ersättning betalas inte per deltagare" and "Det finns ingen marknad" pass, while
"Det finns privata aktörer, men ingen av dem arbetar ideellt" still says providers exist.
The phrasings are those the municipal guidance warns about (SKR, Göteborg, Malmö) and the
case that defined them: Kammarrätten i Göteborg, mål 3556-18 (HFD 2020 ref. 15, Alingsås).
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# Sentences end at . ! ? and line breaks (a full stop inside "2 kap." or "t.ex." is harmless here);
# clauses also at ; and : and where "men", "dock" or "däremot" turn the sentence.
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")
_CLAUSES = re.compile(r"[;:]|,?\s+\b(?:men|dock|däremot|samtidigt som)\b\s+", _I)

_NEGATION = re.compile(
    r"\b(ingen|inget|inga|inte|ej|icke|aldrig|varken|saknas|saknar|saknades|obefintlig\w*|"
    r"enda|ensam|ensamma|endast föreningen|bara föreningen|utesluten|utesluts)\b", _I)
# "Not excluded" denies a denial: a market may exist.
_DOUBLE_NEGATION = re.compile(r"\b(inte|ej)\s+(\w+\s+)?(uteslut\w*|omöjlig\w*|otänkbar\w*)|"
                              r"\bkan\s+inte\s+uteslutas\b", _I)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCES.split(text or "") if s and s.strip()]


def clauses(sentence: str) -> list[str]:
    return [c.strip() for c in _CLAUSES.split(sentence) if c and c.strip()]


# --- payment per unit -------------------------------------------------------------------------

# What a unit price is counted in: a person served, a visit, an hour, a session, a place.
_UNITS = (r"deltagare|deltagarna|kursdeltagare|elev|elever|eleven|barn|barnet|ungdom|ungdomar|brukare|"
          r"besök|besökare|besöket|person|personer|individ|individer|klient|klienter|familj|familjer|"
          r"timme|timma|tim|h|deltagartimme|lektion|lektioner|tillfälle|tillfällen|pass|träff|träffar|"
          r"aktivitet|aktiviteter|insats|insatser|samtal|ärende|ärenden|placering|placeringar|plats|"
          r"platser|vårddygn|dygn|natt|nätter|kurs|kurser|grupp|utbildning|utbildningar|"
          r"prestation|tjänst|tjänster|styck|st")
# Words officers put between "per" and the unit: "per deltagande elev", "per påbörjad timme".
_UNIT_ATTRIBUTES = (r"deltagande|inskriven|inskrivet|inskrivna|närvarande|utförd|utfört|utförda|"
                    r"påbörjad|påbörjat|genomförd|genomfört|genomförda|levererad|levererat|"
                    r"faktisk|faktiskt|nyanländ|nyanlänt|nyanlända|enskild|enskilt|ny|nytt|nya")
_PER_UNIT = re.compile(
    rf"\b(per|för\s+varje|för\s+varje\s+ny)\s+((?:{_UNIT_ATTRIBUTES})\s+)?(?:{_UNITS})\b"
    rf"|\bkr(?:onor)?\s*/\s*(?:{_UNITS})\b"
    rf"|\b(kr|kronor|sek)\s+(i\s+)?timmen\b"
    rf"|\bper\s+capita\b"
    r"|\b(utifrån|efter|baserat\s+på|beroende\s+på|i\s+förhållande\s+till|i\s+proportion\s+till)\s+"
    r"(det\s+)?(\w+\s+)?antal(et)?\s+(\w+\s+)?(deltagare|elever|besök|besökare|timmar|tillfällen|barn|"
    r"ungdomar|brukare|platser|insatser|aktiviteter)\b", _I)
# Words that name a unit price whatever stands around them.
_UNIT_PRICE = re.compile(
    r"\b(tim|styck|deltagar|elev|besöks|platsl?|prestations|volym)"
    r"(pris|priset|taxa|taxan|ersättning|ersättningen|arvode|arvodet|peng|pengen)\b"
    r"|\b[àáa]-?pris\w*|\bà\s+pris\b"
    r"|\b(ersättning|ersättningen|betalning|betalningen|arvode|arvodet|pris|priset)\s+"
    r"(utgår\s+|betalas\s+|ges\s+|lämnas\s+)?(per|för\s+varje)\s+(?!år\b|året\b|månad|kvartal|halvår|"
    r"termin|vecka|läsår|verksamhetsår|kalenderår|avtalsår|avtalsperiod|period)\w+", _I)
# Money in the sentence: a unit phrase elsewhere than in the money itself needs it to be a price.
_MONEY = re.compile(r"\b(kr|kronor|sek|ersätt\w*|betal\w*|arvod\w*|pris\w*|bidrag\w*|avgift\w*|"
                    r"faktur\w*|utbetal\w*)\b|\d\s*:-", _I)
_NOT_PRICE = re.compile(r"\b(inte|ej|ingen|inget|inga|icke|aldrig|utan)\b", _I)


def per_unit_phrase(text: str | None, *, about_money: bool) -> str | None:
    """The first phrase that prices a unit delivered, unless its own clause denies it.

    `about_money`: the text describes a payment (a money resource, the payment terms), so
    "per deltagare" alone is a price; elsewhere (the purpose) the clause must mention money.
    """
    for sentence in sentences(text or ""):
        for clause in clauses(sentence):
            match = _UNIT_PRICE.search(clause)
            if match is None:
                match = _PER_UNIT.search(clause)
                if match is None or not (about_money or _MONEY.search(clause)):
                    continue
            if _NOT_PRICE.search(clause[:match.start()]):
                continue  # "inte per deltagare", "ingen timersättning", "utan ersättning per besök"
            return match.group(0)
    return None


# --- the market assessment --------------------------------------------------------------------

# The officer says the market was not looked at (or not yet): the assessment is missing in substance.
_NOT_EXAMINED = re.compile(
    r"\b(inte|ej|aldrig)\s+(\w+\s+){0,3}?(undersök\w*|utrett|utretts|utredd|kartlag\w*|"
    r"kartlägg\w*|analyser\w*|tittat|prövats|sett\s+över|granskat|granskats)"
    r"|\b(inte|ej|aldrig)\s+(\w+\s+){0,2}?(gjort|gjorts|genomfört|genomförts)\s+(\w+\s+)?"
    r"(marknads)?(analys|undersökning|utredning|kartläggning|bedömning|prövning)"
    r"|\b(ingen|någon)\s+(marknads)?(analys|undersökning|utredning|kartläggning|bedömning|prövning)"
    r"\w*\s+(har\s+|är\s+)?(inte\s+)?(gjorts|gjord|genomförts|genomförd|skett)"
    r"|\b(okänt|oklart|osäkert|vet\s+inte|vet\s+ej|ej\s+känt|inte\s+känt)\b"
    r"|\b(ska|skall|kommer\s+att|behöver)\s+(\w+\s+)?(undersökas|utredas|kartläggas|analyseras|göras)"
    r"|\b(undersöks|utreds|görs)\s+(senare|längre\s+fram|vid\s+behov)", _I)
# The word itself, not compounds such as "marknadsbedömning".
_MARKET_WORD = re.compile(r"\bmarknad(en|er|erna)?\b|\bmarknadsmässig\w*|\bkonkurrens\w*|"
                          r"\bkonkurrer\w*|\bupphandl\w*|\bLOU\b", re.IGNORECASE)
# Providers that make a market without the word: private or commercial ones, and other buyers.
_PRIVATE_PROVIDER = re.compile(
    r"\b(privat\w*|kommersiell\w*|vinstdrivande)\s+(\w+\s+)?(aktör\w*|utförare\w*|leverantör\w*|"
    r"företag\w*|bolag\w*|alternativ\w*|anordnare\w*|verksamhet\w*|vårdgivare\w*|konsult\w*)"
    r"|\b(bemannings|konsult|utbildnings|vård|omsorgs)företag\w*|\bentreprenör\w*|\banbudsgivare\b", _I)
_PROVIDER = re.compile(r"\b(aktör\w*|utförare\w*|leverantör\w*|anordnare\w*|företag\w*|bolag\w*)\b", _I)
_OTHER_BUYERS = re.compile(r"\b(andra|flera|övriga|närliggande|angränsande)\s+kommuner\w*|"
                           r"\bgrannkommun\w*|\bregionen\b|\bkommuner\s+i\s+(regionen|länet)", _I)
_TRADE = re.compile(r"\b(köp\w*|säljs|säljer|såld\w*|upphandl\w*|erbjud\w*|tillhandahåll\w*|"
                    r"levererar|utför|utförs|anlitar|anlitas|betalar|finns|bedriver|bedrivs|driver|"
                    r"verksamma?|konkurrer\w*|avtal\w*)\b", _I)
# What other municipalities do that makes them buyers.
_BUY = re.compile(r"\b(köp\w*|upphandl\w*|anlitar|anlitat|betalar|avtal\s+med|avropar|avropat)\b", _I)


def market_reading(text: str | None) -> tuple[str, str] | None:
    """What the assessment says against a partnership: ("not_examined" | "exists", the sentence)."""
    exists = None
    for sentence in sentences(text or ""):
        for clause in clauses(sentence):
            if _NOT_EXAMINED.search(clause):
                return "not_examined", sentence
            if exists is None and _says_a_market_exists(clause):
                exists = sentence
    return ("exists", exists) if exists else None


def _says_a_market_exists(clause: str) -> bool:
    about_market = (_MARKET_WORD.search(clause) or _PRIVATE_PROVIDER.search(clause)
                    or (_PROVIDER.search(clause) and _TRADE.search(clause))
                    or (_OTHER_BUYERS.search(clause) and _BUY.search(clause)))
    if not about_market:
        return False
    if _DOUBLE_NEGATION.search(clause):
        return True
    return not _NEGATION.search(clause)
