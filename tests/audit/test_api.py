from tests.organisations.test_api import LAXHJALPEN, create


def test_every_write_is_logged_with_who_what_and_before_after(client, callers):
    organisation = create(client, callers.officer).get_json()
    url = f"/api/v1/organisations/{organisation['id']}"
    etag = client.get(url, headers=callers.officer.headers).headers["ETag"]
    client.patch(url, json={"phone": "08-1", "contacts": []},
                 headers={**callers.coordinator.headers, "If-Match": etag})

    events = client.get(f"/api/v1/audit?entity=organisation&entity_id={organisation['id']}",
                        headers=callers.coordinator.headers).get_json()
    by_action = {e["action"]: e for e in events}
    assert set(by_action) == {"create", "contact_create", "update", "contact_delete"}
    assert by_action["create"]["actor"] == "officer.kff@kommun.test"
    assert by_action["create"]["changes"]["name"] == [None, LAXHJALPEN["name"]]
    assert by_action["update"]["actor"] == "samordnare@kommun.test"
    assert by_action["update"]["changes"] == {"phone": [LAXHJALPEN["phone"], "08-1"]}
    assert by_action["contact_delete"]["changes"]["contact.name"] == ["Lena Lind", None]
    assert events == sorted(events, key=lambda e: e["id"], reverse=True)  # newest first
    assert all(e["at"].endswith("+00:00") for e in events)


def test_passwords_never_reach_the_audit_log(client, callers, runner):
    runner.invoke(args=["user", "create", "ny@kommun.test", "--role", "viewer", "--password-stdin"],
                  input="mitt-hemliga-lösenord\n")
    events = client.get("/api/v1/audit?entity=user", headers=callers.admin.headers).get_json()
    created = next(e for e in events if e["changes"].get("email") == [None, "ny@kommun.test"])
    assert created["changes"]["password_hash"] == [None, "***"]
    assert created["actor"].startswith("cli:")


def test_the_audit_log_is_paged_and_filtered(client, callers):
    create(client, callers.officer)
    response = client.get("/api/v1/audit?per_page=1&entity=organisation&action=create",
                          headers=callers.viewer.headers)
    assert len(response.get_json()) == 1
    assert '"total": 1' in response.headers["X-Pagination"]
    assert client.get("/api/v1/audit?entity_id=x", headers=callers.viewer.headers).status_code == 422


def test_only_admins_and_coordinators_read_the_whole_log_others_see_open_records_without_people(
        client, callers, runner):
    organisation = create(client, callers.officer).get_json()
    runner.invoke(args=["user", "create", "ny@kommun.test", "--role", "viewer"])
    for role in ("admin", "coordinator"):
        events = client.get("/api/v1/audit?per_page=100", headers=callers.by_role()[role].headers).get_json()
        assert any(e["entity"] == "user" for e in events)
        contact = next(e for e in events if e["action"] == "contact_create")
        assert contact["changes"]["contact.name"] == [None, "Lena Lind"] and "@" in contact["actor"]
    for role in ("officer", "legal", "viewer"):
        headers = callers.by_role()[role].headers
        events = client.get("/api/v1/audit?per_page=100", headers=headers).get_json()
        assert {e["entity"] for e in events} == {"organisation", "department", "committee"}, role
        assert client.get("/api/v1/audit?entity=user", headers=headers).get_json() == []  # nor tokens, logins
        text = str(events)
        assert "Lena Lind" not in text and "@" not in text, role
        created = next(e for e in events if e["action"] == "create" and e["entity_id"] == organisation["id"])
        assert created["actor"] == "***" and created["changes"]["name"] == [None, LAXHJALPEN["name"]]
        contact = next(e for e in events if e["action"] == "contact_create")
        assert contact["changes"]["contact.name"] == [None, "***"]
