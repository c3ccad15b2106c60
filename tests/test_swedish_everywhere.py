"""The same figures read the same in an agreement document, the yearly report and a web page.

One agreement (250 000 kr a year from the municipality, 12,25 volunteer hours a year, ending
1 July 2026, extended 1 month at a time at most 2 times) is rendered through all three, and the
report is made again with a second agreement so that a count of 1 and of 2 are both read.
"""

import io
from datetime import date

import docx

from iop.agreements.models import Agreement, Status
from iop.clock import frozen_at
from iop.extensions import db
from tests.agreements.factories import clean_iop, draft
from tests.web import sign_in, table_rows, text_of

NB = "\u00a0"
AMOUNT = f"250{NB}000 kr"
IN_2026 = f"124{NB}658 kr"
HOURS = "12,25 tim"
DAY = "1 juli 2026"


def _payload(organisation_id, title, case_number):
    return clean_iop(organisation_id, title=title, case_number=case_number, start_date="2025-07-02",
                     end_date="2026-07-01", notice_period_months=1, extension_months=1, max_extensions=2,
                     milestones=[],
                     follow_ups=[], resources=[
                         {"party": "municipality", "type": "money", "description": "Bidrag",
                          "amount_sek": 250000, "per": "year"},
                         {"party": "organisation", "type": "volunteer_hours", "description": "Läxhjälp",
                          "hours": 12.25, "per": "year"}])


def _make_active(app, agreement_id):
    """Signed and in force, as the lifecycle leaves it (the signing flow has tests of its own)."""
    with app.app_context():
        agreement = db.session.get(Agreement, agreement_id)
        agreement.status, agreement.signed_on = Status.ACTIVE, date(2025, 6, 20)
        db.session.commit()


def _seen(text: str) -> str:
    """As tests.web's page readers give it: no-break spaces read as spaces."""
    return text.replace(NB, " ")


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _report(client, caller):
    with frozen_at(date(2026, 7, 1)):
        word = client.get("/api/v1/reports/2026.docx", headers=caller.headers)
        page = client.get("/arsrapport/2026")
    assert word.status_code == 200 and page.status_code == 200
    return _docx_text(word.data), page.get_data(as_text=True)


def test_an_amount_hours_a_date_and_counts_read_the_same_in_document_report_and_page(
        app, client, callers, organisation_id):
    first = draft(client, callers.officer, _payload(organisation_id, "Läxhjälp i Norr", "KFN 2025/0001"))

    document = client.get(f"/api/v1/agreements/{first['id']}/document", headers=callers.officer.headers)
    assert document.status_code == 200
    text = _docx_text(document.data)
    assert AMOUNT in text
    assert f"{HOURS} per år" in text
    assert DAY in text
    assert "1 månad" in text and "1 månader" not in text
    assert "två gånger" in text

    _make_active(app, first["id"])
    sign_in(client, app, "viewer")
    page = client.get(f"/overenskommelser/{first['id']}").get_data(as_text=True)
    resources = table_rows(page, "Resurser som parterna bidrar med")
    assert [row[3:] for row in resources] == [[_seen(AMOUNT), "–", "per år"], ["–", HOURS, "per år"]]
    assert f">{AMOUNT}</td>" in page and f">{HOURS}</td>" in page  # the no-break space is there
    shown = text_of(page)
    assert f"gäller till och med {DAY}" in shown
    assert "1 månad i taget, högst två gånger" in shown

    word, report_page = _report(client, callers.viewer)
    # 250 000 kr a year from 2 July 2025 to 1 July 2026 counts 182 of 365 days in 2026 (pro rata).
    assert f"Kommunen bidrog med {IN_2026}" in word
    assert "organisationerna med 6 ideella timmar" in word  # 12,25 a year, 182 of 365 days, whole hours
    assert "Datum: 2026-07-01" in word
    assert "gällde 1 överenskommelse med" in word
    overview = dict(table_rows(report_page, "Översikt 2026 (preliminär)"))
    assert overview["Kommunens insatser i överenskommelserna"] == _seen(IN_2026)
    assert f">{IN_2026}</td>" in report_page
    assert overview["Ideella timmar"] == "6 tim"
    assert f"Kommunen bidrog med {IN_2026}" in report_page
    assert "gällde 1 överenskommelse med" in text_of(report_page)

    second = draft(client, callers.officer, _payload(organisation_id, "Läxhjälp i Söder", "KFN 2025/0002"))
    _make_active(app, second["id"])
    word, report_page = _report(client, callers.viewer)
    assert "gällde 2 överenskommelser med" in word
    assert "gällde 2 överenskommelser med" in text_of(report_page)
