"""The yearly report's pages: the year's figures in Swedish, charts as real PNGs, files as downloads."""

import io
import json
import re
import struct
from datetime import date

import docx
import pytest
from openpyxl import load_workbook

from iop.clock import frozen_at
from tests.reports import year_2026
from tests.web import sign_in, table_rows, text_of

NBSP = "\u00a0"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def viewer(client, app, departments):
    return sign_in(client, app, "viewer")


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG_SIGNATURE)
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_the_report_page_shows_the_years_figures_in_swedish(client, viewer, year_of_data):
    with frozen_at(date(2027, 1, 15)):
        response = client.get("/arsrapport/2026")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h1>Årsrapport 2026</h1>" in html
    text = text_of(html)
    assert "Under 2026 gällde 6 överenskommelser" in text
    assert "Kommunen bidrog med 286 127 kr och organisationerna med 1 449 ideella timmar" in text
    assert table_rows(html, "Överenskommelser per nämnd") == [
        ["Kultur- och fritidsnämnden", "3", "186 387", "15 000", "1 200"],
        ["Socialnämnden", "3", "99 740", "0", "249"],
        ["Summa", "6", "286 127", "15 000", "1 449"]]
    assert table_rows(html, "Föreningsbidrag per nämnd") == [
        ["Kommunstyrelsen", "1", "1", "35 000"], ["Kultur- och fritidsnämnden", "3", "3", "215 001"],
        ["Socialnämnden", "2", "2", "290 000"], ["Summa", "6", "", "540 001"]]
    overview = dict(table_rows(html, "Översikt 2026"))
    assert overview["Överenskommelser som gällt under året"] == "6"
    assert overview["Startade under året"] == "4"
    assert overview["Förnyade (efterföljaren har undertecknats)"] == "1"
    assert overview["Föreningsbidrag"] == "540 001 kr"
    assert overview["Ideella timmar"] == "1 449 tim"
    departments = table_rows(html, "Överenskommelser per förvaltning")
    assert departments[0][:9] == ["KFF", "Kultur- och fritidsförvaltningen", "Kultur- och fritidsnämnden",
                                  "3", "2", "1", "2", "2", "1"]
    assert [row[:2] for row in table_rows(html, "Överenskommelser de senaste fem åren")] == [
        ["2022", "0"], ["2023", "0"], ["2024", "1"], ["2025", "3"], ["2026", "6"]]


def test_possible_double_funding_is_flagged_for_a_person_to_check(client, viewer, year_of_data):
    html = client.get("/arsrapport/2026").get_data(as_text=True)
    assert "1 par av källor att granska" in text_of(html)
    pair = table_rows(html, "Möjlig dubbelfinansiering att granska")[0]
    assert pair[:6] == ["802456-1238", "Läxhjälpen i Sjöstad", "Föreningsbidrag",
                        "Kultur- och fritidsnämnden", "Läxhjälp för barn och unga i Norra Sjöstad", "150 000"]
    assert pair[10] == "0,75"
    several = table_rows(html, "Organisationer med bidrag från flera nämnder")
    assert several[:2] == [
        ["802456-1238", "Läxhjälpen i Sjöstad", "Kultur- och fritidsnämnden; Socialnämnden", "240 000"],
        ["802471-9653", "Sjöstads Stadsmission", "Kommunstyrelsen; Socialnämnden", "235 000"]]


def test_every_table_has_a_caption(client, viewer, year_of_data):
    html = client.get("/arsrapport/2026").get_data(as_text=True)
    assert html.count("<table") == html.count("<caption") >= 9


def test_a_year_without_data_says_so_instead_of_showing_empty_tables(client, viewer):
    html = client.get("/arsrapport/2020").get_data(as_text=True)
    assert "Ingen organisation fick bidrag från mer än en nämnd under året." in html
    assert "Inga likartade ändamål hittades." in html


def test_the_charts_are_png_images_with_the_figures_in_their_alt_text(client, viewer, year_of_data):
    html = client.get("/arsrapport/2026").get_data(as_text=True)
    images = dict((src, alt) for src, alt in re.findall(r'<img src="([^"]+)" alt="([^"]+)"', html))
    assert set(images) == {"/arsrapport/2026/diagram/overenskommelser-per-ar.png",
                           "/arsrapport/2026/diagram/pengar-per-namnd.png"}
    over_time = images["/arsrapport/2026/diagram/overenskommelser-per-ar.png"]
    assert "2024: 1; 2025: 3; 2026: 6" in over_time
    money = images["/arsrapport/2026/diagram/pengar-per-namnd.png"].replace(NBSP, " ")
    assert ("Kultur- och fritidsnämnden: 186 387 kr i överenskommelser och 215 001 kr i föreningsbidrag"
            in money)
    for src in images:
        response = client.get(src)
        assert response.status_code == 200 and response.mimetype == "image/png"
        width, height = png_size(response.data)
        assert 600 < width < 1200 and 250 < height < 1000, (src, width, height)


def test_an_unknown_chart_is_not_found(client, viewer):
    assert client.get("/arsrapport/2026/diagram/tarta.png").status_code == 404
    assert client.get("/arsrapport/0/diagram/pengar-per-namnd.png").status_code == 404


def download(client, name):
    with frozen_at(date(2027, 1, 15)):
        response = client.get(f"/arsrapport/{name}")
    assert response.status_code == 200, response.data[:300]
    assert response.headers["Content-Disposition"] == f'attachment; filename="samverkansrapport-{name}"'
    return response


def test_the_page_links_to_every_file(client, viewer, year_of_data):
    html = client.get("/arsrapport/2026").get_data(as_text=True)
    for file_format in ("docx", "xlsx", "csv", "json"):
        assert f'href="/arsrapport/2026.{file_format}"' in html


def test_the_json_download_is_the_apis_report(client, viewer, year_of_data):
    response = download(client, "2026.json")
    assert response.mimetype == "application/json"
    report = json.loads(response.data)
    assert report["agreements"] == year_2026.EXPECTED_AGREEMENTS
    assert report["grants"]["by_committee"] == year_2026.EXPECTED_GRANTS["by_committee"]


def test_the_csv_download_has_the_same_figures(client, viewer, year_of_data):
    response = download(client, "2026.csv")
    assert response.mimetype == "text/csv"
    assert "Socialnämnden;3;99740;0;249" in response.data.decode("utf-8-sig")


def test_the_xlsx_download_reads_back_with_the_same_figures(client, viewer, year_of_data):
    response = download(client, "2026.xlsx")
    assert response.mimetype == XLSX
    sheet = load_workbook(io.BytesIO(response.data))["Överenskommelser per nämnd"]
    assert [list(r) for r in sheet.iter_rows(values_only=True)][2:] == [
        ["Kultur- och fritidsnämnden", 3, 186387, 15000, 1200], ["Socialnämnden", 3, 99740, 0, 249],
        ["Summa", 6, 286127, 15000, 1449]]


def test_the_word_download_is_the_board_report_with_its_charts(client, viewer, year_of_data):
    response = download(client, "2026.docx")
    assert response.mimetype == DOCX
    document = docx.Document(io.BytesIO(response.data))
    assert "Under 2026 gällde 6 överenskommelser" in "\n".join(p.text for p in document.paragraphs)
    assert len(document.inline_shapes) == 2


def test_the_downloads_are_the_same_bytes_as_the_apis(client, callers, viewer, year_of_data):
    for name in ("2026.docx", "2026.xlsx", "2026.csv"):
        with frozen_at(date(2027, 1, 15)):
            api = client.get(f"/api/v1/reports/{name}", headers=callers.viewer.headers).data
        assert download(client, name).data == api, name


@pytest.mark.parametrize("role", ["officer", "coordinator", "legal", "admin"])
def test_every_role_reads_the_report_as_in_the_api(client, app, departments, role):
    sign_in(client, app, role)
    assert client.get("/arsrapport/2026").status_code == 200
    assert client.get("/arsrapport/2026.csv").status_code == 200


def test_a_signed_out_visitor_is_sent_to_the_login(client):
    for path in ("/arsrapport", "/arsrapport/2026", "/arsrapport/2026.docx",
                 "/arsrapport/2026/diagram/pengar-per-namnd.png"):
        assert client.get(path).headers["Location"].startswith("/login?next="), path


def test_the_report_address_without_a_year_opens_the_last_full_year(client, viewer):
    with frozen_at(date(2027, 3, 1)):
        response = client.get("/arsrapport")
    assert response.status_code == 302 and response.headers["Location"] == "/arsrapport/2026"


def test_the_year_form_opens_the_chosen_year(client, viewer):
    response = client.get("/arsrapport?year=2025")
    assert response.status_code == 302 and response.headers["Location"] == "/arsrapport/2025"


@pytest.mark.parametrize("typed, message", [
    ("abc", "Ange året med fyra siffror, till exempel 2026."), ("", "Ange året med fyra siffror"),
    ("0", "Ange ett år mellan 1990 och 2100."), ("99999", "Ange året med fyra siffror"),
    ("٢٠٢٦", "Ange året med fyra siffror")])
def test_a_bad_year_in_the_form_is_shown_beside_the_field(client, viewer, typed, message):
    response = client.get("/arsrapport", query_string={"year": typed})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'aria-invalid="true"' in re.search(r'<input[^>]*name="year"[^>]*>', html).group(0)
    assert message in re.search(r'<p class="field__error" id="year-error">(.*?)</p>', html, re.S).group(1)


@pytest.mark.parametrize("path", ["/arsrapport/0", "/arsrapport/99999", "/arsrapport/1989"])
def test_a_year_outside_the_reports_range_is_not_found_with_the_field_to_fix_it(client, viewer, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Ange ett år mellan 1990 och 2100." in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/arsrapport/abc", "/arsrapport/2026.pdf", "/arsrapport/0.csv",
                                  "/arsrapport/99999.docx", "/arsrapport/-1"])
def test_an_address_that_is_no_report_is_a_clean_404(client, viewer, path):
    response = client.get(path)
    assert response.status_code == 404 and response.mimetype == "text/html"


HOSTILE = '<script>alert("x")</script>'
QUOTED = HOSTILE.replace('"', '""')  # as CSV writes a quote inside a quoted field


def test_hostile_text_in_grants_is_escaped_on_the_report_page(client, callers, viewer):
    body = ("year,committee,org_number,organisation,purpose,amount_sek\n"
            f'2026,Socialnämnden,802438-7790,"{QUOTED}",Läxhjälp för barn,1000\n'
            f'2026,Kultur- och fritidsnämnden,802438-7790,Förening,"Läxhjälp för barn {QUOTED}",2000\n')
    response = client.post("/api/v1/grants/import", data=body.encode(), content_type="text/csv",
                           headers=callers.coordinator.headers)
    assert response.get_json()["imported"] == 2, response.get_json()
    html = client.get("/arsrapport/2026").get_data(as_text=True)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(" in html
