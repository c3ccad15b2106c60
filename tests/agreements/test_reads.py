"""Reading one agreement: its ETag, and If-None-Match answered 304 until it changes."""

from tests.agreements.factories import clean_iop, draft, patch


def test_if_none_match_with_the_current_etag_is_answered_304_until_the_agreement_changes(
        client, callers, organisation_id):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    url = f"/api/v1/agreements/{agreement['id']}"
    first = client.get(url, headers=callers.viewer.headers)
    etag = first.headers["ETag"]
    assert first.status_code == 200 and first.get_json()["title"] == agreement["title"]

    cached = client.get(url, headers={**callers.viewer.headers, "If-None-Match": etag})
    assert cached.status_code == 304 and cached.data == b"" and cached.headers["ETag"] == etag
    weak = client.get(url, headers={**callers.viewer.headers, "If-None-Match": f"W/{etag}"})
    assert weak.status_code == 304

    assert patch(client, callers.officer, agreement["id"], {"title": "Ny titel"}).status_code == 200
    changed = client.get(url, headers={**callers.viewer.headers, "If-None-Match": etag})
    assert changed.status_code == 200 and changed.get_json()["title"] == "Ny titel"
    assert changed.headers["ETag"] != etag


def test_if_none_match_for_an_agreement_that_does_not_exist_is_404(client, callers):
    response = client.get("/api/v1/agreements/999999", headers={**callers.viewer.headers,
                                                                 "If-None-Match": '"agreement-999999-v1"'})
    assert response.status_code == 404


def test_every_list_row_is_what_the_summary_schema_answers_for_that_agreement(
        app, client, callers, organisation_id):
    """The list is shaped without marshmallow (its hot path); the schema stays the contract."""
    import sqlalchemy as sa

    from iop.agreements.models import Agreement
    from iop.agreements.schemas import AgreementSummary
    from iop.extensions import db
    from tests.organisations.test_api import LAXHJALPEN

    other = client.post("/api/v1/organisations", headers=callers.officer.headers, json={
        **LAXHJALPEN, "name": "Röda Korset Sjöstad", "org_number": "802002-4835"}).get_json()["id"]
    two = clean_iop(organisation_id, organisations=[other, organisation_id])
    two["resources"][1]["organisation_id"] = organisation_id
    draft(client, callers.officer, two)
    draft(client, callers.officer, clean_iop(organisation_id, case_number=None, start_date=None,
                                             end_date=None, notice_period_months=None))
    draft(client, callers.officer, {"template": "iop", "title": "Bara en titel", "organisations": []})
    listed = client.get("/api/v1/agreements?per_page=50", headers=callers.viewer.headers).get_json()

    with app.app_context():
        agreements = db.session.scalars(sa.select(Agreement).order_by(Agreement.id.desc())).all()
        expected = AgreementSummary(many=True).dump(agreements)
    assert listed == expected
    assert {len(row["organisations"]) for row in listed} == {0, 1, 2}
    assert listed[-1]["organisation_names"] == ["Röda Korset Sjöstad", "Läxhjälpen i Sjöstad"]


def _whole(app, agreement_id: int) -> dict:
    """GET one as the schema dumps a freshly loaded agreement (the path before answers were kept)."""
    from iop.agreements import services, template_versions
    from iop.agreements.legality import legality_warnings
    from iop.agreements.schemas import AgreementRead
    from iop.extensions import db

    with app.test_request_context():
        agreement = services.get_agreement(agreement_id=agreement_id)
        agreement.warnings = legality_warnings(agreement)
        agreement.template_version = template_versions.template_version_of(agreement)
        answer = AgreementRead().dump(agreement)
        db.session.remove()
    return answer


def test_a_kept_answer_is_what_the_schema_answers_and_follows_every_change(
        app, client, callers, organisation_id):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    url = f"/api/v1/agreements/{agreement['id']}"
    first = client.get(url, headers=callers.viewer.headers)
    again = client.get(url, headers=callers.viewer.headers)  # answered from what the first kept
    assert first.get_json() == again.get_json() == _whole(app, agreement["id"])
    assert first.headers["ETag"] == again.headers["ETag"]

    assert patch(client, callers.officer, agreement["id"], {"title": "Ny titel", "resources": [
        {"party": "municipality", "type": "money", "amount_sek": 2000000, "per": "year"},
        {"party": "organisation", "type": "volunteer_hours", "hours": 500}]}).status_code == 200
    changed = client.get(url, headers=callers.viewer.headers).get_json()
    assert changed == _whole(app, agreement["id"])
    assert changed["title"] == "Ny titel" and changed["resources"][0]["amount_sek"] == 2000000


def test_the_state_aid_warning_is_read_afresh_when_other_aid_arrives(app, client, callers, organisation_id):
    """The agreement's own answer is kept; aid granted elsewhere since changes its warnings all the same."""
    agreement = draft(client, callers.officer, clean_iop(organisation_id, resources=[
        {"party": "municipality", "type": "money", "amount_sek": 1000000, "per": "total"},
        {"party": "organisation", "type": "volunteer_hours", "hours": 500}]))
    url = f"/api/v1/agreements/{agreement['id']}"
    before = client.get(url, headers=callers.viewer.headers)
    assert [w["code"] for w in before.get_json()["warnings"]] == []

    grants = ("year,committee,org_number,organisation,purpose,amount_sek\n"
              "2026,Socialnämnden,802456-1238,Läxhjälpen i Sjöstad,Läxhjälp,2500000\n")
    assert client.post("/api/v1/grants/import", data=grants.encode(), headers={
        **callers.admin.headers, "Content-Type": "text/csv"}).get_json()["imported"] == 1
    after = client.get(url, headers=callers.viewer.headers)
    assert [w["code"] for w in after.get_json()["warnings"]] == ["de_minimis_exceeded"]
    assert after.headers["ETag"] == before.headers["ETag"]  # the agreement itself did not change
    assert after.get_json() == _whole(app, agreement["id"])


def test_reading_an_unchanged_agreement_again_runs_two_statements(app, client, callers, organisation_id,
                                                                 monkeypatch):
    """The token, and the agreement's version with the newest audit event: the rest is kept."""
    from bench.api import count_queries

    monkeypatch.setitem(app.config, "KEPT_VERIFY", False)
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    url = f"/api/v1/agreements/{agreement['id']}"

    def statements() -> int:
        with app.app_context():
            return count_queries(app, url, callers.viewer.headers)

    assert statements() == 2
    assert patch(client, callers.officer, agreement["id"], {"title": "Ny titel"}).status_code == 200
    assert client.get(url, headers=callers.viewer.headers).get_json()["title"] == "Ny titel"
    assert statements() == 2


def test_a_page_of_the_list_read_again_runs_two_statements_and_shows_what_changed(
        app, client, callers, organisation_id, monkeypatch):
    """The token and the newest audit event: the page is kept until an audited row changes."""
    from bench.api import count_queries

    monkeypatch.setitem(app.config, "KEPT_VERIFY", False)
    draft(client, callers.officer, clean_iop(organisation_id))
    url = "/api/v1/agreements?per_page=50"

    def statements() -> int:
        with app.app_context():
            return count_queries(app, url, callers.viewer.headers)

    assert statements() == 2
    organisation = f"/api/v1/organisations/{organisation_id}"
    etag = client.get(organisation, headers=callers.officer.headers).headers["ETag"]
    assert client.patch(organisation, json={"name": "Läxhjälpen Norra"},
                        headers={**callers.officer.headers, "If-Match": etag}).status_code == 200
    listed = client.get(url, headers=callers.viewer.headers).get_json()
    assert listed[0]["organisation_names"] == ["Läxhjälpen Norra"]
    assert statements() == 2
