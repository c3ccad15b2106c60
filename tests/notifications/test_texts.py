"""Every notification template, rendered with counts 1 and 2: Swedish singular and plural."""

from __future__ import annotations

import re
from datetime import date

import pytest

from iop.notifications.emails import KINDS, render_notification

AGREEMENT = {"title": "Läxhjälp i Norra Sjöstad", "case_number": "KFN 2026/0042",
             "department": "Kultur- och fritidsförvaltningen", "organisations": ["Läxhjälpen i Sjöstad"],
             "start_date": date(2027, 1, 1), "end_date": date(2028, 12, 31)}
INITIATIVE = {"id": 7, "title": "Spontanidrott", "description": "Öppen hall på fredagar.",
              "who": "IFK Sjöstad",
              "received_on": date(2026, 3, 16), "respond_by": date(2026, 4, 3),
              "departments": ["Kultur- och fritidsförvaltningen (KFF)"], "municipal_matter": "ja"}
WRONG_SINGULARS = re.compile(r"\b1 (månader|dagar|arbetsdagar|varningar|kommentarer)\b")


def context(n: int) -> dict:
    return {
        "agreement": {**AGREEMENT, "notice_period_months": n}, "initiative": INITIATIVE,
        "actor": "Åsa Öberg", "revision": 2, "resubmitted": True, "comment": "Se över marknaden.",
        "warnings": [f"Varning {i}" for i in range(n)], "open_comments": n,
        "comments": [{"section": "Marknadsbedömning", "body": f"Kommentar {i}"} for i in range(n)],
        "department": "Socialförvaltningen", "days_waited": n, "days": n, "url": "http://iop.test/x",
        "follow_up_date": date(2027, 6, 30), "titles": ["Halvårsredovisning"], "escalated": n == 2,
        "escalate_after": n, "responsible": "anna@kommun.test",
    }


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("n", [1, 2])
def test_every_notification_says_one_in_the_singular_and_two_in_the_plural(ctx, kind, n):
    mail = render_notification(kind, subject="Ämne", **context(n))
    for part in (mail.text, mail.html):
        assert not WRONG_SINGULARS.search(part), part
        assert "{{" not in part and "Vad du behöver göra:" in part and "http://iop.test/x" in part
    plurals = re.findall(r"\b2 (månader|dagar|arbetsdagar|varningar|kommentarer)\b", mail.text)
    singulars = re.findall(r"\b1 (månad|dag|arbetsdag|varning|kommentar)\b", mail.text)
    assert (plurals if n == 2 else singulars), mail.text  # every template shows a count


def test_the_html_part_escapes_what_users_wrote(ctx):
    mail = render_notification("changes_requested", subject="Ämne",
                               **{**context(1), "comment": '<script>alert("x")</script> & mer'})
    assert "<script>" not in mail.html and "&lt;script&gt;" in mail.html
    assert '<script>alert("x")</script> & mer' in mail.text
