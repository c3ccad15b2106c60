"""The text of the IOP template (Idéburet offentligt partnerskap).

One section for each part that Swedish IOP guidance asks an agreement to contain (SKR,
Uddevalla, Malmö, Göteborg), the agreement's own text from the data, and the clauses a
municipal lawyer expects: legal basis and decision, no procurement under LOU (HFD 2020 ref. 15),
state aid as the officer's market assessment says, payment terms, use and repayment of funds,
reports and insight, notice fitted to the term, confidentiality and personal data, liability
and force majeure, annexes, disputes, and a signature line per signatory.
"""

from __future__ import annotations

from tools.scaffold import blocks, clauses
from tools.scaffold.ooxml import body, clause, section, tag

NAME = "Idéburet offentligt partnerskap"

# The manifest's conditions: a section is in the document only when its condition holds.
CONDITIONS = {
    "utbetalning": "municipality_pays",
    "personuppgiftsbitrade": "processes_personal_data",
}


def _background() -> str:
    return "".join((
        section("bakgrund", "Bakgrund och gemensamma värderingar"),
        clauses.no_placeholder("background"),
        clause("Överenskommelsen är ett idéburet offentligt partnerskap (IOP): parterna möter "
               "tillsammans en samhällsutmaning och bidrar var och en med egna resurser till ett "
               "gemensamt mål."),
        clause("Partnerskapet bygger på de principer för samverkan mellan det offentliga och den "
               "idéburna sektorn som regeringen, Sveriges Kommuner och Regioner (SKR) och idéburna "
               "organisationer har enats om: självständighet och oberoende, dialog, kvalitet, "
               "långsiktighet, öppenhet och insyn samt mångfald."),
        clause("Organisationen är självständig i förhållande till kommunen. Partnerskapet inskränker "
               "inte organisationens rätt att fritt driva opinion och att framföra kritik, även mot "
               "kommunen."),
    ))


def _aims() -> str:
    return "".join((
        section("utmaning", "Samhällsutmaningen"),
        body("{{ challenge|paragraphs }}"),
        section("syfte", "Mål och syfte"),
        body("{{ purpose|paragraphs }}"),
        section("mervarde", "Organisationens mervärde och egna engagemang"),
        body("{{ added_value|paragraphs }}"),
        clause("Parterna är ense om att detta mervärde förutsätter organisationens ideella "
               "förankring och engagemang."),
        clause("Organisationen bidrar med egna resurser, i första hand ideella insatser, enligt "
               "avsnittet Parternas resurser och åtaganden."),
    ))


def _governance() -> str:
    return "".join((
        section("styrning", "Organisation och styrning"),
        clauses.no_placeholder("governance"),
        clause("Varje part utser en kontaktperson för partnerskapet och meddelar den andra parten "
               "skriftligen vem det är. Kommunens kontaktperson nås på "
               "{{ responsible_email|default(department.email, true) }}."),
        clause("Parterna informerar varandra i god tid om förändringar som kan påverka "
               "partnerskapet."),
    ))


def _market() -> str:
    return "".join((
        section("marknad", "Marknadsbedömning och statligt stöd"),
        body("Kommunens bedömning av om det finns en marknad för verksamheten:"),
        body("{{ market_assessment|paragraphs }}"),
        clause("Överenskommelsen är ett partnerskap där parterna var för sig bidrar till ett "
               "gemensamt mål, och inte ett offentligt kontrakt enligt 1 kap. 15 § lagen (2016:1145) "
               "om offentlig upphandling (LOU). Kommunen köper inga tjänster av organisationen, och "
               "kommunens bidrag får inte bestämmas per deltagare, per timme eller per utförd "
               "prestation."),
        clause("Parterna är medvetna om att en överenskommelse som i själva verket innebär att "
               "kommunen köper tjänster mot ersättning är ett offentligt kontrakt som ska upphandlas, "
               "även om den kallas idéburet offentligt partnerskap (HFD 2020 ref. 15)."),
        clause("Om kommunens bidrag är statligt stöd enligt artikel 107.1 i fördraget om Europeiska "
               "unionens funktionssätt beror på om verksamheten bedrivs på en marknad, vilket "
               "bedöms enligt marknadsbedömningen ovan. Skulle bidraget ändå anses gynna ekonomisk "
               "verksamhet ska det rymmas inom kommissionens förordning "
               "{% if general_economic_interest %}(EU) 2023/2832 om stöd av mindre betydelse till "
               "företag som tillhandahåller tjänster av allmänt ekonomiskt intresse"
               "{% else %}(EU) 2023/2831 om stöd av mindre betydelse{% endif %}. Organisationen ska "
               "före undertecknandet skriftligen redovisa allt stöd av mindre betydelse som den har "
               "tagit emot under de senaste tre åren."),
        clause("Visar det sig under avtalstiden att en marknad har uppstått för verksamheten ska "
               "parterna ta upp överenskommelsen till omförhandling eller avveckla partnerskapet."),
    ))


def _resources() -> str:
    return "".join((
        section("resurser", "Parternas resurser och åtaganden"),
        body("Parterna bidrar med följande resurser till partnerskapet. Belopp anges i svenska "
             "kronor."),
        blocks.resources_table("resource_groups"),
        clause("Resurserna är parternas bidrag till ett gemensamt mål och inte ersättning för "
               "tjänster."),
        clause("Kommunens resurser får bara användas för partnerskapets syfte enligt denna "
               "överenskommelse. Medel som inte har använts för det ändamålet ska betalas tillbaka "
               "till kommunen."),
        clause("Organisationen för räkenskaper som gör det möjligt att följa hur kommunens "
               "ekonomiska bidrag har använts."),
    ))


def _timeline() -> str:
    return "".join((
        section("tidplan", "Tidplan och milstolpar"),
        body("Partnerskapet pågår från och med den {{ start_date|long_date }} till och med den "
             "{{ end_date|long_date }}."),
        tag("{%p if milestones %}"),
        body("Parterna har kommit överens om följande milstolpar."),
        blocks.dated_table("milestones", "Milstolpe"),
        clause("Kan en milstolpe inte nås i tid ska parterna gemensamt pröva orsakerna och vid "
               "behov ändra tidplanen genom en skriftlig ändring av överenskommelsen."),
        tag("{%p else %}"),
        body("Parterna har inte avtalat om särskilda milstolpar. Hur verksamheten utvecklas följs "
             "upp enligt avsnittet Uppföljning, redovisning och insyn."),
        tag("{%p endif %}"),
    ))


def _follow_up() -> str:
    return "".join((
        section("uppfoljning", "Uppföljning, redovisning och insyn"),
        clauses.no_placeholder("follow_up_description"),
        tag("{%p if follow_ups %}"),
        body("Partnerskapet följs upp vid följande tillfällen."),
        blocks.dated_table("follow_ups", "Uppföljning"),
        tag("{%p else %}"),
        body("Partnerskapet följs upp minst en gång per år, vid ett möte som kommunen kallar till."),
        tag("{%p endif %}"),
        clause("Vid varje uppföljning redovisar organisationen hur verksamheten har utvecklats i "
               "förhållande till målen, hur kommunens resurser har använts och vilka egna resurser "
               "organisationen har bidragit med."),
        clauses.reporting(),
        clause("Parterna utvärderar partnerskapet gemensamt i god tid före avtalstidens slut, som "
               "underlag för beslut om partnerskapet ska förlängas, ändras eller avslutas."),
    ))


def _term() -> str:
    limit = "{% if max_extensions %}, dock högst {{ max_extensions|times }}{% endif %}"
    return "".join((
        section("avtalstid", "Avtalstid och förlängning"),
        clause("Överenskommelsen gäller från och med den {{ start_date|long_date }} till och med "
               "den {{ end_date|long_date }}, under förutsättning att den har blivit gällande "
               "enligt avsnittet Rättslig grund och beslut."),
        tag("{%p if predecessor %}"),
        clause("Överenskommelsen ersätter överenskommelsen {{ predecessor.title }}"
               "{% if predecessor.case_number %} (diarienummer {{ predecessor.case_number }}){% endif %}."),
        tag("{%p endif %}"),
        tag("{%p if extension_months and automatic_extension %}"),
        clause("Har ingen part sagt upp överenskommelsen senast den {{ notice_deadline|long_date }} "
               f"förlängs den med {{{{ extension_months|months }}}} i taget{limit}."),
        tag("{%p elif extension_months %}"),
        clause(f"Överenskommelsen kan förlängas med {{{{ extension_months|months }}}} i taget{limit}, "
               "om parterna är överens om det. En förlängning kräver ett skriftligt beslut av båda "
               "parter innan avtalstiden löper ut."),
        tag("{%p else %}"),
        clause("Överenskommelsen upphör vid avtalstidens slut utan föregående uppsägning. Ett "
               "fortsatt partnerskap förutsätter en ny överenskommelse."),
        tag("{%p endif %}"),
        clause("Före en förlängning eller en ny överenskommelse ska parterna pröva om "
               "förutsättningarna för ett idéburet offentligt partnerskap fortfarande finns, "
               "särskilt att det inte har uppstått en marknad för verksamheten."),
    ))


def termination(*, repay: str, subject: str = "partnerskapet") -> str:
    return "".join((
        section("uppsagning", "Uppsägning och upphörande"),
        tag("{%p if extension_months and automatic_extension %}"),
        clause("Den part som inte vill att överenskommelsen förlängs ska säga upp den skriftligen "
               "senast den {{ notice_deadline|long_date }}. Överenskommelsen upphör då vid "
               "avtalstidens slut."),
        tag("{%p endif %}"),
        tag("{%p if notice_period_months %}"),
        clause("Vardera parten får säga upp överenskommelsen under avtalstiden med en uppsägningstid "
               "om {{ notice_period_months|months }}. Överenskommelsen upphör då när "
               "uppsägningstiden har löpt ut, dock senast vid avtalstidens slut."),
        tag("{%p elif not (extension_months and automatic_extension) %}"),
        clause("Överenskommelsen kan inte sägas upp i förtid annat än enligt vad som sägs nedan."),
        tag("{%p endif %}"),
        clause("Uppsägning ska vara skriftlig och skickas till den andra partens kontaktperson. "
               "Uppsägningstiden räknas från den dag då uppsägningen kom den andra parten till "
               "handa."),
        clause("En part får säga upp överenskommelsen till omedelbart upphörande om den andra "
               "parten väsentligt bryter mot den och inte har vidtagit rättelse inom 30 dagar efter "
               "en skriftlig anmaning."),
        clause("Kommunen får säga upp överenskommelsen till omedelbart upphörande om organisationen "
               "använder kommunens resurser i strid med överenskommelsen, lämnar oriktiga uppgifter "
               f"av betydelse för {subject}, försätts i konkurs eller träder i likvidation, eller "
               "inte längre bedriver sin verksamhet i enlighet med demokratins idéer, däribland "
               "jämställdhet och förbudet mot diskriminering."),
        clause(repay),
    ))


def body_xml() -> str:
    return "".join((
        blocks.title_block(NAME),
        section("parter", "Parter"),
        blocks.parties(),
        _background(),
        clauses.legal_basis(),
        _aims(),
        _governance(),
        _market(),
        _resources(),
        clauses.payment(),
        _timeline(),
        _follow_up(),
        _term(),
        termination(repay="Upphör överenskommelsen i förtid ska organisationen betala tillbaka den "
                          "del av kommunens ekonomiska bidrag som avser tiden efter upphörandet eller "
                          "som inte har använts för det avtalade ändamålet. Parterna samverkar för "
                          "att deltagarna i verksamheten påverkas så lite som möjligt när "
                          "partnerskapet avslutas."),
        clauses.confidentiality(),
        clauses.data_processing(),
        clauses.liability(),
        clauses.changes(),
        clauses.annexes_and_disputes(),
        blocks.signatures(),
    ))

