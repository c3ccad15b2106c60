"""The agreement and initiative lists: sorted by a column, "mina", exported as they are filtered."""

from __future__ import annotations

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from tests.agreements.factories import clean_iop, draft
from tests.web import sign_in

OFFICER = "officer.web@kommun.test"


@pytest.fixture
def officer(client, app, departments):
    return sign_in(client, app, "officer")


def titles(html: str, prefix: str) -> list[str]:
    return re.findall(rf'<a href="/{prefix}/\d+">([^<]+)</a>', html)


def test_agreements_sort_by_title_and_mina_keeps_in_the_links(client, app, callers, organisation_id, officer):
    draft(client, callers.officer, clean_iop(organisation_id, title="Bravo", case_number="KFN 2026/1"))
    draft(client, callers.officer, clean_iop(organisation_id, title="Alfa", case_number="KFN 2026/2",
                                                responsible_email=OFFICER))
    draft(client, callers.officer, clean_iop(organisation_id, title="Charlie", case_number="KFN 2026/3",
                                                responsible_email=OFFICER))
    html = client.get("/overenskommelser?sort=title&dir=asc").get_data(as_text=True)
    assert titles(html, "overenskommelser") == ["Alfa", "Bravo", "Charlie"]
    assert re.search(r'<th scope="col" aria-sort="ascending"><a class="sort-link"[^>]*>Titel', html)
    mine = client.get("/overenskommelser?mina=1&sort=title&dir=desc").get_data(as_text=True)
    assert titles(mine, "overenskommelser") == ["Charlie", "Alfa"]
    assert re.search(r'name="mina" value="1" checked', mine)
    export = re.search(r'href="(/overenskommelser\?[^"]*format=csv[^"]*)"', mine).group(1)
    export = export.replace("&amp;", "&")
    assert "mina=1" in export and "sort=title" in export
    response = client.get(export)
    assert response.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Titel" and [r[0] for r in rows[1:]] == ["Charlie", "Alfa"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", rows[1][5])  # dates as ISO dates Excel reads


def test_agreements_export_as_xlsx_and_a_bad_format_is_404(client, app, callers, organisation_id, officer):
    draft(client, callers.officer, clean_iop(organisation_id, title="Alfa"))
    response = client.get("/overenskommelser?format=xlsx")
    assert response.status_code == 200 and "overenskommelser.xlsx" in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert [c.value for c in sheet[1]][:2] == ["Titel", "Status"] and sheet["A2"].value == "Alfa"
    assert client.get("/overenskommelser?format=doc").status_code == 404


def test_a_term_over_the_limit_is_shown_on_the_timeline_step_at_the_first_save(client, app, callers,
                                                                                organisation_id, officer):
    from tests.agreements.test_views import post, step_form

    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    path = f"/overenskommelser/{agreement['id']}/utkast/tidplan"
    response = post(client, path, {**step_form(client, path), "end_date": "2031-12-31", "continue": "1"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/utkast/tidplan")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Kontrollera varningen nedan" in html and "Varningar i det här steget" in html
    assert "längre än de 48 månader" in html and 'href="#end_date"' in html
    again = post(client, path, {**step_form(client, path), "continue": "1"})
    assert again.headers["Location"].endswith("/utkast/kontroll")  # seen once, then the officer goes on
