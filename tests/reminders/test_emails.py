"""What the reminder e-mail says, in Swedish, in plain text and in HTML."""

from datetime import date

import pytest

from iop.extensions import db
from tests.reminders.factories import active_agreement, organisation
from tests.reminders.test_sweep import sweep

HOSTILE = '<img src=x onerror="alert(1)"> & Läxhjälp\r\nBcc: alla@example.com'


@pytest.fixture
def email(ctx, departments, smtp):
    agreement = active_agreement(
        title=HOSTILE, case_number="KFF 2026/0042", end_date=date(2027, 12, 31), notice_period_months=3,
        organisations=[organisation(), organisation("Röda Korset <Sjöstad>", "802500-7314")])
    db.session.commit()
    sweep(date(2027, 7, 2))
    [received] = smtp.received
    return agreement.id, received.message


def test_the_email_has_swedish_plain_text_and_html_parts(email):
    _, message = email
    assert message.get_content_type() == "multipart/alternative"
    assert message["Content-Language"] == "sv"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    for part in (text, html):
        assert "KFF 2026/0042" in part
        assert "Kultur- och fritidsförvaltningen" in part
        assert "fredag 2 juli" not in part  # the key date is named, not the day it was sent
        assert "torsdag 30 september 2027" in part and "om 90 dagar" in part
        assert "förlängas, omförhandlas eller sägas upp" in part
    assert "Sista dag att säga upp överenskommelsen: torsdag 30 september 2027 (om 90 dagar)" in text


def test_the_email_names_the_organisations_and_links_to_the_agreement(email):
    agreement_id, message = email
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Läxhjälpen i Sjöstad, Röda Korset <Sjöstad>" in text
    assert f"http://iop.test/overenskommelser/{agreement_id}" in text
    assert f'<a href="http://iop.test/overenskommelser/{agreement_id}">' in html


def test_a_hostile_title_is_escaped_in_html_and_cannot_add_headers(email):
    _, message = email
    html = message.get_body(("html",)).get_content()
    assert "<img" not in html and "&lt;img src=x onerror=&#34;alert(1)&#34;&gt; &amp; Läxhjälp" in html
    assert "Röda Korset &lt;Sjöstad&gt;" in html
    assert message["Bcc"] is None
    assert message["Subject"] == ("Påminnelse: sista dag att säga upp 30 september 2027 – "
                                  '<img src=x onerror="alert(1)"> & Läxhjälp Bcc: alla@example.com '
                                  "(KFF 2026/0042)")
