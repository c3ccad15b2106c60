"""The initiative list: sorted by a column, "mina" (my department's), exported as it is filtered."""

from __future__ import annotations

import csv
import io

import pytest

from tests.agreements.test_lists import titles
from tests.web import sign_in


@pytest.fixture
def officer(client, app, departments):
    return sign_in(client, app, "officer")


def test_initiatives_sort_filter_mine_and_export(client, app, callers, officer, initiatives):
    initiatives.create(callers.officer, title="Bollspel", received_on="2026-03-10")
    initiatives.create(callers.officer, title="Anslag", received_on="2026-03-12")
    initiatives.create(callers.officer_soc, title="Cirkus", received_on="2026-03-11", departments=["SOC"])
    html = client.get("/initiativ?sort=title").get_data(as_text=True)
    assert titles(html, "initiativ") == ["Anslag", "Bollspel", "Cirkus"]
    newest = client.get("/initiativ").get_data(as_text=True)
    assert titles(newest, "initiativ") == ["Anslag", "Cirkus", "Bollspel"]
    mine = client.get("/initiativ?mina=1&sort=received_on&dir=asc").get_data(as_text=True)
    assert titles(mine, "initiativ") == ["Bollspel", "Anslag"]
    response = client.get("/initiativ?mina=1&format=csv")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert [r[0] for r in rows[1:]] == ["Anslag", "Bollspel"]
