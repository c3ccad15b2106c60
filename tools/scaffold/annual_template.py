"""The text of the annual agreement template (Årlig överenskommelse).

Simpler than an IOP: the parties, the legal basis and decision, the purpose, what the
organisation does, what the municipality contributes and when it pays, the term, follow-up
and reports, termination, the shared clauses and a signature line per signatory.
"""

from __future__ import annotations

from tools.scaffold import blocks, clauses
from tools.scaffold.iop_template import termination
from tools.scaffold.ooxml import body, clause, section, tag

NAME = "Årlig överenskommelse"

CONDITIONS = {
    "utbetalning": "municipality_pays",
    "personuppgiftsbitrade": "processes_personal_data",
}


def _parties_and_purpose() -> str:
    return "".join((
        section("parter", "Parter"),
        blocks.parties(),
        clause("Kommunens kontaktperson för överenskommelsen nås på "
               "{{ responsible_email|default(department.email, true) }}. Organisationen meddelar "
               "kommunen skriftligen vem som är dess kontaktperson."),
        clauses.legal_basis(),
        section("syfte", "Syfte"),
        body("{{ purpose|paragraphs }}"),
        clauses.no_placeholder("background"),
    ))


def _organisation() -> str:
    return "".join((
        section("verksamhet", "Organisationens verksamhet och åtaganden"),
        clauses.no_placeholder("activities"),
        tag("{%p if organisation_resources %}"),
        body("Organisationen bidrar med följande till verksamheten."),
        blocks.resources_table("organisation_resources"),
        tag("{%p endif %}"),
        clause("Organisationen ansvarar själv för verksamheten och för att den bedrivs i enlighet "
               "med demokratins idéer, däribland jämställdhet och förbudet mot diskriminering, och "
               "med gällande lagar."),
        clause("Organisationen informerar kommunen utan dröjsmål om förändringar som påverkar "
               "verksamheten eller förutsättningarna för överenskommelsen."),
    ))


def _contribution() -> str:
    return "".join((
        section("bidrag", "Kommunens bidrag"),
        body("Kommunen bidrar med följande till verksamheten. Belopp anges i svenska kronor."),
        blocks.resources_table("municipality_resources"),
        clause("Bidraget får bara användas för verksamheten enligt denna överenskommelse. Medel som "
               "inte har använts för det ändamålet ska betalas tillbaka till kommunen."),
        clause("Bidraget är ett stöd till organisationens verksamhet och inte ersättning för "
               "tjänster. Det får inte bestämmas per deltagare, per timme eller per utförd prestation."),
    ))


def _term_and_follow_up() -> str:
    return "".join((
        section("avtalstid", "Avtalstid"),
        clause("Överenskommelsen gäller från och med den {{ start_date|long_date }} till och med "
               "den {{ end_date|long_date }}, under förutsättning att den har blivit gällande "
               "enligt avsnittet Rättslig grund och beslut."),
        tag("{%p if predecessor %}"),
        clause("Överenskommelsen ersätter överenskommelsen {{ predecessor.title }}"
               "{% if predecessor.case_number %} (diarienummer {{ predecessor.case_number }}){% endif %}."),
        tag("{%p endif %}"),
        clause("Överenskommelsen upphör vid avtalstidens slut utan föregående uppsägning. En ny "
               "överenskommelse för kommande år förutsätter ett nytt beslut av "
               "{{ department.committee }}."),
        section("uppfoljning", "Uppföljning, redovisning och insyn"),
        clauses.no_placeholder("follow_up_description"),
        tag("{%p if follow_ups %}"),
        body("Verksamheten följs upp vid följande tillfällen."),
        blocks.dated_table("follow_ups", "Uppföljning"),
        tag("{%p endif %}"),
        clause("Organisationen lämnar senast tre månader efter avtalstidens slut en redovisning av "
               "verksamheten och av hur kommunens bidrag har använts."),
        clauses.reporting(),
    ))


def body_xml() -> str:
    return "".join((
        blocks.title_block(NAME),
        _parties_and_purpose(),
        _organisation(),
        _contribution(),
        clauses.payment(),
        _term_and_follow_up(),
        termination(repay="Upphör överenskommelsen i förtid ska organisationen betala tillbaka den "
                          "del av bidraget som avser tiden efter upphörandet eller som inte har "
                          "använts för det avtalade ändamålet.", subject="samarbetet"),
        clauses.confidentiality("samarbetet"),
        clauses.data_processing("samarbetet"),
        clauses.liability(),
        clauses.changes("samarbetet"),
        clauses.annexes_and_disputes(),
        blocks.signatures(),
    ))
