"""E-mail an admin can see: caught messages of a local installation, the outbox and retrying."""

from datetime import timedelta

from iop import clock
from tests.web import csrf_token, sign_in


def test_the_demo_reminders_of_a_sweep_are_shown_on_the_admin_page_of_caught_mail(
        app, client, runner, monkeypatch, tmp_path):
    monkeypatch.setitem(app.config, "MAIL_BACKEND", "file")
    monkeypatch.setitem(app.config, "MAIL_DIR", str(tmp_path / "mail"))
    assert runner.invoke(args=["demo"]).exit_code == 0
    with app.app_context():
        when = clock.today() + timedelta(days=200)
    result = runner.invoke(args=["reminders", "run", "--date", when.isoformat()])
    assert result.exit_code == 0, result.output
    assert list((tmp_path / "mail").glob("*.eml"))
    sign_in(client, app, role="admin", department=None)
    page = client.get("/admin/e-post/fangad").get_data(as_text=True)
    assert "Påminnelse" in page and "@sjostad.example" in page
    outbox = client.get("/admin/e-post?status=sent").get_data(as_text=True)
    assert "skickad " in outbox and "Påminnelse" in outbox


def test_caught_mail_is_shown_escaped(app, client, monkeypatch, tmp_path):
    from iop.extensions import db
    from iop.outbox import delivery
    from iop.outbox.services import enqueue_message

    monkeypatch.setitem(app.config, "MAIL_BACKEND", "file")
    monkeypatch.setitem(app.config, "MAIL_DIR", str(tmp_path))
    with app.app_context():
        enqueue_message(key="t:1", recipients=["anna@kommun.test"], subject="<script>alert(1)</script>",
                        body_text="Hej <b>Anna</b>")
        db.session.commit()
        delivery.deliver_due_messages()
    sign_in(client, app, role="admin", department=None)
    page = client.get("/admin/e-post/fangad").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    assert "Hej &lt;b&gt;Anna&lt;/b&gt;" in page and "anna@kommun.test" in page


def test_an_admin_sees_a_failed_email_in_swedish_and_sends_it_again(app, client, monkeypatch):
    from iop.extensions import db
    from iop.outbox import delivery
    from iop.outbox.services import enqueue_message
    from tests.mailserver import free_port

    monkeypatch.setitem(app.config, "SMTP_PORT", free_port())
    monkeypatch.setitem(app.config, "MAIL_RETRY_MINUTES", ())
    with app.app_context():
        message_id = enqueue_message(key="t:2", recipients=["anna@kommun.test"], subject="Påminnelse: test",
                                     body_text="Hej").id
        db.session.commit()
        delivery.deliver_due_messages()
    sign_in(client, app, role="admin", department=None)
    page = client.get("/admin/e-post?status=failed").get_data(as_text=True)
    assert "misslyckades – kontakta administratören" in page
    assert "anslutningen nekades" in page and "Skicka igen" in page
    retried = client.post(f"/admin/e-post/{message_id}/skicka-igen", data={"csrf_token": csrf_token(page)})
    assert retried.status_code == 302
    page = client.get("/admin/e-post?status=pending").get_data(as_text=True)
    assert "Påminnelse: test" in page and "väntar på att skickas" in page
    assert client.post(f"/admin/e-post/{message_id}/skicka-igen").status_code == 400  # no CSRF token


def test_only_admins_see_the_email_pages(app, client):
    sign_in(client, app, role="coordinator", department=None)
    assert client.get("/admin/e-post").status_code == 403
    assert client.get("/admin/e-post/fangad").status_code == 403
