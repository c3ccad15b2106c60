"""The admin's pages: users, passwords, API tokens, departments and the templates' check, over HTTP."""

import re
import shutil
from pathlib import Path

import pytest

from iop.documents.package import read_parts, write_parts
from iop.roles import Role
from tests.documents.conftest import SHIPPED
from tests.organisations.test_views import field_error
from tests.web import login, page_csrf, sign_in

KARIN = {"email": "karin@kommun.test", "name": "Karin Handläggare", "role": "officer", "department": "KFF"}
PASSWORD = "ett-nytt-langt-losenord"


def post(client, path, data, form_page=None):
    """Post a form as the browser would: with the CSRF token of the page that shows it."""
    return client.post(path, data={**data, "csrf_token": page_csrf(client, form_page or path)})


def register(client, **changes) -> int:
    response = post(client, "/admin/anvandare/ny", {**KARIN, **changes})
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def on_user_page(client, user_id, action, data=None):
    """Post one of the forms of a user's page (`uppgifter`, `losenord`, `token`, `aktiv`, ...), with
    the version the page carries, as the browser would."""
    html = client.get(f"/admin/anvandare/{user_id}").get_data(as_text=True)
    version = re.search(r'name="version" value="(\d+)"', html).group(1)
    return post(client, f"/admin/anvandare/{user_id}/{action}", {"version": version, **(data or {})},
                f"/admin/anvandare/{user_id}")


def shown_token(html: str) -> str:
    return re.search(r'<code class="hash" id="ny-token">(iop_[^<]+)</code>', html).group(1)


def committee_choices(client, path="/admin/forvaltningar/ny") -> dict[str, str]:
    """The committees the department form offers, name -> the id its option posts."""
    html = client.get(path).get_data(as_text=True)
    select = re.search(r'<select[^>]*name="committee_id".*?</select>', html, re.S).group(0)
    return {name: value for value, name in re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', select)}


def audit(client, callers, user_id):
    events = client.get(f"/api/v1/audit?entity=user&entity_id={user_id}", headers=callers.admin.headers)
    return events.get_json()


@pytest.fixture
def admin(client, app, departments):
    return sign_in(client, app, "admin")


def test_an_admin_registers_an_officer_in_a_department(client, admin):
    user_id = register(client)
    html = client.get(f"/admin/anvandare/{user_id}").get_data(as_text=True)
    assert "karin@kommun.test är registrerad som handläggare." in html
    assert "Kultur- och fritidsförvaltningen (KFF)" in html and "Handläggare" in html
    listed = client.get("/admin/anvandare").get_data(as_text=True)
    assert "Karin Handläggare" in listed and "Aldrig" in listed


def test_an_officer_without_a_department_is_refused_beside_the_department_field(client, admin):
    response = post(client, "/admin/anvandare/ny", {**KARIN, "department": ""})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert field_error(html, "department") == "En handläggare måste höra till en förvaltning."
    assert 'value="karin@kommun.test"' in html  # what was typed stays
    assert "karin@kommun.test" not in client.get("/admin/anvandare").get_data(as_text=True)


def test_every_missing_or_bad_field_is_shown_beside_it(client, admin):
    response = post(client, "/admin/anvandare/ny", {"email": "inte-en-adress", "name": "x" * 201, "role": ""})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert field_error(html, "email") == "Ange en giltig e-postadress."
    assert field_error(html, "name") == "För långt: högst 200."
    assert field_error(html, "role") == "Välj en roll."


def test_a_taken_email_is_shown_beside_the_field(client, admin):
    register(client)
    response = post(client, "/admin/anvandare/ny", {**KARIN, "email": "KARIN@kommun.test"})
    assert response.status_code == 409
    assert field_error(response.get_data(as_text=True), "email") == "Används redan av en annan användare."


def test_a_changed_role_is_saved_and_logged_under_the_admin(client, admin, callers):
    user_id = register(client)
    response = on_user_page(client, user_id, "uppgifter", {"name": "Karin K", "role": "coordinator",
                                                           "department": "KLF"})
    assert response.status_code == 302
    html = client.get(f"/admin/anvandare/{user_id}").get_data(as_text=True)
    assert "Ändringarna är sparade." in html and "Samordnare" in html and "(KLF)" in html
    [change] = [e for e in audit(client, callers, user_id) if e["action"] == "update"]
    assert change["actor"] == admin and change["changes"]["role"] == ["officer", "coordinator"]


def test_an_officer_moved_out_of_every_department_is_refused_beside_the_field(client, admin):
    user_id = register(client)
    response = on_user_page(client, user_id, "uppgifter", {"name": "Karin", "role": "officer",
                                                           "department": ""})
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), "department") == \
        "En handläggare måste höra till en förvaltning."


def test_the_last_active_admin_keeps_the_admin_role_and_stays_active(client, app, admin):
    from iop.auth import services

    with app.app_context():
        me = services.get_user(email=admin).id
    refused = on_user_page(client, me, "uppgifter", {"role": "viewer"})
    assert refused.status_code == 409
    assert "minst en aktiv administratör" in field_error(refused.get_data(as_text=True), "role")
    assert on_user_page(client, me, "aktiv", {"active": "0"}).status_code == 409
    assert client.get("/admin").status_code == 200  # still an admin, still signed in


def test_a_password_set_by_the_admin_lets_the_user_log_in(client, app, admin):
    user_id = register(client)
    response = on_user_page(client, user_id, "losenord", {"password": PASSWORD})
    assert response.status_code == 302
    assert login(app.test_client(), "karin@kommun.test", PASSWORD).headers["Location"] == "/"


def test_a_short_password_is_refused_beside_the_field_and_never_sent_back(client, admin):
    user_id = register(client)
    response = on_user_page(client, user_id, "losenord", {"password": "kort-9tkn"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Lösenordet måste ha minst 10 tecken." in html and 'id="losenord-password-error"' in html
    assert "kort-9tkn" not in html


def test_a_token_is_shown_once_and_works_on_the_api(client, admin):
    user_id = register(client)
    response = on_user_page(client, user_id, "token", {"name": "Import"})
    html = response.get_data(as_text=True)
    assert response.status_code == 201 and "Den visas bara den här gången" in html
    token = shown_token(html)
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200 and me.get_json()["email"] == "karin@kommun.test"
    again = client.get(f"/admin/anvandare/{user_id}").get_data(as_text=True)
    assert token not in again and token[:12] in again and "Import" in again


def test_a_revoked_token_gets_401_and_is_listed_as_revoked(client, app, admin):
    from iop.auth.models import ApiToken
    from iop.extensions import db

    user_id = register(client)
    token = shown_token(on_user_page(client, user_id, "token").get_data(as_text=True))
    with app.app_context():
        token_id = db.session.query(ApiToken.id).filter_by(user_id=user_id).scalar()
    response = on_user_page(client, user_id, f"token/{token_id}/aterkalla")
    assert response.status_code == 302
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert "Återkallad" in client.get(f"/admin/anvandare/{user_id}").get_data(as_text=True)


def test_a_token_of_another_user_cannot_be_revoked_through_this_users_page(client, admin, callers):
    user_id = register(client)
    response = on_user_page(client, user_id, f"token/{callers.viewer.user_id}/aterkalla")
    assert response.status_code == 404
    assert client.get("/api/v1/me", headers=callers.viewer.headers).status_code == 200


def test_a_deactivated_user_can_neither_log_in_nor_use_a_token_until_reactivated(client, app, admin):
    user_id = register(client)
    on_user_page(client, user_id, "losenord", {"password": PASSWORD})
    token = shown_token(on_user_page(client, user_id, "token").get_data(as_text=True))
    assert on_user_page(client, user_id, "aktiv", {"active": "0"}).status_code == 302
    assert "Inaktiverad" in client.get("/admin/anvandare").get_data(as_text=True)
    assert login(app.test_client(), "karin@kommun.test", PASSWORD).status_code == 422
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    on_user_page(client, user_id, "aktiv", {"active": "1"})
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_an_admin_registers_a_department_and_a_taken_code_is_shown_beside_the_field(client, admin):
    post(client, "/admin/namnder/ny", {"name": "Barn- och utbildningsnämnden"})
    committees = committee_choices(client)
    assert list(committees) == ["Barn- och utbildningsnämnden", "Kommunstyrelsen",  # the kept list, in order
                                "Kultur- och fritidsnämnden", "Socialnämnden"]
    form = {"code": "ubf", "name": "Utbildningsförvaltningen",
            "committee_id": committees["Barn- och utbildningsnämnden"], "email": "ubf@kommun.test"}
    response = post(client, "/admin/forvaltningar/ny", form)
    assert response.status_code == 302
    listed = client.get("/admin/forvaltningar").get_data(as_text=True)
    assert "UBF" in listed and "Barn- och utbildningsnämnden" in listed and "ubf@kommun.test" in listed
    again = post(client, "/admin/forvaltningar/ny", {**form, "code": "KFF"})
    assert again.status_code == 409
    assert field_error(again.get_data(as_text=True), "code") == "Koden används redan."
    empty = post(client, "/admin/forvaltningar/ny", {}).get_data(as_text=True)
    assert field_error(empty, "committee_id") == "Välj nämnden som förvaltningen arbetar åt."


@pytest.mark.parametrize("posted", ["999999", "abc", "99999999999", "-1"])
def test_a_committee_that_is_not_in_the_list_is_refused_beside_the_field_with_what_was_typed_kept(
        client, admin, posted):
    form = {"code": "ubf", "name": "Utbildningsförvaltningen", "committee_id": posted,
            "email": "ubf@kommun.test"}
    response = post(client, "/admin/forvaltningar/ny", form)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert field_error(html, "committee_id").startswith(("Välj en nämnd i listan.", "Nämnden finns inte."))
    assert 'value="Utbildningsförvaltningen"' in html and 'value="ubf@kommun.test"' in html
    assert "UBF" not in client.get("/admin/forvaltningar").get_data(as_text=True)


def test_an_admin_edits_a_department_and_its_code_stays(client, admin):
    post(client, "/admin/namnder/ny", {"name": "Kulturnämnden"})
    path = "/admin/forvaltningar/KFF/andra"
    committees = committee_choices(client, path)
    html = client.get(path).get_data(as_text=True)
    version = re.search(r'name="version" value="(\d+)"', html).group(1)
    assert 'name="code"' not in html  # the code names the department everywhere
    assert re.search(r'<option value="\d+" selected>Kultur- och fritidsnämnden</option>', html)
    response = post(client, path, {"name": "Kulturförvaltningen", "committee_id": committees["Kulturnämnden"],
                                   "email": "kultur@kommun.test", "version": version})
    assert response.status_code == 302
    listed = client.get("/admin/forvaltningar").get_data(as_text=True)
    assert "Kulturförvaltningen" in listed and "Kulturnämnden" in listed and "kultur@kommun.test" in listed
    version = re.search(r'name="version" value="(\d+)"', client.get(path).get_data(as_text=True)).group(1)
    refused = post(client, path, {"name": "", "committee_id": committees["Kulturnämnden"],
                                  "version": version})
    assert refused.status_code == 422
    assert field_error(refused.get_data(as_text=True), "name") == "Ange förvaltningens namn."
    gone = post(client, path, {"name": "Kultur", "committee_id": "424242", "version": version})
    assert gone.status_code == 422
    assert field_error(gone.get_data(as_text=True), "committee_id") == \
        "Nämnden finns inte. Välj en nämnd i listan."
    assert client.get("/admin/forvaltningar/NIX/andra").status_code == 404


def test_a_stale_department_or_user_save_shows_the_other_save_and_overwrites_only_when_saved_again(
        client, admin):
    path = "/admin/forvaltningar/KFF/andra"
    opened = re.search(r'name="version" value="(\d+)"', client.get(path).get_data(as_text=True)).group(1)
    form = {"name": "Kultur- och fritidsförvaltningen",
            "committee_id": committee_choices(client)["Kultur- och fritidsnämnden"], "version": opened}
    assert post(client, path, {**form, "email": "kansli@kommun.test"}).status_code == 302  # the other admin
    stale = post(client, path, {**form, "email": "mitt@kommun.test"})
    html = stale.get_data(as_text=True)
    assert stale.status_code == 409 and "Någon annan har ändrat uppgifterna" in html
    assert "kansli@kommun.test" in html and 'value="mitt@kommun.test"' in html  # theirs beside mine
    moved_on = re.search(r'name="version" value="(\d+)"', html).group(1)
    assert moved_on != opened and ">Ladda om</a>" in html
    assert post(client, path, {**form, "email": "mitt@kommun.test", "version": moved_on}).status_code == 302
    assert "mitt@kommun.test" in client.get("/admin/forvaltningar").get_data(as_text=True)

    user_id = register(client)
    page = client.get(f"/admin/anvandare/{user_id}").get_data(as_text=True)
    opened = re.search(r'name="version" value="(\d+)"', page).group(1)
    details = {"name": "Karin K", "role": "officer", "department": "KFF", "version": opened}
    assert on_user_page(client, user_id, "uppgifter", {**details, "role": "coordinator"}).status_code == 302
    stale = on_user_page(client, user_id, "uppgifter", details)
    html = stale.get_data(as_text=True)
    assert stale.status_code == 409 and "Samordnare" in html and "Handläggare" in html


def test_the_templates_page_lists_each_template_with_its_check(client, admin):
    html = client.get("/admin/mallar").get_data(as_text=True)
    assert "Alla mallar fungerar" in html and html.count("Fungerar</span>") == 2
    assert "Idéburet offentligt partnerskap" in html and "Marknadsbedömning" in html  # a required field


def test_a_template_a_lawyer_broke_is_shown_with_what_is_wrong(client, app, admin, monkeypatch, tmp_path):
    for suffix in (".docx", ".json"):
        shutil.copy(Path(SHIPPED) / f"iop{suffix}", tmp_path / f"iop{suffix}")
    parts = read_parts((tmp_path / "iop.docx").read_bytes())
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"{{ title }}", b"{{ titel }}")
    (tmp_path / "iop.docx").write_bytes(write_parts(parts))
    (tmp_path / "trasig.json").write_text("{inte json", encoding="utf-8")
    monkeypatch.setitem(app.config, "TEMPLATES_DIR", str(tmp_path))
    html = client.get("/admin/mallar").get_data(as_text=True)
    assert "2 av 2 mallar fungerar inte" in html
    assert "Okänd platshållare &#39;titel&#39;" in html and "trasig.json" in html


NON_ADMINS = [role.value for role in Role if role != Role.ADMIN]


def admin_rules(app):
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("admin.")]


@pytest.mark.parametrize("role", NON_ADMINS)
def test_every_admin_page_and_post_is_refused_to_other_roles(client, app, departments, callers, role):
    sign_in(client, app, role)
    token = page_csrf(client, "/")
    ids = {"user_id": callers.viewer.user_id, "token_id": 1, "code": "KFF", "message_id": 1,
           "committee_id": 1, "goal_id": 1}
    for rule in admin_rules(app):
        path = re.sub(r"<(?:int:)?(\w+)>", lambda m: str(ids[m.group(1)]), rule.rule)
        for method in rule.methods & {"GET", "POST"}:
            response = client.open(path, method=method, data={"csrf_token": token, **KARIN, "active": "0"})
            assert response.status_code == 403, (method, path)
    assert client.get("/api/v1/me", headers=callers.viewer.headers).status_code == 200  # nothing changed


def test_the_admin_menu_entry_is_there_for_admins_only(client, app, departments):
    sign_in(client, app, "admin")
    assert '<a href="/admin"' in client.get("/").get_data(as_text=True)
    sign_in(client, app, "coordinator")
    assert '<a href="/admin"' not in client.get("/").get_data(as_text=True)


def test_markup_typed_into_names_is_shown_as_text(client, admin):
    hostile = '<script>alert("x")</script>'
    user_id = register(client, name=hostile)
    post(client, "/admin/namnder/ny", {"name": hostile})
    escaped = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"  # as the option shows it
    post(client, "/admin/forvaltningar/ny", {"code": "X", "name": hostile,
                                             "committee_id": committee_choices(client)[escaped]})
    on_user_page(client, user_id, "token", {"name": hostile})
    for path in ("/admin/anvandare", f"/admin/anvandare/{user_id}", "/admin/forvaltningar",
                 "/admin/anvandare/ny", "/admin/namnder", "/admin/forvaltningar/ny",
                 "/admin/forvaltningar/X/andra"):
        html = client.get(path).get_data(as_text=True)
        assert "<script>" not in html and "&lt;script&gt;" in html, path


def test_a_form_posted_without_its_csrf_token_is_refused(client, admin):
    response = client.post("/admin/anvandare/ny", data=KARIN)
    assert response.status_code == 400 and "Formuläret har gått ut" in response.get_data(as_text=True)
    assert "karin@kommun.test" not in client.get("/admin/anvandare").get_data(as_text=True)


def test_an_admin_may_be_deactivated_while_another_admin_remains(client, admin, callers):
    response = on_user_page(client, callers.admin.user_id, "aktiv", {"active": "0"})
    assert response.status_code == 302
    assert client.get("/api/v1/me", headers=callers.admin.headers).status_code == 401


def test_the_tokens_list_shows_each_tokens_expiry_and_an_admin_renews_one(client, admin, app):
    from datetime import timedelta

    from iop.clock import frozen_at, utcnow

    user_id = register(client)
    on_user_page(client, user_id, "token", {"name": "Import"})
    html = client.get(f"/admin/anvandare/{user_id}").get_data(as_text=True)
    assert "Gäller till" in html and str(utcnow().year + 1) in html
    token_id = re.search(r"/token/(\d+)/forlang", html).group(1)
    later = utcnow() + timedelta(days=400)
    with frozen_at(later):
        sign_in(client, app, "admin", email="admin.senare@kommun.test")  # the old session is long gone
        assert "Har gått ut" in client.get(f"/admin/anvandare/{user_id}").get_data(as_text=True)
        response = on_user_page(client, user_id, f"token/{token_id}/forlang")
        assert response.status_code == 302
        html = client.get(f"/admin/anvandare/{user_id}").get_data(as_text=True)
        assert f"fungerar till {later.year + 1}-" in html and "Har gått ut" not in html
