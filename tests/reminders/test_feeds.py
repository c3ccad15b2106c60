"""Calendar feeds: key dates as iCalendar at a secret URL, per user and per department, revocable."""

from datetime import date

import pytest
from icalendar import Calendar

from iop.agreements.models import Status
from iop.extensions import db
from tests.reminders.factories import active_agreement


@pytest.fixture
def agreements(app, callers):
    with app.app_context():
        mine = active_agreement(title="Läxhjälp <b>&</b> läsfrämjande", department="KFF",
                                responsible_email=callers.officer.email, end_date=date(2027, 12, 31),
                                notice_period_months=3, follow_ups=[(date(2027, 6, 1), "Halvårsrapport")],
                                milestones=[(date(2027, 3, 1), "Verksamheten startar")])
        colleagues = active_agreement(title="Idrott för alla", department="KFF",
                                      responsible_email="kollega@kommun.test", end_date=date(2028, 6, 30),
                                      notice_period_months=None)
        active_agreement(title="Stödboende", department="SOC", responsible_email=callers.officer.email,
                         end_date=date(2028, 12, 31), notice_period_months=6)
        ended = active_agreement(title="Avslutad", department="KFF", responsible_email=callers.officer.email)
        ended.status = Status.EXPIRED
        db.session.commit()
        return {"mine": mine.id, "colleagues": colleagues.id}


def create_feed(client, caller, **body):
    response = client.post("/api/v1/calendar-feeds", json=body, headers=caller.headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def fetch(client, url):
    return client.get(url.removeprefix("http://iop.test"))


def events(response):
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    return {(str(e["SUMMARY"]), e.decoded("DTSTART")) for e in calendar.walk("VEVENT")}


def test_a_personal_feed_holds_the_key_dates_of_my_active_agreements(client, callers, agreements):
    feed = create_feed(client, callers.officer, scope="user")
    assert feed["url"].startswith("http://iop.test/calendar/cal_") and feed["url"].endswith(".ics")
    found = events(fetch(client, feed["url"]))
    title = "Läxhjälp <b>&</b> läsfrämjande"
    assert {
        (f"Milstolpe: Verksamheten startar – {title}", date(2027, 3, 1)),
        (f"Uppföljning: Halvårsrapport – {title}", date(2027, 6, 1)),
        (f"Sista dag att säga upp överenskommelsen – {title}", date(2027, 9, 30)),
        (f"Överenskommelsen upphör – {title}", date(2027, 12, 31)),
    } <= found
    assert all("Idrott för alla" not in summary and "Avslutad" not in summary for summary, _ in found)
    assert any("Stödboende" in summary for summary, _ in found)  # mine, in another department


def test_an_event_links_to_its_agreement_and_says_what_to_decide(client, callers, agreements):
    feed = create_feed(client, callers.officer, scope="user")
    calendar = Calendar.from_ical(fetch(client, feed["url"]).data)
    deadline = next(e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]).startswith("Sista dag"))
    assert str(deadline["URL"]) == f"http://iop.test/overenskommelser/{agreements['mine']}"
    assert "förlängas, omförhandlas eller sägas upp" in str(deadline["DESCRIPTION"])
    assert deadline.decoded("DTEND") == date(2027, 10, 1)


def test_a_department_feed_holds_every_active_agreement_of_the_department(client, callers, agreements):
    feed = create_feed(client, callers.viewer, scope="department", department="kff", name="KFF:s datum")
    assert feed["department"] == "KFF" and feed["name"] == "KFF:s datum"
    summaries = {summary for summary, _ in events(fetch(client, feed["url"]))}
    assert any("Idrott för alla" in s for s in summaries) and any("Läxhjälp" in s for s in summaries)
    assert not any("Stödboende" in s for s in summaries)


def test_a_department_feed_defaults_to_my_department(client, callers, agreements):
    assert create_feed(client, callers.officer_soc, scope="department")["department"] == "SOC"


def test_a_revoked_feed_url_answers_404(client, callers, agreements):
    feed = create_feed(client, callers.officer, scope="user")
    response = client.delete(f"/api/v1/calendar-feeds/{feed['id']}", headers=callers.officer.headers)
    assert response.status_code == 200 and response.get_json()["revoked_at"]
    assert fetch(client, feed["url"]).status_code == 404


def test_only_the_owner_or_an_admin_revokes_a_feed(client, callers, agreements):
    feed = create_feed(client, callers.officer, scope="user")
    other = client.delete(f"/api/v1/calendar-feeds/{feed['id']}", headers=callers.officer_soc.headers)
    assert other.status_code == 404
    assert fetch(client, feed["url"]).status_code == 200
    admin = client.delete(f"/api/v1/calendar-feeds/{feed['id']}", headers=callers.admin.headers)
    assert admin.status_code == 200 and fetch(client, feed["url"]).status_code == 404


def test_my_feeds_are_listed_without_their_secret(client, callers, agreements):
    created = create_feed(client, callers.officer, scope="user")
    create_feed(client, callers.coordinator, scope="department")
    listed = client.get("/api/v1/calendar-feeds", headers=callers.officer.headers).get_json()
    assert [f["id"] for f in listed] == [created["id"]]
    assert "url" not in listed[0] and created["url"].split("/")[-1].startswith(listed[0]["prefix"])


@pytest.mark.parametrize("url", ["/calendar/cal_gissat.ics", "/calendar/iop_x.ics", "/calendar/.ics"])
def test_an_unknown_feed_url_answers_404(client, url):
    assert client.get(url).status_code == 404


def test_a_deactivated_users_feed_stops_working(client, callers, agreements):
    from iop.auth.models import User

    feed = create_feed(client, callers.officer, scope="user")
    with client.application.app_context():
        db.session.get(User, callers.officer.user_id).active = False
        db.session.commit()
    assert fetch(client, feed["url"]).status_code == 404


@pytest.mark.parametrize("body, field", [
    ({"scope": "alla"}, "scope"), ({"scope": "department", "department": "NEJ"}, "department"),
    ({"scope": "user", "department": "KFF"}, "department"), ({}, "scope"),
])
def test_a_bad_feed_request_gets_a_message_on_its_field(client, callers, body, field):
    response = client.post("/api/v1/calendar-feeds", json=body, headers=callers.officer.headers)
    assert response.status_code == 422 and field in response.get_json()["errors"]


def test_an_admin_without_a_department_must_name_one(client, callers):
    response = client.post("/api/v1/calendar-feeds", json={"scope": "department"},
                           headers=callers.admin.headers)
    assert response.status_code == 422 and "department" in response.get_json()["errors"]


def test_the_demo_gives_the_culture_officer_working_calendar_feeds(runner, client):
    import re

    result = runner.invoke(args=["demo"])
    urls = re.findall(r"^kalender-\S+\s+\S+@\S+\s+(http\S+\.ics)$", result.output, re.M)
    assert len(urls) == 2
    for url in urls:
        assert events(fetch(client, url)) is not None


def test_revoking_a_feed_id_too_large_for_the_database_is_404(client, callers):
    response = client.delete("/api/v1/calendar-feeds/99999999999999999999", headers=callers.officer.headers)
    assert response.status_code == 404
