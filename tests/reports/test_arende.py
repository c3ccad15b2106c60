"""The Word report as an ärende the board's secretary can put on the agenda, and the kept copy of
what went to the board."""

import hashlib
import io
import re
from datetime import date

import docx
import pytest

from iop.clock import frozen_at

NB = "\u00a0"
# A plural after exactly one: "1 överenskommelser", "1 ideella timmar", "1 organisationer" ...
WRONG_PLURAL = re.compile(r"(?<![\d\u00a0,])1[ \u00a0](överenskommelser|organisationer|ideella timmar|"
                          r"timmar|rader|dagar|årliga överenskommelser|källor)\b")
ORE = re.compile(r"\d,\d\d[ \u00a0]kr")


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def headings(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.style.name.startswith("Heading")]


def get_docx(client, caller, year=2026, on=date(2027, 1, 15)):
    with frozen_at(on):
        response = client.get(f"/api/v1/reports/{year}.docx", headers=caller.headers)
    assert response.status_code == 200, response.data[:300]
    return response.data


@pytest.fixture
def tagged(app, client, callers, year_of_data):
    """A1 named, serving a municipal goal, with a statement on gender equality."""
    from iop.agreements.models import Agreement
    from iop.extensions import db

    with app.app_context():
        db.session.get(Agreement, year_of_data["A1"]).title = "Läxhjälp och föräldrastöd i Norra Sjöstad"
        db.session.commit()
    goal = client.post("/api/v1/municipal-goals", headers=callers.admin.headers,
                       json={"number": 8, "name": "En kreativ kommun",
                             "description": "Samverkan med föreningslivet."})
    assert goal.status_code == 201, goal.get_json()
    put = client.put(f"/api/v1/agreements/{year_of_data['A1']}/goals", headers=callers.officer.headers,
                     json={"goal_ids": [goal.get_json()["id"]],
                           "gender_equality": "Lika många flickor som pojkar får läxhjälp."})
    assert put.status_code == 200, put.get_json()
    assert put.get_json()["goal_ids"] == [goal.get_json()["id"]]
    return goal.get_json()["id"]


def test_the_word_report_is_an_arende_with_goals_gender_equality_lists_and_overlaps(client, callers, tagged):
    data = get_docx(client, callers.viewer)
    found = headings(data)
    for heading in ("Förslag till beslut", "Sammanfattning", "Bakgrund", "Ärendet", "Ekonomiska konsekvenser",
                    "Kommunala mål", "Jämställdhet", "Samråd", "Beslutet skickas till",
                    "Bilaga 1. Förteckningar", "Bilaga 2. Om underlaget"):
        assert heading in found, heading
    assert found.index("Förslag till beslut") < found.index("Bakgrund") < found.index("Kommunala mål")
    assert found.count("Bilaga 2. Om underlaget") == 1  # one method text
    text = docx_text(data)
    assert "1. Kommunstyrelsen lägger rapporten till handlingarna." in text
    assert "17 januari 2017, § 29" in text
    assert "8. En kreativ kommun" in text
    assert "Lika många flickor som pojkar får läxhjälp." in text
    assert re.search(r"1 av 6 överenskommelser under året (och \d+ av \d+ initiativ som kom in under året )?"
                     r"beskriver hur verksamheten berör flickor och pojkar, kvinnor och män\.", text)
    assert "5 överenskommelser under året är inte kopplade till något mål." in text
    assert "så raderna kan inte läggas ihop" in text  # an agreement counts under each goal it serves
    assert "Läxhjälp och föräldrastöd i Norra Sjöstad" in text  # the agreements by title
    assert "Läxhjälpen i Sjöstad (802456-1238)" in text  # the overlaps, per organisation
    assert "Preliminär" not in text
    assert not WRONG_PLURAL.search(text), WRONG_PLURAL.search(text)
    assert not ORE.search(text), ORE.search(text)  # A7's 25 000,50 kr is whole kronor


def test_a_year_not_over_is_preliminar(client, callers, year_of_data):
    text = docx_text(get_docx(client, callers.viewer, on=date(2026, 11, 30)))
    assert "Preliminär: året 2026 är inte slut" in text


def test_the_word_lists_are_capped_and_say_where_the_rest_is(app, client, callers, year_of_data):
    app.config["REPORT_LIST_ROWS"] = 2
    text = docx_text(get_docx(client, callers.viewer))
    assert "Listan visar de 2 första av 6; hela listan finns i Excel-filen." in text


def test_a_coordinator_produces_the_arende_and_it_is_kept_as_it_went_to_the_board(client, callers,
                                                                                  year_of_data):
    body = {"case_number": "KS 2027/0042", "date": "2027-02-01",
            "proposal": "Kommunstyrelsen lägger rapporten till handlingarna.\nKommunstyrelsen ger "
                        "kommundirektören i uppdrag att granska de likartade ändamålen.",
            "comment": "Nätverket har träffats sex gånger under året."}
    with frozen_at(date(2027, 1, 20)):
        response = client.post("/api/v1/reports/2026/produce", json=body, headers=callers.coordinator.headers)
    assert response.status_code == 201, response.get_json()
    kept = response.get_json()
    assert kept["case_number"] == "KS 2027/0042" and kept["date"] == "2027-02-01"
    assert kept["preliminary"] is False and len(kept["sha256"]) == 64
    document = client.get(f"/api/v1/reports/produced/{kept['id']}/document", headers=callers.viewer.headers)
    assert document.status_code == 200
    assert hashlib.sha256(document.data).hexdigest() == kept["sha256"]
    assert document.headers["ETag"] == f'"{kept["sha256"]}"'
    text = docx_text(document.data)
    assert "Diarienummer: KS 2027/0042" in text and "Datum: 2027-02-01" in text
    assert "2. Kommunstyrelsen ger kommundirektören i uppdrag att granska de likartade ändamålen." in text
    assert "Kommentar" in headings(document.data) and "Nätverket har träffats sex gånger" in text
    listed = client.get("/api/v1/reports/produced?year=2026", headers=callers.viewer.headers).get_json()
    assert [r["id"] for r in listed] == [kept["id"]]
    one = client.get(f"/api/v1/reports/produced/{kept['id']}", headers=callers.viewer.headers).get_json()
    assert one["sha256"] == kept["sha256"]


def test_producing_needs_a_case_number_and_a_date_and_the_coordinator(client, callers, year_of_data):
    response = client.post("/api/v1/reports/2026/produce", json={}, headers=callers.coordinator.headers)
    assert response.status_code == 422
    assert set(response.get_json()["errors"]["json"]) >= {"case_number", "date"}
    response = client.post("/api/v1/reports/2026/produce", json={"case_number": "KS 1", "date": "2027-02-01"},
                           headers=callers.officer.headers)
    assert response.status_code == 403


def test_only_the_agreements_department_tags_it_with_goals(client, callers, year_of_data):
    goal = client.post("/api/v1/municipal-goals", headers=callers.admin.headers, json={"name": "Trygghet"})
    assert client.post("/api/v1/municipal-goals", headers=callers.officer.headers,
                       json={"name": "Annat"}).status_code == 403
    path = f"/api/v1/agreements/{year_of_data['A1']}/goals"  # KFF's
    assert client.put(path, json={"goal_ids": [goal.get_json()["id"]]},
                      headers=callers.officer_soc.headers).status_code == 403
    unknown = client.put(path, json={"goal_ids": [9999]}, headers=callers.officer.headers)
    assert unknown.status_code == 422 and "goal_ids" in unknown.get_json()["errors"]


def test_a_coordinator_produces_and_downloads_the_arende_on_the_report_page(client, app, year_of_data):
    from tests.web import page_csrf, sign_in, text_of

    sign_in(client, app, "coordinator")
    with frozen_at(date(2027, 1, 20)):
        page = client.get("/arsrapport/2026").get_data(as_text=True)
        for heading in ("Förslag till beslut", "Bakgrund", "Ärendet", "Kommunala mål", "Jämställdhet",
                        "Förteckningar", "Organisationer med pengar från flera källor"):
            assert f">{heading}</h" in page, heading
        assert "Ta fram ärendet" in page and "Inget ärende är framtaget för 2026 ännu." in page
        token = page_csrf(client, "/arsrapport/2026")
        refused = client.post("/arsrapport/2026/arende", data={"csrf_token": token, "date": "2027-02-01"})
        assert refused.status_code == 422
        assert "Diarienummer" in text_of(refused.get_data(as_text=True))
        done = client.post("/arsrapport/2026/arende", data={
            "csrf_token": token, "case_number": "KS 2027/0042", "date": "2027-02-01",
            "proposal": "Kommunstyrelsen lägger rapporten till handlingarna.", "comment": ""})
        assert done.status_code == 302
        page = client.get(done.headers["Location"]).get_data(as_text=True)
    assert "KS 2027/0042" in page
    link = re.search(r'href="(/arsrapport/framtagna/\d+\.docx)"', page).group(1)
    kept = client.get(link)
    assert kept.status_code == 200 and kept.headers["Content-Disposition"].startswith("attachment")
    assert kept.headers["ETag"] == f'"{hashlib.sha256(kept.data).hexdigest()}"'
    assert "Diarienummer: KS 2027/0042" in docx_text(kept.data)


def test_a_viewer_sees_the_arende_but_no_form_to_produce_it(client, app, year_of_data):
    from tests.web import sign_in

    sign_in(client, app, "viewer")
    page = client.get("/arsrapport/2026").get_data(as_text=True)
    assert "Förslag till beslut" in page and "Ta fram ärendet" not in page
    assert client.post("/arsrapport/2026/arende", data={}).status_code in (400, 403)


def test_the_json_report_has_the_goals_gender_equality_and_the_year_before(client, callers, tagged):
    with frozen_at(date(2027, 1, 15)):
        report = client.get("/api/v1/reports/2026", headers=callers.viewer.headers).get_json()
    assert report["goals"] == [{"id": tagged, "number": 8, "name": "En kreativ kommun", "agreements": 1,
                                "municipality_sek": 106661}]  # A1: 100 000 money + 6 661 premises
    assert report["untagged_agreements"] == 5
    assert report["gender_equality"]["agreements_stating"] == 1
    assert report["previous_year"]["year"] == 2025 and report["previous_year"]["active"] == 3


def test_the_goals_and_gender_equality_sentences_read_right_for_one_none_and_many():
    from iop.reports.documents import gender_equality_texts, goals_texts

    goal = {"id": 1, "number": 1, "name": "Trygghet", "agreements": 1, "municipality_sek": 1000}
    assert goals_texts({"goals": [goal], "untagged_agreements": 1})[1] == \
        "1 överenskommelse under året är inte kopplad till något mål."
    assert goals_texts({"goals": [goal], "untagged_agreements": 0})[1] is None
    assert "inte lagt in några kommunala mål" in goals_texts({"goals": [], "untagged_agreements": 3})[0]

    def equality(agreements, stating, initiatives, initiatives_stating, shown_agreements=0):
        statements = [{"type": "agreement", "title": f"Avtal {n}", "text": "Text."}
                      for n in range(shown_agreements)]
        return {"gender_equality": {"agreements": agreements, "agreements_stating": stating,
                                    "initiatives": initiatives, "initiatives_stating": initiatives_stating,
                                    "statements": statements}}

    one = ("1 av 1 överenskommelse under året beskriver hur verksamheten berör flickor och pojkar, "
           "kvinnor och män.")
    assert gender_equality_texts(equality(1, 1, 0, 0, 1)) == [one]
    assert gender_equality_texts(equality(0, 0, 0, 0)) == [
        "Inga överenskommelser gällde och inga initiativ kom in under året."]
    capped = gender_equality_texts(equality(120, 80, 4, 0, 50))
    assert capped[0].startswith("80 av 120 överenskommelser under året och 0 av 4 initiativ som kom in")
    assert capped[1].startswith("Nedan visas de första 50 beskrivningarna av varje slag")
