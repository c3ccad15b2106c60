"""Demo agreements for Sjöstad, in every state, dated around today so reminders fall due.

Here, not in iop/agreements, because a signed agreement has been through legal review:
the demo drafts, reviews and signs, and reviews sits above agreements in the package order.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from iop import clock
from iop.agreements import services, transitions
from iop.agreements.documents import document_for
from iop.auth.models import User
from iop.extensions import db
from iop.months import add_months
from iop.organisations.models import Organisation
from iop.reviews.services import review_agreement

SIGNATORIES = {
    "KFF": {"party": "municipality", "name": "Anders Berglund", "title": "Kultur- och fritidsdirektör"},
    "SOC": {"party": "municipality", "name": "Maria Sundberg", "title": "Socialdirektör"},
}


def _user(email: str) -> User:
    return db.session.scalar(sa.select(User).filter_by(email=email))


def _organisation(number: str) -> Organisation:
    return db.session.scalar(sa.select(Organisation).filter_by(org_number=number))


def _sign(agreement, officer: User, lawyer: User, signed_on: date, signer: dict) -> None:
    transitions.submit_agreement(agreement=agreement, actor=officer)
    review_agreement(agreement=agreement, reviewer=lawyer, decision="approve", revision=agreement.revision,
                     document_sha256=document_for(agreement).sha256,
                     comment="Granskad mot kommunens riktlinjer för IOP.")
    contact = agreement.parties[0].organisation.contacts[0]
    transitions.activate_agreement(agreement=agreement, actor=officer, signed_on=signed_on, signatories=[
        SIGNATORIES[agreement.department.code],
        {"party": "organisation", "name": contact.name, "title": contact.title or ""}])


def _decision(body: str, case_number: str, start: date, section: str) -> dict:
    """The committee's decision an agreement rests on, a month before it starts."""
    return {"decision_body": body, "decision_date": add_months(start, -1), "decision_section": section,
            "decision_case_number": case_number}


def _iop(title, case_number, organisation, start, end, money, hours, **text) -> dict:
    return {
        "template": "iop", "title": title, "case_number": case_number, "organisations": [organisation.id],
        "start_date": start, "end_date": end, "notice_period_months": 6, "extension_months": 12,
        "max_extensions": 1,
        "resources": [
            {"party": "municipality", "type": "money", "description": "Bidrag till verksamheten",
             "amount_sek": money, "per": "year"},
            {"party": "municipality", "type": "premises", "description": "Lokal i kommunens fastighet",
             "per": "year"},
            {"party": "organisation", "type": "volunteer_hours", "description": "Ideella insatser",
             "hours": hours, "per": "year"}],
        "follow_ups": [{"date": add_months(start, 6), "title": "Halvårsuppföljning"},
                       {"date": add_months(start, 12), "title": "Årlig utvärdering"}],
        **text,
    }


def load_agreements() -> list[str]:
    """Six agreements: signed, in review, a draft, an ending annual agreement and its renewal."""
    today = clock.today()
    kff, soc, lawyer = (_user("handlaggare.kff@sjostad.example"), _user("handlaggare.soc@sjostad.example"),
                        _user("jurist@sjostad.example"))
    laxhjalpen, tranan, ifk, roda_korset, grona = (_organisation(n) for n in (
        "802456-1238", "802409-1285", "802012-3454", "802500-7314", "559012-4581"))
    year_start = date(today.year, 1, 1)

    homework = services.draft_agreement(author=kff, **_iop(
        "Läxhjälp och föräldrastöd i Norra Sjöstad", "KFN 2025/0117", laxhjalpen,
        add_months(today, -23), add_months(today, 7), 250000, 1200,
        challenge="Färre elever i Norra Sjöstad når gymnasiebehörighet än i kommunen som helhet.",
        purpose="Att fler elever når gymnasiebehörighet och att fler föräldrar kan stödja skolgången.",
        added_value="Föreningens volontärer har språkkunskaper och ett förtroende i området som "
                    "kommunen inte själv kan skapa eller köpa.",
        market_assessment="Det finns ingen fungerande marknad för ideellt buren läxhjälp med "
                          "föräldrastöd i området; insatsen bygger på frivilliga krafter.",
        background="Föreningen har sedan 2019 drivit läxhjälp med volontärer i Norra Sjöstad.",
        governance="En styrgrupp med två företrädare för varje part möts fyra gånger per år.",
        **_decision("Kultur- och fritidsnämnden", "KFN 2025/0117", add_months(today, -23), "§ 87")))
    _sign(homework, kff, lawyer, add_months(today, -24), SIGNATORIES["KFF"])

    shelter = services.draft_agreement(author=soc, **_iop(
        "Skyddat boende och stödsamtal för våldsutsatta", "SN 2025/0342", tranan,
        year_start, add_months(year_start, 36), 1400000, 3000,
        challenge="Våldsutsatta kvinnor och barn behöver skydd och stöd dygnet runt.",
        purpose="Att våldsutsatta snabbt får skydd och stöd att bygga ett liv utan våld.",
        added_value="Jourens ideella stödpersoner och erfarenhetsbaserade kunskap.",
        market_assessment="Det finns ingen fungerande marknad för ideellt buren jourverksamhet i kommunen.",
        payment_terms="quarterly_in_advance", processes_personal_data=True,
        **_decision("Socialnämnden", "SN 2025/0342", year_start, "§ 142")))
    _sign(shelter, soc, lawyer, add_months(year_start, -1), SIGNATORIES["SOC"])

    hall = services.draft_agreement(author=kff, template="annual",
                                    title=f"Årlig överenskommelse {today.year} – öppen idrottshall",
                                    case_number=f"KFN {today.year - 1}/0451",
                                    organisations=[ifk.id], start_date=year_start,
                                    end_date=date(today.year, 12, 31), notice_period_months=1,
                                    payment_terms="yearly_in_advance",
                                    **_decision("Kultur- och fritidsnämnden", f"KFN {today.year - 1}/0451",
                                                year_start, "§ 203"),
                                    purpose="Öppen idrottshall för unga fredag och lördag kväll.",
                                    resources=[{"party": "municipality", "type": "money",
                                                "amount_sek": 180000, "per": "year"},
                                               {"party": "organisation", "type": "volunteer_hours",
                                                "hours": 400, "per": "year"}])
    _sign(hall, kff, lawyer, add_months(year_start, -1), SIGNATORIES["KFF"])
    transitions.renew_agreement(agreement=hall, actor=kff, start_date=date(today.year + 1, 1, 1),
                                end_date=date(today.year + 1, 12, 31),
                                title=f"Årlig överenskommelse {today.year + 1} – öppen idrottshall")

    language = services.draft_agreement(author=kff, **_iop(
        "Språkcafé för nyanlända", "KFN 2026/0210", roda_korset, add_months(today, 2),
        add_months(today, 26), 120000, 900,
        challenge="Nyanlända saknar mötesplatser där de kan öva svenska i vardagen.",
        purpose="Fler nyanlända ska få träffa etablerade sjöstadsbor och öva svenska.",
        added_value="Röda Korsets volontärnätverk och erfarenhet av språkcaféer.",
        market_assessment="Det finns ingen marknad: verksamheten bygger helt på frivilliga."))
    transitions.submit_agreement(agreement=language, actor=kff)

    services.draft_agreement(author=soc, template="iop", title="Arbetsträning genom stadsodling",
                             organisations=[grona.id], start_date=add_months(today, 3),
                             challenge="Långtidsarbetslösa behöver en väg tillbaka till arbete.")
    db.session.flush()
    return []
