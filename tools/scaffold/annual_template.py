"""The text of the annual agreement template (Årlig överenskommelse).

Simpler than an IOP: the parties, the purpose, what the organisation does, what the
municipality contributes, the term, follow-up, termination and signatures.
"""

from __future__ import annotations

from tools.scaffold import blocks
from tools.scaffold.ooxml import body, clause, h1, tag

NAME = "Årlig överenskommelse"


def _parties_and_purpose() -> str:
    return "".join((
        h1("Parter"),
        blocks.parties(),
        clause("Kommunens kontaktperson för överenskommelsen nås på "
               "{{ responsible_email|default(department.email, true) }}. Organisationen meddelar "
               "kommunen skriftligen vem som är dess kontaktperson."),
        h1("Syfte"),
        body("{{ purpose|paragraphs }}"),
        tag("{%p if background %}"),
        body("{{ background|paragraphs }}"),
        tag("{%p endif %}"),
    ))


def _organisation() -> str:
    return "".join((
        h1("Organisationens verksamhet och åtaganden"),
        tag("{%p if activities %}"),
        body("{{ activities|paragraphs }}"),
        tag("{%p endif %}"),
        body("Organisationen bidrar med följande till verksamheten."),
        blocks.resources_table("organisation_resources", with_party=False),
        clause("Organisationen ansvarar själv för verksamheten och för att den bedrivs i enlighet "
               "med demokratins idéer, däribland jämställdhet och förbudet mot diskriminering, och "
               "med gällande lagar."),
        clause("Organisationen informerar kommunen utan dröjsmål om förändringar som påverkar "
               "verksamheten eller förutsättningarna för överenskommelsen."),
    ))


def _contribution() -> str:
    return "".join((
        h1("Kommunens bidrag"),
        body("Kommunen bidrar med följande till verksamheten. Belopp anges i svenska kronor."),
        blocks.resources_table("municipality_resources", with_party=False),
        clause("Kommunens ekonomiska bidrag betalas ut i förskott till det konto som organisationen "
               "anger, senast en månad efter att överenskommelsen har börjat gälla."),
        clause("Bidraget får bara användas för verksamheten enligt denna överenskommelse. Medel som "
               "inte har använts för det ändamålet ska betalas tillbaka till kommunen."),
        clause("Bidraget är inte ersättning för tjänster och knyts inte till antalet deltagare eller "
               "till utförda prestationer."),
    ))


def _term_and_follow_up() -> str:
    return "".join((
        h1("Avtalstid"),
        clause("Överenskommelsen gäller från och med den {{ start_date|long_date }} till och med "
               "den {{ end_date|long_date }}."),
        tag("{%p if predecessor %}"),
        clause("Överenskommelsen ersätter överenskommelsen {{ predecessor.title }} "
               '(diarienummer {{ predecessor.case_number|default("saknas", true) }}).'),
        tag("{%p endif %}"),
        clause("Överenskommelsen upphör vid avtalstidens slut utan föregående uppsägning. En ny "
               "överenskommelse för kommande år förutsätter ett nytt beslut och att "
               "{{ department.committee }} anvisar medel för den."),
        h1("Uppföljning"),
        body("{{ follow_up_description|paragraphs }}"),
        blocks.dated_table("follow_ups", "Uppföljning", "Inga uppföljningstillfällen har angetts."),
        clause("Organisationen lämnar senast tre månader efter avtalstidens slut en "
               "verksamhetsberättelse och en ekonomisk redovisning som visar hur kommunens bidrag "
               "har använts, och på begäran revisionsberättelse och årsmötesprotokoll."),
        clause("Handlingar som organisationen lämnar till kommunen blir allmänna handlingar och kan "
               "lämnas ut enligt tryckfrihetsförordningen och offentlighets- och sekretesslagen "
               "(2009:400)."),
    ))


def _termination() -> str:
    return "".join((
        h1("Uppsägning och upphörande"),
        tag("{%p if notice_period_months %}"),
        clause("Vardera parten får säga upp överenskommelsen skriftligen med en uppsägningstid om "
               "{{ notice_period_months|months }}. En uppsägning som görs senast den "
               "{{ notice_deadline|long_date }} får verkan senast vid avtalstidens slut."),
        tag("{%p endif %}"),
        clause("Kommunen får säga upp överenskommelsen till omedelbart upphörande om organisationen "
               "väsentligt bryter mot den, använder bidraget i strid med den eller lämnar oriktiga "
               "uppgifter. Organisationen ska då betala tillbaka den del av bidraget som avser "
               "tiden efter upphörandet eller som inte har använts för det avtalade ändamålet."),
        clause("Ändringar av och tillägg till överenskommelsen ska göras skriftligen och "
               "undertecknas av båda parter. Tvister som parterna inte kan lösa genom dialog avgörs "
               "av allmän domstol med tillämpning av svensk rätt."),
    ))


def body_xml() -> str:
    return "".join((
        blocks.title_block(NAME),
        _parties_and_purpose(),
        _organisation(),
        _contribution(),
        _term_and_follow_up(),
        _termination(),
        blocks.signatures(),
    ))
