"""Sections both agreement templates share, in a municipal lawyer's words.

Each starts with `section(part, heading)`: a numbered heading with a Word bookmark, which the
manifest names (with an optional condition on the data). Conditional text where the data
decides (decision, payment terms, notice, personal data); no placeholder text: a part without
data is left out or says what applies instead.
"""

from __future__ import annotations

from tools.scaffold.ooxml import body, clause, section, tag

DECISION_DETAILS = ("{% if decision.section %}, {{ decision.section }}{% endif %}"
                    "{% if decision.case_number %} (diarienummer {{ decision.case_number }}){% endif %}")


def legal_basis() -> str:
    return "".join((
        section("grund", "Rättslig grund och beslut"),
        clause("Kommunen ingår överenskommelsen med stöd av sin befogenhet att ha hand om "
               "angelägenheter av allmänt intresse enligt 2 kap. 1 § kommunallagen (2017:725), med "
               "iakttagande av likställighetsprincipen i 2 kap. 3 § och förbudet mot individuellt "
               "inriktat stöd till enskilda näringsidkare i 2 kap. 8 § samma lag."),
        tag("{%p if decision.delegation %}"),
        clause("Beslutet att ingå överenskommelsen har fattats av "
               "{{ decision.body|default(\"förvaltningen\", true) }} med stöd av delegation enligt "
               "{{ decision.delegation }}{% if decision.date %} den {{ decision.date|long_date }}"
               "{% endif %}" + DECISION_DETAILS + "."),
        tag("{%p elif decision.date %}"),
        clause("Överenskommelsen grundar sig på beslut av "
               "{{ decision.body|default(department.committee, true) }} den "
               "{{ decision.date|long_date }}" + DECISION_DETAILS + "."),
        tag("{%p else %}"),
        clause("Överenskommelsen förutsätter att {{ department.committee }} beslutar att ingå den."),
        tag("{%p endif %}"),
        clause("Överenskommelsen blir gällande först när beslutet att ingå den har vunnit laga kraft. "
               "Kommunen meddelar organisationen skriftligen när så har skett."),
    ))


def payment() -> str:
    """When and how the municipality pays: only when it contributes money (manifest condition)."""
    first = "för den första perioden senast en månad efter att överenskommelsen har börjat gälla"
    return "".join((
        section("utbetalning", "Utbetalning av kommunens bidrag"),
        tag('{%p if payment_terms == "yearly_in_advance" %}'),
        clause(f"Kommunens ekonomiska bidrag betalas ut en gång per år i förskott, {first} och "
               "därefter senast den 31 januari varje år."),
        tag('{%p elif payment_terms == "quarterly_in_advance" %}'),
        clause(f"Kommunens ekonomiska bidrag betalas ut kvartalsvis i förskott, {first} och därefter "
               "senast den första dagen i varje kvartal."),
        tag('{%p elif payment_terms == "per_milestone" %}'),
        clause("Kommunens ekonomiska bidrag betalas ut i delbetalningar när organisationen "
               "skriftligen har redovisat att en milstolpe enligt avsnittet Tidplan och milstolpar "
               "har nåtts. Delbetalningarna är bidrag till verksamheten och inte ersättning för "
               "prestationer."),
        tag("{%p else %}"),
        clause(f"Kommunens ekonomiska bidrag betalas ut halvårsvis i förskott, {first} och därefter "
               "senast den 31 januari och den 31 juli varje år."),
        tag("{%p endif %}"),
        clause("Bidraget betalas till det bankgiro eller bankkonto som organisationen skriftligen "
               "anger. Bidrag betalas inte ut för tid efter att överenskommelsen har upphört."),
        clause("Kommunens åtaganden för kommande budgetår förutsätter att kommunfullmäktige anvisar "
               "medel för dem i kommunens budget. Kommunen ska snarast informera organisationen om "
               "förutsättningarna ändras."),
    ))


def reporting() -> str:
    """The yearly reports and the municipality's right of insight and audit."""
    return "".join((
        clause("Organisationen lämnar varje år, senast sex månader efter räkenskapsårets slut, sin "
               "verksamhetsberättelse, sitt bokslut (årsredovisning eller årsbokslut) och sin "
               "revisionsberättelse till kommunen."),
        clause("Kommunen har rätt till insyn i den verksamhet som överenskommelsen avser och i hur "
               "kommunens resurser används. Organisationen ska på begäran lämna de uppgifter och "
               "handlingar som behövs för det och ge kommunen, eller en revisor som kommunen utser, "
               "tillgång till räkenskaper och underlag. Kommunens revisorer har samma rätt."),
        clause("Handlingar som organisationen lämnar till kommunen blir allmänna handlingar och kan "
               "lämnas ut enligt tryckfrihetsförordningen och offentlighets- och sekretesslagen "
               "(2009:400)."),
    ))


def confidentiality(subject: str = "partnerskapet") -> str:
    return "".join((
        section("sekretess", "Tystnadsplikt och personuppgifter"),
        clause("Organisationens företrädare, anställda och ideella medarbetare ska iaktta tystnad om "
               "enskildas personliga förhållanden som de får kännedom om i verksamheten. "
               "Organisationen ska se till att alla som medverkar i verksamheten känner till det."),
        clause("Varje part är personuppgiftsansvarig för de personuppgifter som parten behandlar för "
               f"egna ändamål inom {subject} och ansvarar för att behandlingen följer "
               "dataskyddsförordningen (EU) 2016/679."),
    ))


def data_processing(subject: str = "partnerskapet") -> str:
    """Only when the organisation processes personal data for the municipality (manifest condition)."""
    return "".join((
        section("personuppgiftsbitrade", "Behandling av personuppgifter för kommunens räkning"),
        clause(f"Organisationen behandlar personuppgifter för kommunens räkning inom {subject} och "
               "är i den delen personuppgiftsbiträde enligt artikel 28 i dataskyddsförordningen. "
               "Parterna ska ingå ett personuppgiftsbiträdesavtal innan behandlingen börjar. Avtalet "
               "blir en bilaga till överenskommelsen."),
        clause("Organisationen får behandla sådana personuppgifter endast enligt kommunens "
               "dokumenterade instruktioner och ska vidta lämpliga tekniska och organisatoriska "
               "åtgärder för att skydda dem."),
    ))


def liability() -> str:
    return "".join((
        section("ansvar", "Ansvar och force majeure"),
        clause("Organisationen ansvarar för den verksamhet som den bedriver, för sina anställda och "
               "ideella medarbetare och för skada som verksamheten orsakar deltagare eller tredje man. "
               "Organisationen ska ha de försäkringar som verksamheten behöver."),
        clause("Vardera parten ansvarar för skada som den genom fel eller försummelse orsakar den "
               "andra parten. Ingen part ansvarar för den andra partens indirekta skador."),
        clause("En part är fri från påföljd för att den inte fullgör ett åtagande, om det beror på "
               "en omständighet utanför partens kontroll som parten inte skäligen kunde förutse, "
               "till exempel krig, naturkatastrof, epidemi eller myndighetsbeslut (force majeure). "
               "Den part som vill åberopa force majeure ska utan dröjsmål underrätta den andra parten. "
               "Varar hindret längre än tre månader får vardera parten säga upp överenskommelsen "
               "till omedelbart upphörande."),
    ))


def changes(subject: str = "partnerskapet") -> str:
    return "".join((
        section("andringar", "Ändringar och omförhandling"),
        clause("Ändringar av och tillägg till överenskommelsen ska göras skriftligen och "
               "undertecknas av behöriga företrädare för båda parter för att gälla."),
        clause(f"Förändras förutsättningarna för {subject} väsentligt, till exempel genom ändrad "
               "lagstiftning, ändrade politiska beslut eller budgetramar eller förändringar i "
               "organisationens verksamhet, ska parterna på begäran av någon av dem ta upp "
               "överenskommelsen till omförhandling."),
        clause("Ingen part får överlåta sina rättigheter eller skyldigheter enligt överenskommelsen "
               "utan den andra partens skriftliga medgivande."),
    ))


def annexes_and_disputes() -> str:
    return "".join((
        section("bilagor", "Bilagor och tolkningsordning"),
        clause("Till överenskommelsen hör beslutet som den grundar sig på"
               "{% if processes_personal_data %} och personuppgiftsbiträdesavtalet{% endif %}, samt de "
               "ytterligare bilagor som parterna har undertecknat."),
        clause("Säger överenskommelsen och en bilaga olika saker gäller i första hand "
               "överenskommelsen{% if processes_personal_data %}, i frågor om personuppgifter som "
               "behandlas för kommunens räkning dock personuppgiftsbiträdesavtalet{% endif %}, och "
               "därefter bilagorna i den ordning de har tillkommit."),
        section("tvister", "Tvister"),
        clause("Tvister om tolkningen eller tillämpningen av överenskommelsen ska i första hand "
               "lösas genom förhandling mellan parterna."),
        clause("Kan parterna inte enas ska tvisten avgöras av allmän domstol med tillämpning av "
               "svensk rätt.", keep_next=True),
    ))


def no_placeholder(name: str, fallback: str | None = None) -> str:
    """Free text from the data, left out when empty (or replaced by `fallback`)."""
    parts = [tag(f"{{%p if {name} %}}"), body(f"{{{{ {name}|paragraphs }}}}")]
    if fallback:
        parts += [tag("{%p else %}"), body(fallback)]
    parts.append(tag("{%p endif %}"))
    return "".join(parts)
