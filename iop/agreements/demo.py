"""Demo municipal goals for Sjöstad, and the signed agreements tagged with them, each with a
statement on how it concerns girls and boys, women and men: so the yearly report's Kommunala mål
and Jämställdhet read as they would in a municipality that uses them."""

from __future__ import annotations

import sqlalchemy as sa

from iop import clock
from iop.agreements import goals
from iop.agreements.models import Agreement
from iop.auth.services import get_user
from iop.extensions import db

ADMIN = "admin@sjostad.example"
GOALS = [
    (1, "Barn och unga lyckas i skolan och har en meningsfull fritid",
     "Alla barn och unga ska nå målen i skolan och ha tillgång till en aktiv fritid, oavsett bakgrund."),
    (2, "En trygg kommun där ingen utsätts för våld",
     "Sjöstad ska vara tryggt att bo och vistas i, och den som utsätts för våld ska få skydd och stöd."),
    (3, "Ett rikt kultur-, förenings- och idrottsliv för alla",
     "Föreningslivet ska vara starkt och öppet, och kultur och idrott ska nå alla sjöstadsbor."),
    (4, "Fler i egen försörjning och ett inkluderande samhälle",
     "Fler ska komma i arbete eller studier, och nyanlända ska snabbt bli en del av samhället."),
    (5, "Äldre lever ett aktivt liv med gemenskap",
     "Äldre ska kunna leva ett självständigt liv med möjlighet till gemenskap och meningsfull tid."),
]
# (case number, officer, goal numbers, statement on gender equality)
TAGS = [
    ("KFN 2025/0117", "handlaggare.kff@sjostad.example", (1, 4),
     "Läxhjälpen når ungefär lika många flickor som pojkar (läsåret 2025/26: 46 flickor och 41 pojkar). "
     "Föräldraträffarna når mest mammor; föreningen lägger fler träffar på kvällar och helger för att "
     "också nå pappor."),
    ("SN 2025/0342", "handlaggare.soc@sjostad.example", (2,),
     "Skyddat boende tar emot kvinnor och deras barn, flickor och pojkar; stödsamtalen är öppna för alla "
     "som utsatts för våld i nära relation, och män hänvisas också till Brottsofferjouren."),
]
# The year's annual agreement for the sports hall (its case number is of the year before).
HALL = ("handlaggare.kff@sjostad.example", (1, 3),
        "Förra året var sju av tio besökare pojkar. Föreningen har infört en tjejkväll varannan fredag med "
        "kvinnliga ledare, så att fler flickor kommer till hallen.")


def load_goals() -> list[str]:
    """Five goals; the signed agreements tagged, with their statements; the agreement in review tagged."""
    admin = get_user(email=ADMIN)
    made = {number: goals.create_goal(by=admin, number=number, name=name, description=description)
            for number, name, description in GOALS}
    hall = (f"KFN {clock.today().year - 1}/0451", *HALL)
    for case_number, officer, numbers, statement in [*TAGS, hall]:
        agreement = db.session.scalar(sa.select(Agreement).filter_by(case_number=case_number))
        goals.set_agreement_goals(agreement=agreement, by=get_user(email=officer),
                                  goal_ids=[made[n].id for n in numbers], gender_equality=statement)
    language = db.session.scalar(sa.select(Agreement).filter_by(case_number="KFN 2026/0210"))
    goals.set_agreement_goals(agreement=language, by=get_user(email="handlaggare.kff@sjostad.example"),
                              goal_ids=[made[4].id])
    return []
