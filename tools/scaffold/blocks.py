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
    header_cells,
    paragraph,
    plain_cell,
    row,
    run,
    section,
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
    ]
    return "".join((
        paragraph(document_type, style="Dokumenttyp"),
        paragraph("{{ title }}", style="Title"),
        paragraph("Överenskommelse mellan {{ municipality.name }} och {{ organisation_names }}",
                  style="Subtitle"),
        tag("{%p if draft %}", style="Utkastmarkering"),
        paragraph("Utkast – ej för underskrift", style="Utkastmarkering"),
        tag("{%p endif %}", style="Utkastmarkering"),
        tag("{%p if archive_copy %}", style="Utkastmarkering"),
        paragraph("Återgivning för arkivet av den undertecknade överenskommelsen. Originalet är det "
                  "undertecknade exemplaret.", style="Arkivmarkering"),
        tag("{%p endif %}", style="Utkastmarkering"),
        table(info_widths, [data_cells([label, value], info_widths) for label, value in info],
              header_row=False),
    ))


def parties() -> str:
    return "".join((
        body("{{ municipality.name }}, genom {{ department.committee }}."),
        tag("{%p for org in organisations %}"),
        body('{{ org.name }} ({{ org.legal_form_label|default("idéburen organisation", true)|lower }})'
             '{% if org.org_number %}, organisationsnummer {{ org.org_number }}{% endif %}'
             '{% if org.address %}, {{ org.address }}{% endif %}.'),
        tag("{%p endfor %}"),
        body("I överenskommelsen kallas {{ municipality.name }} kommunen och {{ organisation_names }} "
             "{% if organisations|length > 1 %}gemensamt {% endif %}organisationen. "
             "Tillsammans kallas de parterna."),
    ))


# Resource, description, amount, hours, per: the first column fits "Personaltimmar" and
# "Ekonomiskt bidrag" at 10 pt bold without breaking inside a word, amounts "10 000 000 kr",
# hours "12 000 timmar".
RESOURCE_WIDTHS = [1800, TABLE_WIDTH - 1800 - 1600 - 1500 - 900, 1600, 1500, 900]


def resources_table(groups: str) -> str:
    """One row per resource, grouped per party under its name, with a totals row per party."""
    widths = RESOURCE_WIDTHS
    titles = ["Resurs", "Beskrivning", "Belopp", "Timmar", "Avser"]
    cells = ["{{ item.type_label or item.type|resource_type_label }}", "{{ item.description }}",
             "{{ item.amount_sek|sek }}", "{{ item.hours|number }}", "{{ item.per|per_label }}"]
    right = {2, 3}
    totals = row([
        cell("Summa", widths[0] + widths[1], span=2, bold=True),
        cell("{{ group.amount_text }}", widths[2], jc="right", bold=True),
        cell("{{ group.hours_text }}", widths[3], jc="right", bold=True),
        cell("", widths[4]),
    ])
    return table(widths, [
        header_cells(titles, widths, right),
        tag_row(f"{{%tr for group in {groups} %}}", widths),
        row([cell("{{ group.label }}", sum(widths), span=len(widths), bold=True)]),
        tag_row("{%tr for item in group.rows %}", widths),
        data_cells(cells, widths, right),
        tag_row("{%tr endfor %}", widths),
        totals,
        tag_row("{%tr endfor %}", widths),
    ])


def dated_table(items: str, title: str) -> str:
    """Date and description per row, for milestones and follow-ups (only when there are any)."""
    return table(DATED_WIDTHS, [
        header_cells(["Datum", title], DATED_WIDTHS),
        tag_row(f"{{%tr for item in {items} %}}", DATED_WIDTHS),
        data_cells(["{{ item.date|long_date }}", "{{ item.title }}"], DATED_WIDTHS),
        tag_row("{%tr endfor %}", DATED_WIDTHS),
    ])


SIGNATURE_WIDTHS = [TABLE_WIDTH // 2, TABLE_WIDTH - TABLE_WIDTH // 2]


def _signature_cell(side: str, width: int) -> str:
    line = f"row.{side}"
    keep = {"style": "Underskrift", "keep_next": True}
    return plain_cell("".join((
        tag(f"{{%p if {line} %}}", style="Underskrift"),
        paragraph([run(f"För {{{{ {line}.label }}}}", bold=True)], **keep),
        paragraph("Ort: ______________________________", **keep),
        paragraph(f"Datum: {{% if {line}.date_text %}}{{{{ {line}.date_text }}}}"
                  "{% else %}____________________________{% endif %}", **keep),
        paragraph("_____________________________________", style="Underskriftsrad", keep_next=True),
        paragraph(f"{{% if {line}.name %}}{{{{ {line}.name }}}}{{% else %}}Namnförtydligande: "
                  "____________________{% endif %}", **keep),
        paragraph(f"{{% if {line}.title %}}{{{{ {line}.title }}}}{{% elif not {line}.name %}}"
                  "Befattning: ___________________________{% endif %}", **keep),
        tag("{%p endif %}", style="Underskrift"),
        paragraph("", style="Underskrift"),
    )), width)


def signatures(*, part: str = "underskrifter") -> str:
    """A signature line per signatory (or a blank one per party), two side by side, each row
    kept whole on one page and together with the heading and the sentence before it."""
    widths = SIGNATURE_WIDTHS
    return "".join((
        section(part, "Underskrifter"),
        paragraph("Överenskommelsen har upprättats i likalydande exemplar, ett för varje part.",
                  style="BodyText", keep_next=True),
        table(widths, [
            tag_row("{%tr for row in signature_rows %}", widths),
            row([_signature_cell("left", widths[0]), _signature_cell("right", widths[1])]),
            tag_row("{%tr endfor %}", widths),
        ], header_row=False, borders=False),
    ))


def header() -> str:
    return "".join((
        paragraph([run("{{ municipality.name }}"), tab(), tab(),
                   run('Diarienummer: {{ case_number|default("–", true) }}')], style="Header"),
        paragraph([tab(), tab(), run("Revision {{ revision }}")], style="Header"),
        tag("{%p if draft %}", style="Header"),
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
