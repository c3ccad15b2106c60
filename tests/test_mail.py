"""Sending over SMTP to a real server (aiosmtpd): plain, STARTTLS and SSL, with login."""

from datetime import UTC, datetime

import pytest

from iop import mail
from tests.mailserver import PASSWORD, USER, MailServer, free_port, self_signed_certificate

NOW = datetime(2027, 7, 2, 5, 0, tzinfo=UTC)
EMAIL = mail.Email(recipients=("karin@kommun.test",), subject="Påminnelse: sista dag att säga upp",
                   text="Hej! Överenskommelsen går ut.", html="<p>Hej! Överenskommelsen går ut.</p>",
                   message_id="<abc123@sjostad.example>")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    return self_signed_certificate(tmp_path_factory.mktemp("tls"))


def settings_for(server: MailServer, **changes) -> mail.SmtpSettings:
    values = {"SMTP_USER": None, "SMTP_PASSWORD": None, "SMTP_CA_FILE": None, **server.settings(), **changes}
    return mail.SmtpSettings.from_config(values)


def test_a_message_goes_out_as_swedish_plain_text_with_an_html_alternative():
    with MailServer() as server:
        assert mail.send(EMAIL, settings=settings_for(server), sent_at=NOW) == {}
    [received] = server.received
    message = received.message
    assert received.mail_from == "iop@sjostad.example"
    assert received.recipients == ["karin@kommun.test"]
    assert message["Subject"] == "Påminnelse: sista dag att säga upp"
    assert message["From"] == "IOP Sjöstad <iop@sjostad.example>"
    assert message["Message-ID"] == "<abc123@sjostad.example>"
    assert message["Content-Language"] == "sv"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message.get_content_type() == "multipart/alternative"
    assert message.get_body(("plain",)).get_content().strip() == "Hej! Överenskommelsen går ut."
    assert "<p>Hej! Överenskommelsen går ut.</p>" in message.get_body(("html",)).get_content()


def test_a_line_break_in_a_subject_does_not_break_the_message():
    email = mail.Email(**{**EMAIL.__dict__, "subject": "Rad ett\r\nBcc: någon@example.com"})
    with MailServer() as server:
        mail.send(email, settings=settings_for(server), sent_at=NOW)
    message = server.received[0].message
    assert message["Subject"] == "Rad ett Bcc: någon@example.com" and message["Bcc"] is None


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_encrypted_connections_with_login_work(certificate, security):
    with MailServer(security=security, login=True, cert=certificate) as server:
        mail.send(EMAIL, settings=settings_for(server), sent_at=NOW)
    [received] = server.received
    assert received.authenticated_as == USER


def test_login_works_without_encryption_on_a_relay_that_allows_it():
    with MailServer(login=True) as server:
        mail.send(EMAIL, settings=settings_for(server), sent_at=NOW)
    assert server.received[0].authenticated_as == USER


def test_a_wrong_password_is_an_error_naming_the_refusal(certificate):
    with MailServer(security="starttls", login=True, cert=certificate) as server:
        with pytest.raises(mail.MailError, match="535"):
            mail.send(EMAIL, settings=settings_for(server, SMTP_PASSWORD=PASSWORD + "x"), sent_at=NOW)
    assert server.received == []


def test_starttls_is_never_skipped_when_the_server_does_not_offer_it():
    with MailServer() as server:
        with pytest.raises(mail.MailError, match="STARTTLS"):
            mail.send(EMAIL, settings=settings_for(server, SMTP_SECURITY="starttls"), sent_at=NOW)
    assert server.received == []


def test_a_certificate_that_is_not_trusted_is_refused(certificate):
    with MailServer(security="ssl", cert=certificate) as server:
        with pytest.raises(mail.MailError, match="CERTIFICATE_VERIFY_FAILED"):
            mail.send(EMAIL, settings=settings_for(server, SMTP_CA_FILE=None), sent_at=NOW)
    assert server.received == []


def test_a_server_that_is_down_is_an_error_that_can_be_retried():
    settings = mail.SmtpSettings(host="127.0.0.1", port=free_port(), security="none", sender="iop@x.example")
    with pytest.raises(mail.MailError, match="ConnectionRefusedError") as raised:
        mail.send(EMAIL, settings=settings, sent_at=NOW)
    assert not raised.value.permanent


@pytest.mark.parametrize("value, expected", [("5,30,120", (5, 30, 120)), ("", ()), ([1, 2], (1, 2))])
def test_retry_minutes_are_read_in_order(value, expected):
    from iop.config import parse_retry_minutes

    assert parse_retry_minutes(value) == expected


@pytest.mark.parametrize("value", ["0,5", "fem", "5,-1"])
def test_retry_minutes_must_be_whole_positive_minutes(value):
    from iop.config import ConfigError, parse_retry_minutes

    with pytest.raises(ConfigError, match="IOP_MAIL_RETRY_MINUTES"):
        parse_retry_minutes(value)


def test_each_retry_waits_longer_and_the_last_attempt_has_no_retry():
    from datetime import timedelta

    from iop.outbox.delivery import retry_delay

    assert [retry_delay(n, (5, 30, 120)) for n in (1, 2, 3, 4)] == [
        timedelta(minutes=5), timedelta(minutes=30), timedelta(minutes=120), None]
