"""Importing the committees' grant files: row by row, idempotent, Swedish files as they come."""

import io
import json

import pytest
from openpyxl import Workbook

HEADER = "year,committee,org_number,organisation,purpose,amount_sek\n"
GOOD = (HEADER
        + "2026,Kultur- och fritidsnämnden,802456-1238,Läxhjälpen i Sjöstad,Läxhjälp,150000\n"
        + "2026,Socialnämnden,802471-9653,Sjöstads Stadsmission,Stöd till hemlösa,200000\n"
        + "2026,Socialnämnden,802012-3454,IFK Sjöstad,Aktivitetsstöd,45000\n")


def post_csv(client, caller, text, content_type="text/csv", encoding="utf-8"):
    return client.post("/api/v1/grants/import", data=text.encode(encoding), content_type=content_type,
                       headers=caller.headers)


def imported(client, caller, text, **kwargs):
    response = post_csv(client, caller, text, **kwargs)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def grants(client, caller, query=""):
    response = client.get(f"/api/v1/grants?per_page=100{query}", headers=caller.headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_a_coordinator_imports_a_file_and_sees_every_grant(client, callers):
    body = imported(client, callers.coordinator, GOOD)
    assert {k: body[k] for k in ("imported", "updated", "unchanged", "errors")} == {
        "imported": 3, "updated": 0, "unchanged": 0, "errors": []}
    rows = grants(client, callers.viewer)
    assert sorted((g["org_number"], g["committee"], g["amount_sek"]) for g in rows) == [
        ("802012-3454", "Socialnämnden", 45000), ("802456-1238", "Kultur- och fritidsnämnden", 150000),
        ("802471-9653", "Socialnämnden", 200000)]


def test_importing_the_same_file_again_changes_nothing(client, callers):
    imported(client, callers.coordinator, GOOD)
    before = grants(client, callers.viewer)
    again = imported(client, callers.coordinator, GOOD)
    assert (again["imported"], again["updated"], again["unchanged"], again["errors"]) == (0, 0, 3, [])
    assert grants(client, callers.viewer) == before


def test_a_new_amount_for_the_same_grant_is_an_update_not_a_new_grant(client, callers):
    imported(client, callers.coordinator, GOOD)
    changed = GOOD.replace("Läxhjälp,150000", "Läxhjälp,175000")
    body = imported(client, callers.admin, changed)
    assert (body["imported"], body["updated"], body["unchanged"]) == (0, 1, 2)
    rows = grants(client, callers.viewer, "&org_number=802456-1238")
    assert [g["amount_sek"] for g in rows] == [175000]
    audit = client.get("/api/v1/audit?entity=grant_import", headers=callers.viewer.headers).get_json()
    assert audit[0]["action"] == "grants_import"
    assert [150000, 175000] in audit[0]["changes"].values()


def test_a_file_with_bad_rows_imports_the_good_ones_and_names_the_bad_ones(client, callers):
    text = (HEADER
            + "2026,Kultur- och fritidsnämnden,802456-1238,Läxhjälpen i Sjöstad,Läxhjälp,150000\n"
            + "2026,Kultur- och fritidsnämnden,802456-1239,Fel kontrollsiffra,Läxhjälp,1000\n"
            + "\n"
            + "20x6,Okänd nämnd,802471-9653,Sjöstads Stadsmission,,-5\n"
            + "2026,Socialnämnden,802471-9653,Sjöstads Stadsmission,Stöd till hemlösa,250.000\n"
            + "2026,Socialnämnden,802471-9653,Sjöstads Stadsmission,Stöd till hemlösa,200000\n"
            + "2026,Kultur- och fritidsnämnden,802456-1238,Läxhjälpen i Sjöstad,Läxhjälp,160000\n")
    body = imported(client, callers.coordinator, text)
    assert (body["imported"], body["updated"], body["unchanged"]) == (2, 0, 0)
    errors = {e["row"]: e["message"] for e in body["errors"]}
    assert set(errors) == {3, 5, 6, 8}
    assert "kontrollsiffra" in errors[3]
    assert "Året ska vara fyra siffror" in errors[5] and "»Okänd nämnd« finns inte" in errors[5]
    assert "Ändamålet saknas" in errors[5] and "negativt" in errors[5]
    assert "250.000" in errors[6]
    assert "rad 2" in errors[8]
    assert len(grants(client, callers.viewer)) == 2


@pytest.mark.parametrize("amount, expected", [
    ('"250 000"', 250000), ('"250000,50"', 250000.5), ("250000.50", 250000.5), ('"1 250 000 kr"', 1250000),
    ("\"12\u00a0500\"", 12500)])
def test_swedish_ways_of_writing_amounts_are_understood(client, callers, amount, expected):
    text = HEADER + f"2026,Socialnämnden,802471-9653,Stadsmissionen,Stöd,{amount}\n"
    body = imported(client, callers.coordinator, text)
    assert body["errors"] == [] and body["imported"] == 1
    assert grants(client, callers.viewer)[0]["amount_sek"] == expected


def test_a_swedish_excel_export_with_bom_semicolons_and_windows_1252_is_read(client, callers):
    text = ("År;Nämnd;Organisationsnummer;Förening;Ändamål;Belopp\r\n"
            "2026;Socialnämnden;802471-9653;Sjöstads Stadsmission;Stöd till hemlösa;200 000,00\r\n")
    assert imported(client, callers.coordinator, "\ufeff" + text)["imported"] == 1
    again = imported(client, callers.coordinator, text, encoding="cp1252")
    assert again["unchanged"] == 1 and again["errors"] == []
    assert grants(client, callers.viewer)[0]["organisation"] == "Sjöstads Stadsmission"


def test_committees_are_matched_regardless_of_case_and_spacing(client, callers):
    text = HEADER + "2026,  SOCIALNÄMNDEN ,802471-9653,Stadsmissionen,Stöd,1000\n"
    assert imported(client, callers.coordinator, text)["imported"] == 1
    assert grants(client, callers.viewer, "&committee=socialnämnden")[0]["committee"] == "Socialnämnden"


def test_a_multipart_upload_in_the_field_file_works(client, callers):
    response = client.post("/api/v1/grants/import", headers=callers.coordinator.headers,
                           data={"file": (io.BytesIO(GOOD.encode()), "bidrag.csv", "text/csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 201 and response.get_json()["imported"] == 3


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_an_xlsx_file_is_imported_by_its_content(client, callers):
    data = _xlsx([["year", "committee", "org_number", "organisation", "purpose", "amount_sek"],
                  [2026, "Socialnämnden", "802471-9653", "Stadsmissionen", "Stöd till hemlösa", 200000],
                  [2026.0, "Socialnämnden", 8020123454, "IFK Sjöstad", "Aktivitetsstöd", 45000.5],
                  [None, None, None, None, None, None],
                  [2026, "Socialnämnden", "802456-1238", "Läxhjälpen", "Läxhjälp", "=A2*2"]])
    xlsx_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    for upload in ({"data": data, "content_type": xlsx_type},
                   {"data": {"file": (io.BytesIO(data), "bidrag.xlsx")},
                    "content_type": "multipart/form-data"}):
        response = client.post("/api/v1/grants/import", headers=callers.coordinator.headers, **upload)
        assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert (body["imported"], body["unchanged"]) == (0, 2)
    # The formula is never run: openpyxl reads the value it last showed, and there is none.
    assert body["errors"] == [{"row": 5, "message": "Beloppet saknas."}]
    amounts = sorted(g["amount_sek"] for g in grants(client, callers.viewer))
    assert amounts == [45000.5, 200000]


def test_an_old_xls_file_is_refused_with_advice(client, callers):
    response = client.post("/api/v1/grants/import", headers=callers.coordinator.headers,
                           data={"file": (io.BytesIO(b"\xd0\xcf\x11\xe0rest"), "bidrag.xls")},
                           content_type="multipart/form-data")
    assert response.status_code == 415
    assert ".xlsx" in response.get_json()["message"]


def test_a_broken_xlsx_file_gets_a_message_not_a_crash(client, callers):
    response = client.post("/api/v1/grants/import", headers=callers.coordinator.headers,
                           data=b"PK\x03\x04 not really a zip", content_type="text/csv")
    assert response.status_code == 422
    assert "Excel" in response.get_json()["errors"]["file"][0]


def test_a_file_without_the_columns_is_refused_as_a_whole(client, callers):
    response = post_csv(client, callers.coordinator, "namn,belopp\nx,1\n")
    assert response.status_code == 422
    message = response.get_json()["errors"]["file"][0]
    assert "year" in message and "committee" in message and "belopp" not in message.split(".")[0]


@pytest.mark.parametrize("text", ["", "   \n"])
def test_an_empty_file_is_refused(client, callers, text):
    response = post_csv(client, callers.coordinator, text)
    assert response.status_code == 422 and "tom" in response.get_json()["errors"]["file"][0]


def test_a_file_over_the_size_limit_is_refused(app, client, callers):
    app.config["GRANTS_IMPORT_MAX_BYTES"] = 1000
    try:
        response = post_csv(client, callers.coordinator, GOOD + "x" * 1000)
    finally:
        app.config["GRANTS_IMPORT_MAX_BYTES"] = 5 * 1024 * 1024
    assert response.status_code == 413
    assert response.get_json()["code"] == 413


def test_json_is_not_a_grants_file(client, callers):
    response = client.post("/api/v1/grants/import", json={"year": 2026}, headers=callers.coordinator.headers)
    assert response.status_code == 415


@pytest.mark.parametrize("role", ["officer", "legal", "viewer"])
def test_only_admin_and_coordinator_may_import(client, callers, role):
    response = post_csv(client, callers.by_role()[role], GOOD)
    assert response.status_code == 403
    assert grants(client, callers.viewer) == []


def test_grants_link_to_a_registered_organisation_by_number(client, callers):
    organisation = client.post("/api/v1/organisations", headers=callers.officer.headers, json={
        "name": "Sjöstads Stadsmission", "org_number": "802471-9653", "legal_form": "stiftelse"}).get_json()
    imported(client, callers.coordinator, GOOD)
    linked = {g["org_number"]: g["organisation_id"] for g in grants(client, callers.viewer)}
    assert linked == {"802471-9653": organisation["id"], "802456-1238": None, "802012-3454": None}


def test_the_list_filters_by_year_committee_and_number_and_is_paged(client, callers):
    imported(client, callers.coordinator, GOOD + "2025,Socialnämnden,802471-9653,Stadsmissionen,Stöd,1\n")
    assert len(grants(client, callers.viewer, "&year=2025")) == 1
    assert len(grants(client, callers.viewer, "&committee=Socialnämnden")) == 3
    assert len(grants(client, callers.viewer, "&committee=Socialnämnden&year=2026")) == 2
    assert len(grants(client, callers.viewer, "&committee=Okänd")) == 0
    response = client.get("/api/v1/grants?per_page=2&page=2", headers=callers.legal.headers)
    assert json.loads(response.headers["X-Pagination"])["total"] == 4
    assert [g["year"] for g in response.get_json()] == [2026, 2025]
    bad = client.get("/api/v1/grants?org_number=123", headers=callers.viewer.headers)
    assert bad.status_code == 422 and "org_number" in bad.get_json()["errors"]


def test_text_that_looks_like_a_formula_is_stored_and_shown_as_given(client, callers):
    text = HEADER + '2026,Socialnämnden,802471-9653,"=HYPERLINK(""http://x.example"",""klick"")",@SUM(A1),1000\n'
    assert imported(client, callers.coordinator, text)["imported"] == 1
    grant = grants(client, callers.viewer)[0]
    assert grant["organisation"] == '=HYPERLINK("http://x.example","klick")'
    assert grant["purpose"] == "@SUM(A1)"


def test_the_command_line_imports_a_file_and_prints_the_summary(runner, callers, tmp_path):
    path = tmp_path / "bidrag.csv"
    path.write_text(GOOD + "2026,Okänd,802471-9653,X,Y,1\n", encoding="utf-8")
    result = runner.invoke(args=["grants", "import", str(path)])
    assert result.exit_code == 2, result.output
    assert "Nya: 3, ändrade belopp: 0, oförändrade: 0, rader med fel: 1." in result.output
    assert "Rad 5: Nämnden »Okänd« finns inte" in result.output
    again = runner.invoke(args=["grants", "import", str(path), "--json"])
    summary = json.loads(again.stdout)
    assert (summary["imported"], summary["unchanged"], summary["errors"][0]["row"]) == (0, 3, 5)


def test_a_file_with_more_rows_than_allowed_is_refused_before_anything_is_saved(app, client, callers):
    app.config["GRANTS_IMPORT_MAX_ROWS"] = 2
    try:
        response = post_csv(client, callers.coordinator, GOOD)
    finally:
        app.config["GRANTS_IMPORT_MAX_ROWS"] = 50000
    assert response.status_code == 413 and "fler än 2 rader" in response.get_json()["message"]
    assert grants(client, callers.viewer) == []


def test_an_organisations_grants_are_found_by_its_number_newest_year_first(app, client, callers):
    from iop.grants.services import grants_of_organisation

    older = '2025,Socialnämnden,802471-9653,Stadsmissionen,Stöd,"1000,50"\n'
    imported(client, callers.coordinator, GOOD + older)
    with app.app_context():
        found = grants_of_organisation(org_number="802471-9653")
    assert [(g["year"], g["committee"], g["purpose"], g["amount_sek"]) for g in found] == [
        (2026, "Socialnämnden", "Stöd till hemlösa", 200000), (2025, "Socialnämnden", "Stöd", 1000.5)]
