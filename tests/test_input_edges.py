"""Nothing a user sends breaks the service for anyone: dates at and beyond the edges of the
accepted range, and control characters in text (issue 20, points 1 and 4)."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa

from tests.agreements.factories import clean_iop, draft, signed_agreement
from tests.web import sign_in


def post_agreement(client, callers, organisation_id, **changes):
    return client.post("/api/v1/agreements", json=clean_iop(organisation_id, **changes),
                       headers=callers.officer.headers)


@pytest.mark.parametrize(("changes", "field"), [
    ({"start_date": "0001-06-01"}, "start_date"),
    ({"end_date": "9999-12-31"}, "end_date"),
    ({"start_date": "1899-12-31"}, "start_date"),
    ({"end_date": "2200-01-01"}, "end_date"),
    ({"milestones": [{"date": "9999-12-31", "title": "Långt fram"}]}, "milestones"),
    ({"follow_ups": [{"date": "0001-01-01", "title": "Långt bak"}]}, "follow_ups"),
])
def test_a_date_outside_the_range_is_a_422_naming_the_field(client, callers, organisation_id, changes, field):
    response = post_agreement(client, callers, organisation_id, **changes)
    assert response.status_code == 422, response.get_json()
    errors = response.get_json()["errors"]
    assert field in errors
    assert "1900-01-01" in str(errors[field]) and "2199-12-31" in str(errors[field])


def test_dates_at_the_edges_of_the_range_are_taken(client, callers, organisation_id):
    response = post_agreement(client, callers, organisation_id, start_date="1900-01-01",
                              end_date="2199-12-31", milestones=[{"date": "2199-12-31", "title": "Sist"}])
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert (body["start_date"], body["end_date"]) == ("1900-01-01", "2199-12-31")


def test_the_range_is_a_setting(make_app, database_url):
    from tests.conftest import app_config

    app = make_app(app_config(database_url, DATE_MIN="2000-01-01", DATE_MAX="2100-12-31"))
    assert str(app.config["DATE_MIN"]) == "2000-01-01"
    with app.test_request_context():
        from iop.agreements.schemas import AgreementContent

        errors = AgreementContent().validate({"title": "x", "start_date": "1999-12-31"}, partial=True)
    assert "2000-01-01" in str(errors["start_date"])


def test_initiatives_and_query_dates_are_held_to_the_range(client, callers):
    response = client.post("/api/v1/initiatives", headers=callers.officer.headers, json={
        "title": "Spontanidrott", "description": "Öppen hall på lördagar.", "received_on": "2200-01-01"})
    assert response.status_code == 422 and "received_on" in response.get_json()["errors"]
    listing = client.get("/api/v1/reminders?due_before=9999-12-31", headers=callers.officer.headers)
    assert listing.status_code == 422 and "due_before" in str(listing.get_json()["errors"])


def test_the_reminders_cli_holds_its_date_to_the_range(runner):
    result = runner.invoke(args=["reminders", "run", "--date", "9999-12-31"])
    assert result.exit_code != 0 and "2199-12-31" in result.output


def store_extreme_dates(app, agreement_id: int, start: str, end: str) -> None:
    """What a row written before the rule holds: the service no longer lets anyone send this."""
    from iop.extensions import db

    with app.app_context():
        db.session.execute(sa.text("UPDATE agreements SET start_date = :start, end_date = :end, "
                                   "notice_deadline = NULL WHERE id = :id"),
                           {"start": start, "end": end, "id": agreement_id})
        for table in ("milestones", "follow_ups"):
            db.session.execute(sa.text(f"UPDATE {table} SET date = :end WHERE agreement_id = :id"),
                               {"end": end, "id": agreement_id})
        db.session.commit()


@pytest.mark.parametrize(("start", "end"), [("0001-01-01", "0001-03-31"), ("0001-06-01", "0002-01-01"),
                                            ("0001-06-01", "9999-12-31"), ("9998-01-01", "9999-12-31")])
def test_rows_stored_before_the_rule_never_make_a_read_or_a_job_fail(
        app, client, callers, organisation_id, start, end):
    active = signed_agreement(client, callers, organisation_id)
    other = draft(client, callers.officer, clean_iop(organisation_id, case_number="KFN 2026/0043"))
    for agreement in (active, other):
        store_extreme_dates(app, agreement["id"], start, end)
    feed = client.post("/api/v1/calendar-feeds", json={"scope": "department", "department": "KFF"},
                       headers=callers.officer.headers).get_json()

    headers = callers.officer.headers
    for url in (f"/api/v1/agreements/{active['id']}", f"/api/v1/agreements/{other['id']}",
                "/api/v1/agreements", "/api/v1/agreements?ends_before=2199-12-31",
                f"/api/v1/agreements/{other['id']}/document", "/api/v1/reminders",
                "/api/v1/export/ocds", "/api/v1/reports/2026", "/api/v1/reports/2026.xlsx",
                "/api/v1/reports/2026.docx"):
        response = client.get(url, headers=headers)
        assert response.status_code == 200, (url, response.status_code)
    assert client.get(feed["url"].removeprefix("http://iop.test")).status_code == 200

    result = app.test_cli_runner().invoke(args=["reminders", "run"])
    assert result.exit_code == 0, result.output

    sign_in(client, app)
    for path in ("/", "/overenskommelser", f"/overenskommelser/{active['id']}",
                 f"/overenskommelser/{other['id']}", f"/overenskommelser/{other['id']}/utkast/kontroll",
                 f"/overenskommelser/{active['id']}/fornyelse", "/paminnelser", "/arsrapport/2026"):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)


@pytest.mark.parametrize("year", [1, 9999, 0, 1989, 2101])
def test_a_report_year_outside_the_range_is_a_4xx(client, callers, year):
    for suffix in ("", ".csv", ".xlsx", ".docx"):
        response = client.get(f"/api/v1/reports/{year}{suffix}", headers=callers.coordinator.headers)
        assert 400 <= response.status_code < 500, (year, suffix, response.status_code)


@pytest.mark.parametrize("character", ["\u000b", "\u0007", "\u001b", "\u0085", "\u007f"])
def test_a_control_character_in_a_text_field_is_a_422_naming_the_field(client, callers, character):
    from tests.organisations.test_api import LAXHJALPEN

    response = client.post("/api/v1/organisations", headers=callers.officer.headers,
                           json={**LAXHJALPEN, "name": f"Läxhjälpen{character}i Sjöstad"})
    assert response.status_code == 422
    assert "name" in response.get_json()["errors"]


def test_tab_and_newline_stay_allowed(client, callers, organisation_id):
    response = post_agreement(client, callers, organisation_id, background="Rad ett\nRad två\tmed tabb")
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["background"] == "Rad ett\nRad två\tmed tabb"


def test_an_organisation_stored_earlier_with_control_characters_still_gives_valid_xlsx_and_docx(
        app, client, callers, organisation_id):
    import docx
    import openpyxl

    from iop.extensions import db

    agreement = signed_agreement(client, callers, organisation_id, start_date="2026-01-01")
    grants = ("year,committee,org_number,organisation,purpose,amount_sek\n"
              "2026,Kultur- och fritidsnämnden,802456-1238,Läxhjälpen,Läxhjälp,150000\n"
              "2026,Socialnämnden,802456-1238,Läxhjälpen,Föräldrastöd,50000\n")
    assert client.post("/api/v1/grants/import", data=grants.encode(), content_type="text/csv",
                       headers=callers.coordinator.headers).status_code == 201
    stored = "Läxhjälpen\u000bi\u0007Sjöstad\u001b"
    with app.app_context():
        db.session.execute(sa.text("UPDATE organisations SET name = :name"), {"name": stored})
        db.session.execute(sa.text("UPDATE grants SET organisation_name = :name"), {"name": stored})
        db.session.execute(sa.text("UPDATE committees SET name = :name WHERE name = 'Socialnämnden'"),
                           {"name": "Social\u000bnämnden"})
        db.session.commit()

    xlsx = client.get("/api/v1/reports/2026.xlsx", headers=callers.coordinator.headers)
    assert xlsx.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx.data))
    cells = [str(c) for sheet in workbook for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "LäxhjälpeniSjöstad" in cells and "Socialnämnden" in " ".join(cells)

    report = client.get("/api/v1/reports/2026.docx", headers=callers.coordinator.headers)
    assert report.status_code == 200
    tables = docx.Document(io.BytesIO(report.data)).tables
    assert "LäxhjälpeniSjöstad" in {cell.text for table in tables for row in table.rows for cell in row.cells}

    document = client.get(f"/api/v1/agreements/{agreement['id']}/document", headers=callers.officer.headers)
    assert document.status_code == 200
    agreement_document = docx.Document(io.BytesIO(document.data))
    text = "\n".join([p.text for p in agreement_document.paragraphs]
                     + [c.text for t in agreement_document.tables for r in t.rows for c in r.cells])
    assert "Läxhjälpen" in text and "\u000b" not in text  # shown as ␋, as the agreement text always has


def test_a_committee_named_with_dollar_signs_keeps_its_chart(app, client, callers):
    import docx

    committee = "Nämnden för $-stöd och ^$-lån"
    response = client.post("/api/v1/departments", headers=callers.admin.headers, json={
        "code": "FIN", "name": "Finansförvaltningen", "committee": committee, "email": "fin@kommun.test"})
    assert response.status_code == 201, response.get_json()
    grants = ("year,committee,org_number,organisation,purpose,amount_sek\n"
              f"2026,{committee},802456-1238,Läxhjälpen,Läxhjälp,150000\n")
    assert client.post("/api/v1/grants/import", data=grants.encode(), content_type="text/csv",
                       headers=callers.coordinator.headers).status_code == 201

    report = client.get("/api/v1/reports/2026.docx", headers=callers.coordinator.headers)
    assert report.status_code == 200
    assert len(docx.Document(io.BytesIO(report.data)).inline_shapes) == 2
    sign_in(client, app, role="viewer")
    chart = client.get("/arsrapport/2026/diagram/pengar-per-namnd.png")
    assert chart.status_code == 200 and chart.mimetype == "image/png"
    assert committee in client.get("/arsrapport/2026").get_data(as_text=True)


@pytest.mark.parametrize("body", ["[" * 5000 + "]" * 5000, '{"title": ' + "[" * 5000 + "]" * 5000 + "}",
                                  '{"a":' * 5000 + "1" + "}" * 5000])
def test_json_nested_thousands_of_levels_deep_is_a_400(client, callers, body):
    for url in ("/api/v1/agreements", "/api/v1/organisations", "/api/v1/initiatives"):
        response = client.post(url, data=body, content_type="application/json",
                               headers=callers.officer.headers)
        assert response.status_code == 400, (url, response.status_code)


def test_brackets_inside_strings_are_text_not_nesting(client, callers, organisation_id):
    response = post_agreement(client, callers, organisation_id, background="[" * 5000)
    assert response.status_code == 201, response.get_json()


def test_a_json_body_over_the_limit_is_a_413(client, callers, organisation_id):
    payload = clean_iop(organisation_id, background="x" * (1024 * 1024))
    response = client.post("/api/v1/agreements", json=payload, headers=callers.officer.headers)
    assert response.status_code == 413


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _workbook(rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _replace_sheet(data: bytes, sheet_xml: bytes) -> bytes:
    import zipfile

    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            sheet = info.filename == "xl/worksheets/sheet1.xml"
            target.writestr(info.filename, sheet_xml if sheet else content)
    return out.getvalue()


BOMB = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>')


@pytest.mark.parametrize("sheet_xml", [b"<worksheet><sheetData><row>", b"not xml at all", BOMB])
def test_a_broken_or_hostile_workbook_is_a_422(client, callers, sheet_xml):
    data = _replace_sheet(_workbook([["year", "committee"], [2026, "Socialnämnden"]]), sheet_xml)
    response = client.post("/api/v1/grants/import", data=data, content_type=XLSX,
                           headers=callers.coordinator.headers)
    assert response.status_code == 422, response.get_json()
    assert "Excel" in response.get_json()["errors"]["file"][0]


def test_a_wide_row_is_read_only_as_far_as_the_columns_go(client, callers):
    header = ["year", "committee", "org_number", "organisation", "purpose", "amount_sek"]
    row = [2026, "Socialnämnden", "802471-9653", "Stadsmissionen", "Stöd", 200000] + ["x"] * 5000
    response = client.post("/api/v1/grants/import", data=_workbook([header, row]), content_type=XLSX,
                           headers=callers.coordinator.headers)
    assert response.status_code == 201 and response.get_json()["imported"] == 1
