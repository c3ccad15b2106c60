"""The text of the IOP template (Idéburet offentligt partnerskap).

One heading for each part that Swedish IOP guidance asks an agreement to contain (SKL 2018,
Uddevalla, Malmö, Göteborg), the agreement's own text from the data, and clauses a municipal
lawyer expects: no procurement under LOU, no state aid, use and repayment of funds, budget
reservation, notice, early termination, changes, disputes.
"""

from __future__ import annotations

from tools.scaffold import blocks
from tools.scaffold.ooxml import body, clause, h1, h2, tag

NAME = "Idéburet offentligt partnerskap"


def _background() -> str:
    return "".join((
        h1("Bakgrund och gemensamma värderingar"),
        body("{{ background|paragraphs }}"),
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


def _parties() -> str:
    return "".join((
        h1("Parterna och hur partnerskapet organiseras och styrs"),
        h2("Parter"),
        blocks.parties(),
        h2("Organisation och styrning"),
        body("{{ governance|paragraphs }}"),
        clause("Varje part utser en kontaktperson för partnerskapet och meddelar den andra parten "
               "skriftligen vem det är. Kommunens kontaktperson nås på "
               "{{ responsible_email|default(department.email, true) }}."),
        clause("Parterna informerar varandra i god tid om förändringar som kan påverka "
               "partnerskapet."),
        clause("Organisationen ansvarar själv för sin verksamhet, sina anställda och sina ideella "
               "medarbetare, däribland för arbetsmiljö, registerkontroller där sådana krävs och de "
               "försäkringar som verksamheten behöver."),
    ))


def _aims() -> str:
    return "".join((
        h1("Samhällsutmaningen"),
        body("{{ challenge|paragraphs }}"),
        h1("Mål och syfte"),
        body("{{ purpose|paragraphs }}"),
        h1("Organisationens mervärde och egna engagemang"),
        body("{{ added_value|paragraphs }}"),
        clause("Parterna är ense om att detta mervärde förutsätter organisationens ideella "
               "förankring och att kommunen inte själv kan skapa det eller köpa det på en marknad."),
        clause("Organisationen bidrar med egna resurser, i första hand ideella insatser, enligt "
               "tabellen under rubriken Parternas resurser och åtaganden."),
    ))


def _market() -> str:
    return "".join((
        h1("Marknadsbedömning"),
        body("{{ market_assessment|paragraphs }}"),
        clause("Parterna bedömer att överenskommelsen inte är ett offentligt kontrakt enligt 1 kap. "
               "15 § lagen (2016:1145) om offentlig upphandling (LOU). Kommunen köper inga tjänster "
               "av organisationen, och organisationen får ingen ersättning per deltagare, per "
               "prestation eller för tjänster som utförs åt kommunen."),
        clause("Verksamheten bedrivs inte på en marknad i konkurrens med andra aktörer. Kommunens "
               "bidrag är därför enligt parternas bedömning inte statligt stöd enligt artikel 107.1 "
               "i fördraget om Europeiska unionens funktionssätt (EUF-fördraget). Skulle bidraget "
               "ändå anses gynna ekonomisk verksamhet ska det rymmas inom kommissionens förordning "
               "(EU) 2023/2831 om stöd av mindre betydelse (de minimis). Organisationen ska på "
               "kommunens begäran redovisa allt sådant stöd som den har tagit emot under de senaste "
               "tre åren."),
        clause("Visar det sig under avtalstiden att en marknad har uppstått för verksamheten ska "
               "parterna ta upp överenskommelsen till omförhandling eller avveckla partnerskapet."),
    ))


def _resources() -> str:
    return "".join((
        h1("Parternas resurser och åtaganden"),
        body("Parterna bidrar med följande resurser till partnerskapet. Belopp anges i svenska "
             "kronor."),
        blocks.resources_table("resource_groups"),
        clause("Resurserna är parternas bidrag till ett gemensamt mål och inte ersättning för "
               "tjänster. De knyts inte till antalet deltagare eller till utförda prestationer."),
        clause("Kommunens ekonomiska bidrag betalas ut halvårsvis i förskott till det konto som "
               "organisationen anger, första gången senast en månad efter att överenskommelsen "
               "har börjat gälla."),
        clause("Kommunens åtaganden för kommande budgetår förutsätter att {{ department.committee }} "
               "anvisar medel för dem. Kommunen ska snarast informera organisationen om "
               "förutsättningarna ändras."),
        clause("Kommunens resurser får bara användas för partnerskapets syfte enligt denna "
               "överenskommelse. Medel som inte har använts för det ändamålet ska betalas tillbaka "
               "till kommunen."),
        clause("Organisationen för räkenskaper som gör det möjligt att följa hur kommunens "
               "ekonomiska bidrag har använts."),
    ))


def _timeline() -> str:
    return "".join((
        h1("Tidplan och milstolpar"),
        body("Partnerskapet pågår från och med den {{ start_date|long_date }} till och med den "
             "{{ end_date|long_date }}. Parterna har kommit överens om följande milstolpar."),
        blocks.dated_table("milestones", "Milstolpe", "Inga milstolpar har angetts."),
        clause("Kan en milstolpe inte nås i tid ska parterna gemensamt pröva orsakerna och vid "
               "behov ändra tidplanen genom en skriftlig ändring av överenskommelsen."),
        h1("Uppföljning och utvärdering"),
        body("{{ follow_up_description|paragraphs }}"),
        blocks.dated_table("follow_ups", "Uppföljning", "Inga uppföljningstillfällen har angetts."),
        clause("Vid varje uppföljning redovisar organisationen hur verksamheten har utvecklats i "
               "förhållande till målen, hur kommunens resurser har använts och vilka egna resurser "
               "organisationen har bidragit med."),
        clause("Parterna utvärderar partnerskapet gemensamt i god tid före avtalstidens slut, som "
               "underlag för beslut om partnerskapet ska förlängas, ändras eller avslutas."),
        clause("Handlingar som organisationen lämnar till kommunen blir allmänna handlingar och kan "
               "lämnas ut enligt tryckfrihetsförordningen och offentlighets- och sekretesslagen "
               "(2009:400)."),
    ))


def _term() -> str:
    limit = "{% if max_extensions %}, dock högst {{ max_extensions|times }}{% endif %}"
    return "".join((
        h1("Avtalstid och förlängning"),
        clause("Överenskommelsen gäller från och med den {{ start_date|long_date }} till och med "
               "den {{ end_date|long_date }}."),
        tag("{%p if predecessor %}"),
        clause("Överenskommelsen ersätter överenskommelsen {{ predecessor.title }} "
               '(diarienummer {{ predecessor.case_number|default("saknas", true) }}).'),
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


def _termination() -> str:
    return "".join((
        h1("Uppsägning och upphörande"),
        tag("{%p if notice_period_months %}"),
        clause("Vardera parten får säga upp överenskommelsen med en uppsägningstid om "
               "{{ notice_period_months|months }}."),
        tag("{%p if extension_months and automatic_extension %}"),
        clause("Den som vill att överenskommelsen inte ska förlängas ska säga upp den senast den "
               "{{ notice_deadline|long_date }}."),
        tag("{%p else %}"),
        clause("En uppsägning som görs senast den {{ notice_deadline|long_date }} får verkan senast "
               "vid avtalstidens slut."),
        tag("{%p endif %}"),
        tag("{%p else %}"),
        clause("Överenskommelsen kan inte sägas upp under avtalstiden annat än enligt "
               "bestämmelserna om förtida upphörande nedan."),
        tag("{%p endif %}"),
        clause("Uppsägning ska vara skriftlig och skickas till den andra partens kontaktperson. "
               "Uppsägningstiden räknas från den dag då uppsägningen kom den andra parten till "
               "handa."),
        clause("En part får säga upp överenskommelsen till omedelbart upphörande om den andra "
               "parten väsentligt bryter mot den och inte har vidtagit rättelse inom 30 dagar efter "
               "en skriftlig anmaning."),
        clause("Kommunen får säga upp överenskommelsen till omedelbart upphörande om organisationen "
               "använder kommunens resurser i strid med överenskommelsen, lämnar oriktiga uppgifter "
               "av betydelse för partnerskapet, försätts i konkurs eller träder i likvidation, eller "
               "inte längre bedriver sin verksamhet i enlighet med demokratins idéer, däribland "
               "jämställdhet och förbudet mot diskriminering."),
        clause("Upphör överenskommelsen i förtid ska organisationen betala tillbaka den del av "
               "kommunens ekonomiska bidrag som avser tiden efter upphörandet eller som inte har "
               "använts för det avtalade ändamålet. Parterna samverkar för att deltagarna i "
               "verksamheten påverkas så lite som möjligt när partnerskapet avslutas."),
    ))


def _changes_and_disputes() -> str:
    return "".join((
        h1("Ändringar och omförhandling"),
        clause("Ändringar av och tillägg till överenskommelsen ska göras skriftligen och "
               "undertecknas av behöriga företrädare för båda parter för att gälla."),
        clause("Förändras förutsättningarna för partnerskapet väsentligt, till exempel genom ändrad "
               "lagstiftning, ändrade politiska beslut eller budgetramar eller förändringar i "
               "organisationens verksamhet, ska parterna på begäran av någon av dem ta upp "
               "överenskommelsen till omförhandling."),
        clause("Ingen part får överlåta sina rättigheter eller skyldigheter enligt överenskommelsen "
               "utan den andra partens skriftliga medgivande."),
        clause("Varje part är personuppgiftsansvarig för de personuppgifter som parten behandlar "
               "inom partnerskapet och ansvarar för att behandlingen följer dataskyddsförordningen "
               "(EU) 2016/679."),
        h1("Tvister"),
        clause("Tvister om tolkningen eller tillämpningen av överenskommelsen ska i första hand "
               "lösas genom dialog mellan parterna, i det forum för styrning som överenskommelsen "
               "anger."),
        clause("Kan parterna inte enas ska tvisten avgöras av allmän domstol med tillämpning av "
               "svensk rätt."),
    ))


def body_xml() -> str:
    return "".join((
        blocks.title_block(NAME),
        _background(),
        _parties(),
        _aims(),
        _market(),
        _resources(),
        _timeline(),
        _term(),
        _termination(),
        _changes_and_disputes(),
        blocks.signatures(),
    ))
