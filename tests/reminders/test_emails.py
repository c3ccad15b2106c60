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


def test_a_reminder_caught_up_after_its_day_says_it_is_late(ctx, departments, smtp):
    active_agreement(title="Läxhjälp", case_number="KFF 2026/0043", end_date=date(2027, 12, 31),
                     notice_period_months=3)
    db.session.commit()
    sweep(date(2027, 7, 5))  # the 90-day reminder was due on Friday 2 July: the sweep was down
    [received] = smtp.received
    message = received.message
    assert message["Subject"].startswith("Försenad påminnelse: sista dag att säga upp 30 september 2027")
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    for part in (text, html):
        assert "Försenad påminnelse: den skulle ha skickats fredag 2 juli 2027." in part
    assert "Det här är en försenad påminnelse" in text


def test_a_reminder_on_its_day_is_not_called_late(email):
    _, message = email
    assert message["Subject"].startswith("Påminnelse: ")
    assert "försenad" not in message.get_body(("plain",)).get_content().lower()


@pytest.mark.parametrize("n", [1, 2])
def test_every_reminder_text_says_one_in_the_singular_and_names_milestones_as_the_agreement_does(
        ctx, departments, n):
    """Every kind of key date in one mail, counts 1 and 2, caught up late: no '1 månader', no
    'Delmål', no doubled 'Ta ställning till'."""
    import re

    from iop.reminders.emails import ReminderItem, compose_reminder
    from iop.reminders.keydates import KeyDateKind

    agreement = active_agreement(notice_period_months=n, end_date=date(2027, 12, 31),
                                 milestones=[(date(2027, 3, 1), "Verksamheten startar")])
    today = date(2027, 2, 27 - n)
    items = [ReminderItem(kind, day, ("Verksamheten startar",) if kind == KeyDateKind.MILESTONE else (),
                          due_on=today if n == 1 else date(2027, 2, 1))
             for kind, day in ((KeyDateKind.MILESTONE, date(2027, 3, 1)),
                               (KeyDateKind.FOLLOW_UP, date(2027, 6, 30)),
                               (KeyDateKind.NOTICE_DEADLINE, date(2027, 9, 30)),
                               (KeyDateKind.END_DATE, date(2027, 12, 31)))]
    mail = compose_reminder(agreement=agreement, items=items, today=today, base_url="http://iop.test")
    for part in (mail.subject, mail.text, mail.html):
        assert not re.search(r"\b1 (månader|dagar)\b", part), part
        assert "delmål" not in part.lower()
        assert not re.search(r"ta ställning till:?\s*(</strong>)?\s*ta ställning", part, re.I), part
    assert "milstolpe 1 mars 2027" in mail.subject
    assert "Milstolpe: måndag 1 mars 2027" in mail.text and "milstolpen nås" in mail.text
    assert f"Uppsägningstid:  {n} {'månad' if n == 1 else 'månader'}" in mail.text
    assert ("Försenad påminnelse" in mail.subject) == (n == 2)
    assert mail.text.strip() and mail.html.lstrip().startswith("<!doctype html>")


def test_every_mail_template_is_rendered_by_a_texts_test():
    """The reminder and each notification kind have a plain-text part beside the HTML one, and all
    are rendered with counts 1 and 2 (above and in tests/notifications/test_texts.py)."""
    from pathlib import Path

    from iop.notifications.emails import KINDS

    root = Path(__file__).resolve().parents[2] / "iop" / "templates" / "mail"
    found = {p.relative_to(root).with_suffix("").as_posix() for p in root.rglob("*.*")
             if not p.name.startswith("_")}
    assert found == {"reminder", *(f"notifications/{kind}" for kind in KINDS)}
    for name in found:
        assert (root / f"{name}.txt").is_file() and (root / f"{name}.html").is_file()
