"""The grants page: the list with its filters, and the upload of a committee's file by importers."""

import io
import re

import pytest
from openpyxl import Workbook
from werkzeug.datastructures import FileStorage
from werkzeug.test import stream_encode_multipart

from iop.extensions import db
from iop.grants.models import Grant
from tests.reports import year_2026
from tests.web import page_csrf, sign_in, table_rows, text_of

BAD_ROWS = ("2026,Miljönämnden,802456-1238,Läxhjälpen i Sjöstad,Skolskog,1000\n"
            "2026,Socialnämnden,802456-1239,Läxhjälpen i Sjöstad,Jour,1000\n")


def upload(client, content: bytes, filename: str = "bidrag-2026.csv", token: str | None = None):
    return client.post("/bidrag", **multipart({"csrf_token": token or page_csrf(client, "/bidrag"),
                                               "file": FileStorage(io.BytesIO(content), filename)}))


def multipart(fields: dict) -> dict:
    """The form as an encoded body in memory: the test client would spool a large one to a temporary
    file that it never closes (a ResourceWarning, an error under this suite's settings)."""
    stream, length, boundary = stream_encode_multipart(fields, use_tempfile=False)
    return {"data": stream.read(), "content_type": f"multipart/form-data; boundary={boundary}"}


def field_error(html: str, name: str) -> str:
    control = re.search(rf'<input[^>]*\bname="{name}"[^>]*>', html)
    assert control and 'aria-invalid="true"' in control.group(0)
    shown = re.search(rf"<p class=\"field__error\" id=\"{name}-error\">(.*?)</p>", html, re.S).group(1)
    return text_of(shown).strip().removeprefix("Fel: ")


def stored_grants(app) -> list[tuple]:
    with app.app_context():
        return sorted(db.session.execute(db.select(Grant.org_number, Grant.purpose, Grant.amount_sek)).all())


@pytest.fixture
def coordinator(client, app, departments):
    return sign_in(client, app, "coordinator")


@pytest.fixture
def imported(client, coordinator):
    response = upload(client, year_2026.GRANTS_CSV.encode())
    assert response.status_code == 200
    return response


def test_a_coordinator_uploads_a_file_and_sees_what_was_imported(client, app, imported):
    html = imported.get_data(as_text=True)
    assert "Filen är inläst: bidrag-2026.csv" in html
    text = text_of(html)
    assert "7 nya bidrag" in text and "0 uppdaterade belopp" in text and "0 oförändrade" in text
    assert "0 rader kunde inte läsas in" in text
    assert len(stored_grants(app)) == 7
    rows = table_rows(html, "Alla bidrag, senaste året först")
    assert ["2026", "Socialnämnden", "Sjöstads Stadsmission", "802471-9653", "Stöd till hemlösa",
            "200 000 kr"] in rows
    assert ["2026", "Kultur- och fritidsnämnden", "IFK Sjöstad", "802012-3454", "Aktivitetsstöd",
            "45 000,50 kr"] in rows


def test_uploading_the_same_file_again_changes_nothing(client, app, imported):
    before = stored_grants(app)
    text = text_of(upload(client, year_2026.GRANTS_CSV.encode()).get_data(as_text=True))
    assert "0 nya bidrag" in text and "0 uppdaterade belopp" in text and "7 oförändrade" in text
    assert stored_grants(app) == before


def test_good_rows_are_imported_and_bad_rows_named_by_their_row_number(client, app, coordinator):
    content = (year_2026.GRANTS_CSV.splitlines()[0] + "\n" + year_2026.GRANTS_CSV.splitlines()[1] + "\n"
               + BAD_ROWS).encode()
    response = upload(client, content)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "1 nya bidrag" in text_of(html) and "2 rader kunde inte läsas in" in text_of(html)
    refused = table_rows(html, "Rader som inte lästes in")
    assert [row[0] for row in refused] == ["3", "4"]
    assert "Miljönämnden" in refused[0][1] and "kontrollsiffra" in refused[1][1]
    assert len(stored_grants(app)) == 1


def test_an_xlsx_file_is_read_too(client, app, coordinator):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["År", "Nämnd", "Organisationsnummer", "Förening", "Ändamål", "Belopp"])
    sheet.append([2026, "Socialnämnden", "802471-9653", "Sjöstads Stadsmission", "Stöd till hemlösa", 200000])
    out = io.BytesIO()
    workbook.save(out)
    response = upload(client, out.getvalue(), "bidrag.xlsx")
    assert "1 nya bidrag" in text_of(response.get_data(as_text=True))


def test_no_file_chosen_is_an_error_beside_the_field(client, coordinator):
    response = client.post("/bidrag", data={"csrf_token": page_csrf(client, "/bidrag")},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), "file") == "Välj filen med föreningsbidragen."


def test_a_file_over_the_import_limit_is_refused_beside_the_field(client, app, coordinator, monkeypatch):
    monkeypatch.setitem(app.config, "GRANTS_IMPORT_MAX_BYTES", 2 * 1024 * 1024)
    response = upload(client, year_2026.GRANTS_CSV.encode() + b"x" * (2 * 1024 * 1024))
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "Filen är för stor: högst 2 MB" in field_error(html, "file")
    assert "Filen är inte inläst" in html
    assert stored_grants(app) == []


def test_a_request_over_the_servers_limit_is_refused_beside_the_field(client, app, coordinator, monkeypatch):
    token = page_csrf(client, "/bidrag")
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1024 * 1024)
    response = upload(client, b"x" * (2 * 1024 * 1024), "stor.csv", token=token)
    assert response.status_code == 413
    assert "Filen är för stor: högst 1 MB" in field_error(response.get_data(as_text=True), "file")


def test_an_old_excel_file_is_refused_beside_the_field(client, coordinator):
    response = upload(client, b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "bidrag.xls")
    assert response.status_code == 415
    assert ".xls" in field_error(response.get_data(as_text=True), "file")


def test_a_file_without_the_columns_is_refused_beside_the_field(client, coordinator):
    response = upload(client, b"namn;summa\nA;1\n")
    assert response.status_code == 422
    assert "Rubrikraden saknar kolumnerna" in field_error(response.get_data(as_text=True), "file")


@pytest.mark.parametrize("role", ["viewer", "legal", "officer"])
def test_who_may_not_import_sees_the_list_but_no_form_and_cannot_post(client, app, departments, role):
    sign_in(client, app, role)
    html = client.get("/bidrag").get_data(as_text=True)
    assert "<h1>Föreningsbidrag</h1>" in html
    assert 'type="file"' not in html and "Läs in filen" not in html
    response = upload(client, year_2026.GRANTS_CSV.encode())
    assert response.status_code == 403
    assert stored_grants(app) == []


def test_an_admin_may_import(client, app, departments):
    sign_in(client, app, "admin")
    assert 'type="file"' in client.get("/bidrag").get_data(as_text=True)
    assert "7 nya bidrag" in text_of(upload(client, year_2026.GRANTS_CSV.encode()).get_data(as_text=True))


def test_the_list_filters_by_year_committee_and_organisation_number(client, imported):
    def listed(query):
        html = client.get("/bidrag", query_string=query).get_data(as_text=True)
        return sorted((row[0], row[1], row[3]) for row in table_rows(html, "Sökresultat"))

    assert listed({"year": "2025"}) == [("2025", "Socialnämnden", "802471-9653")]
    assert listed({"committee": "Kommunstyrelsen"}) == [("2026", "Kommunstyrelsen", "802471-9653")]
    assert listed({"org_number": "8024719653", "year": "2026"}) == [
        ("2026", "Kommunstyrelsen", "802471-9653"), ("2026", "Socialnämnden", "802471-9653")]
    html = client.get("/bidrag?org_number=802438-7790").get_data(as_text=True)
    assert "Inga bidrag matchar sökningen." in html and "<table" not in html


def test_a_bad_filter_is_shown_beside_its_field_and_the_list_stays(client, imported):
    response = client.get("/bidrag?year=tjugo&org_number=802456-1239")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert field_error(html, "year") and "kontrollsiffra" in field_error(html, "org_number")
    assert len(table_rows(html, "Sökresultat")) == 7


def test_the_list_pages_by_25(client, app, coordinator):
    lines = ["year,committee,org_number,organisation,purpose,amount_sek"]
    lines += [f"2026,Socialnämnden,802471-9653,Stadsmissionen,Ändamål {n},{1000 + n}" for n in range(30)]
    upload(client, ("\n".join(lines) + "\n").encode())
    first = client.get("/bidrag").get_data(as_text=True)
    assert "Visar 1–25 av 30 bidrag." in first and 'href="/bidrag?page=2"' in first
    assert len(table_rows(client.get("/bidrag?page=2").get_data(as_text=True),
                          "Alla bidrag, senaste året först, sida 2 av 2")) == 5


def test_a_grant_of_a_registered_organisation_links_to_it(client, app, coordinator):
    from iop.organisations import services

    with app.app_context():
        organisation_id = services.create_organisation(name="Läxhjälpen i Sjöstad", org_number="802456-1238",
                                                       legal_form="ideell_forening").id
        db.session.commit()
    html = upload(client, year_2026.GRANTS_CSV.encode()).get_data(as_text=True)
    assert f'<a href="/organisationer/{organisation_id}">Läxhjälpen i Sjöstad</a>' in html


HOSTILE = '<img src=x onerror="alert(1)">'


def test_hostile_text_in_a_grant_is_escaped_on_the_page(client, app, coordinator):
    quoted = HOSTILE.replace('"', '""')
    content = ("year,committee,org_number,organisation,purpose,amount_sek\n"
               f'2026,Socialnämnden,802471-9653,"{quoted}","{quoted}",1000\n'
               f'2026,Nämnd <b>fet</b>,802471-9653,Förening,Jour,1000\n')
    html = upload(client, content.encode(), filename="<script>x</script>.csv").get_data(as_text=True)
    assert "<img src=x" not in html and "<b>fet</b>" not in html and "<script>x" not in html
    assert html.count("&lt;img src=x onerror=") == 2
    assert "&lt;b&gt;fet&lt;/b&gt;" in html  # the refused row's reason names the committee it could not find
    listed = client.get("/bidrag").get_data(as_text=True)
    assert "<img src=x" not in listed and "&lt;img src=x onerror=" in listed
