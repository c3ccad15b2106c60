"""Parts both agreement templates share: title block, parties, tables, signatures, header, footer."""

from __future__ import annotations

from tools.scaffold.ooxml import (
    INDENT,
    RED,
    TEXT_WIDTH,
    body,
    cell,
    data_cells,
    field,
    h1,
    h2,
    header_cells,
    paragraph,
    row,
    run,
    tab,
    table,
    tag,
    tag_row,
)

TABLE_WIDTH = TEXT_WIDTH - INDENT
DATED_WIDTHS = [2000, TABLE_WIDTH - 2000]


def title_block(document_type: str) -> str:
    info_widths = [2400, TABLE_WIDTH - 2400]
    info = [
        ("Diarienummer", '{{ case_number|default("Ej diariefört", true) }}'),
        ("Revision", "{{ revision }}"),
        ("Ansvarig nämnd", "{{ department.committee }}"),
        ("Ansvarig förvaltning", "{{ department.name }}"),
        ("Avtalstid", "{{ start_date|long_date }} – {{ end_date|long_date }}"),
        ("Status", "{% if signed %}Undertecknad {{ signed_on|long_date }}"
                   "{% else %}Utkast – ej undertecknat{% endif %}"),
    ]
    return "".join((
        paragraph(document_type, style="Dokumenttyp"),
        paragraph("{{ title }}", style="Title"),
        paragraph("Överenskommelse mellan {{ municipality.name }} och {{ organisation_names }}",
                  style="Subtitle"),
        tag("{%p if not signed %}", style="Utkastmarkering"),
        paragraph("Utkast – ej undertecknat", style="Utkastmarkering"),
        tag("{%p endif %}", style="Utkastmarkering"),
        table(info_widths, [data_cells([label, value], info_widths) for label, value in info],
              header_row=False),
    ))


def parties() -> str:
    return "".join((
        body("{{ municipality.name }} genom {{ department.committee }} ({{ department.name }})."),
        tag("{%p for org in organisations %}"),
        body('{{ org.name }} ({{ org.legal_form_label|default("idéburen organisation", true)|lower }}), '
             'organisationsnummer {{ org.org_number|default("saknas", true) }}, '
             '{{ org.address|default("adress saknas", true) }}.'),
        tag("{%p endfor %}"),
        body("I överenskommelsen kallas {{ municipality.name }} kommunen och {{ organisation_names }} "
             "{% if organisations|length > 1 %}gemensamt {% endif %}organisationen. "
             "Tillsammans kallas de parterna."),
    ))


def resources_table(groups: str, *, with_party: bool = True) -> str:
    """One row per resource, grouped per party with a totals row; `groups` names the groups."""
    titles = ["Resurs", "Beskrivning", "Belopp", "Timmar", "Avser"]
    cells = ["{{ item.type_label or item.type|resource_type_label }}", "{{ item.description }}",
             "{{ item.amount_sek|sek }}", "{{ item.hours|number }}", "{{ item.per|per_label }}"]
    label = "Summa"
    if with_party:
        titles.insert(0, "Part")
        cells.insert(0, "{% if loop.first %}{{ group.label }}{% endif %}")
        label = "Summa {{ group.label }}"
        widths = [1500, 1150, TABLE_WIDTH - 1500 - 1150 - 1700 - 1250 - 900, 1700, 1250, 900]
    else:
        widths = [1500, TABLE_WIDTH - 1500 - 1700 - 1250 - 900, 1700, 1250, 900]
    right = {len(widths) - 3, len(widths) - 2}
    label_span = len(widths) - 3
    totals = row([
        cell(label, sum(widths[:label_span]), span=label_span, bold=True),
        cell("{{ group.amount_text }}", widths[-3], jc="right", bold=True),
        cell("{{ group.hours_text }}", widths[-2], jc="right", bold=True),
        cell("", widths[-1]),
    ])
    return table(widths, [
        header_cells(titles, widths, right),
        tag_row(f"{{%tr for group in {groups} %}}", widths),
        tag_row("{%tr for item in group.rows %}", widths),
        data_cells(cells, widths, right),
        tag_row("{%tr endfor %}", widths),
        totals,
        tag_row("{%tr else %}", widths),
        row([cell("Inga resurser har angetts.", sum(widths), span=len(widths))]),
        tag_row("{%tr endfor %}", widths),
    ])


def dated_table(items: str, title: str, empty: str) -> str:
    """Date and description per row, for milestones and follow-ups."""
    return table(DATED_WIDTHS, [
        header_cells(["Datum", title], DATED_WIDTHS),
        tag_row(f"{{%tr for item in {items} %}}", DATED_WIDTHS),
        data_cells(["{{ item.date|long_date }}", "{{ item.title }}"], DATED_WIDTHS),
        tag_row("{%tr else %}", DATED_WIDTHS),
        data_cells(["", empty], DATED_WIDTHS),
        tag_row("{%tr endfor %}", DATED_WIDTHS),
    ])


def signatures() -> str:
    return "".join((
        h1("Underskrifter"),
        body("Överenskommelsen har upprättats i likalydande exemplar, ett för varje part."),
        tag("{%p if signed %}"),
        body("Överenskommelsen undertecknades den {{ signed_on|long_date }}."),
        tag("{%p for block in signature_blocks %}"),
        h2("För {{ block.label }}"),
        tag("{%p for person in block.signatories %}"),
        body([run("{{ person.name }}", bold=True)]),
        body("{{ person.title }}"),
        tag("{%p else %}"),
        body("Ingen undertecknare har angetts."),
        tag("{%p endfor %}"),
        tag("{%p endfor %}"),
        tag("{%p else %}"),
        tag("{%p for block in signature_blocks %}"),
        h2("För {{ block.label }}"),
        body("Ort och datum: ____________________________________"),
        paragraph("__________________________________________", style="Underskriftsrad"),
        body("Namnteckning"),
        paragraph("__________________________________________", style="Underskriftsrad"),
        body("Namnförtydligande och befattning"),
        tag("{%p endfor %}"),
        tag("{%p endif %}"),
    ))


def header() -> str:
    return "".join((
        paragraph([run("{{ municipality.name }}"), tab(), tab(),
                   run('Diarienummer: {{ case_number|default("–", true) }}')], style="Header"),
        paragraph([tab(), tab(), run("Revision {{ revision }}")], style="Header"),
        tag("{%p if not signed %}", style="Header"),
        paragraph([run("UTKAST", bold=True, color=RED, size=28)], style="Header", jc="right"),
        tag("{%p endif %}", style="Header"),
    ))


def footer() -> str:
    return "".join((
        paragraph([run("Sida "), field("PAGE", "1"), run(" av "), field("NUMPAGES", "1")],
                  style="Footer", jc="center"),
        paragraph([run("{{ template.name }}, mallversion {{ template.version }}", size=14)],
                  style="Footer", jc="center"),
    ))
