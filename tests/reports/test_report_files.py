"""CSV, XLSX and Word carry the same figures as the JSON; spreadsheets cannot be made to run formulas."""

import csv
import io
import re
from datetime import date

import docx
import pytest
from openpyxl import load_workbook

from iop.clock import frozen_at
from tests.reports import year_2026

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

NB = "\u00a0"


def download(client, caller, name):
    with frozen_at(date(2027, 1, 15)):
        response = client.get(f"/api/v1/reports/{name}", headers=caller.headers)
    assert response.status_code == 200, response.data[:300]
    return response


def csv_sections(text: str) -> dict[str, list[list[str]]]:
    """Title -> rows (header first), as the CSV stacks its tables."""
    sections, current = {}, None
    for row in csv.reader(io.StringIO(text), delimiter=";"):
        if not row:
            current = None
        elif current is None:
            current = sections.setdefault(row[0], [])
        else:
            current.append(row)
    return sections


def csv_text(response) -> str:
    """The CSV as Swedish Excel reads it: UTF-8 after a byte order mark."""
    assert response.data.startswith(b"\xef\xbb\xbf")
    return response.data.decode("utf-8-sig")


def test_the_csv_is_for_swedish_excel(client, callers, year_of_data):
    response = download(client, callers.viewer, "2026.csv")
    text = csv_text(response)
    assert text.splitlines()[1].count(";") == 2  # the overview's header: Uppgift;Värde;Enhet
    sections = csv_sections(text)
    cells = [cell for rows in sections.values() for row in rows for cell in row]
    assert "Läxhjälpen i Sjöstad" in cells and "0,75" in cells
    numbers = [cell for cell in cells if re.fullmatch(r"-?[\d.,\s\u00a0]+", cell)]
    assert numbers and not [n for n in numbers if "." in n or " " in n or "\u00a0" in n]


def test_the_csv_has_every_section_with_the_same_figures(client, callers, year_of_data):
    response = download(client, callers.viewer, "2026.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="samverkansrapport-2026.csv"' in response.headers["Content-Disposition"]
    sections = csv_sections(csv_text(response))
    committees = sections["Överenskommelser per nämnd"]
    assert committees[0] == ["Nämnd", "Överenskommelser", "Kommunens insatser (kr)",
                             "Organisationernas insatser (kr)", "Ideella timmar"]
    assert committees[1:] == [["Kultur- och fritidsnämnden", "3", "186387", "15000", "1200"],
                              ["Socialnämnden", "3", "99740", "0", "249"],
                              ["Summa", "6", "286127", "15000", "1449"]]
    assert sections["Föreningsbidrag per nämnd"][1:] == [
        ["Kommunstyrelsen", "1", "1", "35000"], ["Kultur- och fritidsnämnden", "3", "3", "215001"],
        ["Socialnämnden", "2", "2", "290000"], ["Summa", "6", "", "540001"]]
    assert sections["Organisationer med bidrag från flera nämnder"][1:] == [
        ["802456-1238", "Läxhjälpen i Sjöstad", "Kultur- och fritidsnämnden; Socialnämnden", "240000"],
        ["802471-9653", "Sjöstads Stadsmission", "Kommunstyrelsen; Socialnämnden", "235000"],
        ["Summa", "", "", "475000"]]
    overview = {row[0]: row[1] for row in sections["Översikt 2026"][1:]}
    assert overview["Överenskommelser som gällt under året"] == "6"
    assert overview["Förnyade (efterföljaren har undertecknats)"] == "1"
    assert overview["Ideella timmar"] == "1449"
    assert overview["Möjlig dubbelfinansiering att granska"] == "1"
    assert [r[:3] for r in sections["Överenskommelser de senaste fem åren"][1:]] == [
        ["2022", "0", "0"], ["2023", "0", "0"], ["2024", "1", "80000"], ["2025", "3", "160055"],
        ["2026", "6", "286127"]]
    pair = sections["Möjlig dubbelfinansiering att granska"][1]
    assert pair[:6] == ["802456-1238", "Läxhjälpen i Sjöstad", "Föreningsbidrag",
                        "Kultur- och fritidsnämnden", "Läxhjälp för barn och unga i Norra Sjöstad", "150000"]
    assert pair[10] == "0,75"
    overlaps = sections["Organisationer med pengar från flera källor"]
    assert [row[2:] for row in overlaps[1:4]] == [
        ["Överenskommelse", "Kultur- och fritidsnämnden", "Överenskommelse", "106661"],
        ["Föreningsbidrag", "Kultur- och fritidsnämnden", "Läxhjälp för barn och unga i Norra Sjöstad",
         "150000"],
        ["Föreningsbidrag", "Socialnämnden", "Läxhjälp för barn och unga i årskurs 4–9", "90000"]]


def test_the_workbook_has_a_sheet_per_section_with_totals_and_bold_headers(client, callers, year_of_data):
    response = download(client, callers.viewer, "2026.xlsx")
    assert response.mimetype == XLSX
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == [
        "Översikt", "Överenskommelser per nämnd", "Per förvaltning", "Resurser", "Över tid",
        "Bidrag per nämnd", "Flera nämnder", "Flera källor", "Möjlig dubbelfinansiering", "Initiativ",
        # the lists in full
        "Gällande överenskommelser", "Startade", "Avslutade", "Förnyade", "Inkomna initiativ",
        "Nätverkets ärenden", "Organisationer"]
    sheet = workbook["Överenskommelser per nämnd"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "Överenskommelser per nämnd"
    assert rows[2:] == [["Kultur- och fritidsnämnden", 3, 186387, 15000, 1200],
                        ["Socialnämnden", 3, 99740, 0, 249], ["Summa", 6, 286127, 15000, 1449]]
    assert all(cell.font.bold for cell in sheet[2]) and sheet["A5"].font.bold
    assert sheet.column_dimensions["A"].width >= len("Kultur- och fritidsnämnden")
    grants = [list(r) for r in workbook["Bidrag per nämnd"].iter_rows(values_only=True)]
    assert grants[-1] == ["Summa", 6, None, 540001]
    departments = [list(r) for r in workbook["Per förvaltning"].iter_rows(values_only=True)]
    assert departments[2][:9] == ["KFF", "Kultur- och fritidsförvaltningen", "Kultur- och fritidsnämnden",
                                  3, 2, 1, 2, 2, 1]
    resources = {(r[0], r[1]): r[2:] for r in workbook["Resurser"].iter_rows(min_row=3, values_only=True)}
    assert resources[("Kommunen", "Ekonomiskt bidrag")] == (279466, 0)
    assert resources[("Organisationerna", "Ideella timmar")] == (0, 1449)


def test_the_workbook_has_number_formats_frozen_headers_and_filters(client, callers, year_of_data):
    workbook = load_workbook(io.BytesIO(download(client, callers.viewer, "2026.xlsx").data))
    sheet = workbook["Överenskommelser per nämnd"]
    assert sheet["B3"].number_format == "#,##0"
    assert sheet["C3"].number_format == sheet["C5"].number_format == '#,##0 "kr"'
    assert sheet["E3"].number_format == '#,##0 "timmar"'
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:E4"  # header and rows; the Summa row stays last
    overview = workbook["Översikt"]
    units = {row[0].value: row[1].number_format for row in overview.iter_rows(min_row=3) if row[0].value}
    assert units["Föreningsbidrag"] == '#,##0 "kr"' and units["Ideella timmar"] == '#,##0 "timmar"'
    assert units["Antal föreningsbidrag"] == "#,##0"
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A3" and sheet.auto_filter.ref.startswith("A2:"), sheet.title
    pairs = workbook["Möjlig dubbelfinansiering"]
    assert pairs["K3"].value == 0.75 and pairs["K3"].number_format == "0.00"


def test_the_word_report_has_the_figures_in_tables_and_charts_as_pictures(client, callers, year_of_data):
    response = download(client, callers.viewer, "2026.docx")
    assert response.mimetype == DOCX
    document = docx.Document(io.BytesIO(response.data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Samverkan med civilsamhället 2026 – årlig rapport till kommunstyrelsen" in text
    assert "Under 2026 gällde 6 överenskommelser" in text
    assert "Preliminär" not in text  # 2026 is over on 15 January 2027
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert {"Förslag till beslut", "Sammanfattning", "Bakgrund", "Ärendet", "Ekonomiska konsekvenser",
            "Kommunala mål", "Jämställdhet", "Samråd", "Beslutet skickas till", "Föreningsbidrag",
            "Möjlig dubbelfinansiering", "Bilaga 2. Om underlaget"} <= set(headings)
    head = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert head[0][1] == "Datum: 2027-01-15" and head[1][1] == "Diarienummer: –"
    cells = [[[c.text for c in row.cells] for row in table.rows] for table in document.tables]
    by_committee = next(t for t in cells if t[0][:2] == ["Nämnd", "Överenskommelser"])
    assert by_committee[1:] == [
        ["Kultur- och fritidsnämnden", "3", f"186{NB}387", f"15{NB}000", f"1{NB}200"],
        ["Socialnämnden", "3", f"99{NB}740", "0", "249"],
        ["Summa", "6", f"286{NB}127", f"15{NB}000", f"1{NB}449"]]
    grants = next(t for t in cells if t[0] == ["Nämnd", "Bidrag", "Organisationer", "Belopp (kr)"])
    assert grants[-1] == ["Summa", "6", "", f"540{NB}001"]
    pairs = next(t for t in cells if t[0][0] == "Organisation" and t[0][-1] == "Likhet")
    assert pairs[1][0] == "Läxhjälpen i Sjöstad" and pairs[1][-1] == f"75{NB}%"
    assert len(document.inline_shapes) >= 2
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert document.core_properties.language == "sv-SE"


def test_the_same_report_on_the_same_day_gives_the_same_bytes(client, callers, year_of_data):
    for name in ("2026.docx", "2026.xlsx", "2026.csv"):
        first = download(client, callers.viewer, name).data
        assert download(client, callers.viewer, name).data == first, name


INJECTION_CSV = """year,committee,org_number,organisation,purpose,amount_sek
2026,Socialnämnden,802438-7790,"=HYPERLINK(""http://x.example"",""klick"")",+Stöd,1000
2026,Kultur- och fritidsnämnden,802438-7790,"=HYPERLINK(""http://x.example"",""klick"")",-Stöd,2000
2026,Kultur- och fritidsnämnden,802409-1285,@SUM(A1:A9),Jour,500
2026,Socialnämnden,802409-1285,@SUM(A1:A9),Jour,700
"""


def test_formulas_in_imported_data_are_neutralised_in_csv_and_xlsx(client, callers):
    response = client.post("/api/v1/grants/import", data=INJECTION_CSV.encode(), content_type="text/csv",
                           headers=callers.coordinator.headers)
    assert response.get_json()["imported"] == 4
    sections = csv_sections(csv_text(download(client, callers.viewer, "2026.csv")))
    several = sections["Organisationer med bidrag från flera nämnder"][1:3]
    assert sorted(row[1] for row in several) == ["'=HYPERLINK(\"http://x.example\",\"klick\")",
                                                 "'@SUM(A1:A9)"]
    pairs = sections["Möjlig dubbelfinansiering att granska"][1:]
    assert [(p[1], p[4], p[8]) for p in pairs] == [
        ("'=HYPERLINK(\"http://x.example\",\"klick\")", "'-Stöd", "'+Stöd"), ("'@SUM(A1:A9)", "Jour", "Jour")]
    workbook = load_workbook(io.BytesIO(download(client, callers.viewer, "2026.xlsx").data))
    texts = [cell.value for row in workbook.worksheets for line in row.iter_rows() for cell in line
             if isinstance(cell.value, str)]
    assert "'=HYPERLINK(\"http://x.example\",\"klick\")" in texts and "'@SUM(A1:A9)" in texts
    assert not [t for t in texts if t.startswith(("=", "+", "-", "@"))]
    formula_cells = [cell for sheet in workbook.worksheets for line in sheet.iter_rows() for cell in line
                     if cell.data_type == "f"]
    assert formula_cells == []


def test_a_real_negative_number_stays_a_number_in_the_workbook():
    from iop.reports.spreadsheets import report_xlsx
    from iop.reports.tables import Table

    table = Table("Test", "Test", ["Text", "Tal"], [False, True], [["-1+2", -250], ["ok", 3]])
    workbook = load_workbook(io.BytesIO(report_xlsx([table], title="t", author="a",
                                                    created=__import__("datetime").datetime(2026, 1, 1))))
    assert [list(r) for r in workbook["Test"].iter_rows(values_only=True)][2:] == [["'-1+2", -250], ["ok", 3]]


@pytest.mark.parametrize("file_format", ["json", "csv", "xlsx", "docx"])
def test_the_command_line_writes_the_report_in_every_format(runner, year_of_data, tmp_path, file_format):
    output = tmp_path / f"rapport.{file_format}"
    result = runner.invoke(args=["report", "2026", "--format", file_format, "--output", str(output)])
    assert result.exit_code == 0, result.output
    data = output.read_bytes()
    if file_format == "json":
        import json

        assert json.loads(data)["agreements"] == year_2026.EXPECTED_AGREEMENTS
    elif file_format == "csv":
        assert "Socialnämnden;3;99740;0;249" in data.decode("utf-8-sig")
    else:
        assert data.startswith(b"PK\x03\x04")


def test_every_role_may_download_the_report_files(client, callers):
    for caller in callers.by_role().values():
        assert client.get("/api/v1/reports/2026.csv", headers=caller.headers).status_code == 200


def test_an_unknown_format_is_not_found(client, callers):
    assert client.get("/api/v1/reports/2026.pdf", headers=callers.viewer.headers).status_code == 404
