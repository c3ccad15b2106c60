"""Demo initiatives for Sjöstad: one in the network's queue, one overdue, one assigned, one closed.

Dates are counted back from the day the demo is loaded, so the overdue one is overdue
whenever `iop demo` runs, and each step is taken on the day it would have been.
"""

from __future__ import annotations

from flask import current_app

from iop import clock
from iop.agreements.models import Agreement
from iop.auth.services import get_user
from iop.extensions import db
from iop.initiatives import services, transitions
from iop.organisations.models import Organisation
from iop.workdays import working_days_before

COORDINATOR = "samordnare@sjostad.example"
OFFICER_KFF = "handlaggare.kff@sjostad.example"
OFFICER_SOC = "handlaggare.soc@sjostad.example"


def _organisation_id(name: str) -> int:
    return db.session.scalar(db.select(Organisation.id).filter_by(name=name))


def _on(days_ago: int):
    """Act as if it were `days_ago` working days before today."""
    tz = current_app.config["TIMEZONE"]
    return clock.frozen_at(working_days_before(clock.today(tz), days_ago), tz)


def _register(by: str, days_ago: int, **data):
    with _on(days_ago):
        return services.register_initiative(by=get_user(email=by), **data)


def _step(by: str, days_ago: int, initiative, **step):
    with _on(days_ago):
        transitions.transition_initiative(initiative=initiative, by=get_user(email=by), **step)


def load_initiatives() -> list[str]:
    """Five initiatives at different points on their way, with notes."""
    homework = _register(OFFICER_SOC, 3, title="Läxhjälp och föräldraträffar i Hamnområdet",
              description="Föreningen vill starta läxhjälp tre kvällar i veckan i skolans lokaler och "
                          "samtidigt erbjuda föräldraträffar med tolk. De söker lokaler, samverkan med "
                          "skolan och stöd till fika och tolkar.",
              organisation_id=_organisation_id("Läxhjälpen i Sjöstad"), departments=["BUF", "SOC"],
              municipal_matter=True, contact_name="Lena Lind", contact_email="lena.lind@laxhjalpen.example")
    services.update_initiative(initiative=homework, by=get_user(email=OFFICER_SOC), gender_equality=(
        "Läxhjälpen är öppen för alla elever; föräldraträffarna ska nå både mammor och pappor, och "
        "föreningen frågar efter tolk till båda."))
    _register(OFFICER_KFF, 25, title="Spontanidrott i Norrbyhallen på fredagskvällar",
              description="IFK Sjöstad vill hålla Norrbyhallen öppen för spontanidrott för unga fredagar "
                          "19–23 med egna ledare, och frågar om kommunen kan stå för hallhyran.",
              organisation_id=_organisation_id("IFK Sjöstad"), departments=["KFF"], municipal_matter=True,
              contact_name="Erik Berg", contact_email="kansli@ifksjostad.example")
    meeting_place = _register(
        OFFICER_SOC, 12, title="Mötesplats för äldre i Stadsmissionens lokaler",
        description="Stadsmissionen erbjuder en öppen mötesplats med lunch för ensamma äldre två dagar i "
                    "veckan och vill göra det tillsammans med kommunen.",
        organisation_id=_organisation_id("Sjöstads Stadsmission"), departments=["ALF", "OMF"],
        municipal_matter=True, contact_name="Per Holm")
    _step(COORDINATOR, 8, meeting_place, action="assign", department="ALF",
          note="Nätverket 12/3: Äldreförvaltningen leder, Omsorgsförvaltningen är med som medägare.")
    shelter = _register(
        OFFICER_SOC, 30, title="Stödlinje och skyddat boende för våldsutsatta kvinnor",
        description="Kvinnojouren Tranan föreslår ett långsiktigt partnerskap om stödlinje, skyddat "
                    "boende och stödsamtal, där jourens ideella stödpersoner är ett mervärde som "
                    "kommunen inte kan köpa.",
        organisation_id=_organisation_id("Kvinnojouren Tranan"), departments=["SOC"],
        municipal_matter=True, contact_name="Sofia Ahmed", contact_email="ordforande@tranan.example")
    _step(OFFICER_SOC, 27, shelter, action="assign", department="SOC")
    _step(OFFICER_SOC, 15, shelter, action="close", outcome="agreement",
          agreement_id=db.session.scalar(db.select(Agreement.id).filter_by(case_number="SN 2025/0342")),
          note="Vi går vidare med en IOP om skyddat boende och stödsamtal.")
    services.update_initiative(initiative=shelter, by=get_user(email=OFFICER_SOC), gender_equality=(
        "Initiativet gäller våldsutsatta kvinnor och deras barn, flickor och pojkar; stödlinjen tar emot "
        "samtal från alla som utsätts för våld i nära relation."))
    cleanup = _register(
        OFFICER_KFF, 2, title="Skräpplockardag och naturstig vid Sjöviken",
        description="Föreningen vill ordna en skräpplockardag och sätta upp skyltar för en naturstig "
                    "på kommunens mark. Oklart om det är en fråga för kommunen eller markägaren.",
        organisation_id=_organisation_id("Naturskyddsföreningen i Sjöstad"), departments=[],
        municipal_matter=None, contact_name="Karl Ström")
    with _on(1):
        services.add_note(initiative=cleanup, by=get_user(email=COORDINATOR),
                          text="Kollar med samhällsbyggnad vem som äger marken vid Sjöviken.")
    return []
