"""The organisations' portal on a phone: at 390 px wide every page fits without sideways
scrolling and axe finds no violation at all."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

import pytest

from tests.browser.test_accessibility import AXE, AXE_RUN

PAGES = ["/portal", "/portal/uppgifter", "/portal/stod-av-mindre-betydelse", "/portal/initiativ"]
SIGNED_OUT = ["/portal/logga-in", "/portal/initiativ"]


@pytest.fixture
def link(app, departments) -> str:
    from iop.clock import utcnow
    from iop.extensions import db
    from iop.organisations import services
    from iop.portal.models import PortalLink

    with app.app_context():
        made = services.create_organisation(
            name="Läxhjälpen i Sjöstad", org_number="802456-1238", legal_form="ideell_forening",
            contacts=[{"name": "Lena Lind", "title": "Ordförande", "email": "lena@laxhjalpen.example"}])
        db.session.flush()
        token = secrets.token_urlsafe(32)
        digest = hashlib.sha256(token.encode()).hexdigest()
        db.session.add(PortalLink(contact=made.contacts[0], token_hash=digest, email_digest="",
                                  address_digest="", created_at=utcnow(),
                                  expires_at=utcnow() + timedelta(minutes=30)))
        db.session.commit()
        return token


def check(visitor, path: str, status: int = 200) -> list[str]:
    visitor.goto(path, status=status)
    wide = visitor.page.evaluate("document.documentElement.scrollWidth")
    problems = [f"{path}: {wide} px wide"] if wide > 390 else []
    visitor.page.evaluate(AXE.read_text(encoding="utf-8"))
    problems += [f"{path}: {v['impact']} {v['id']} {v['nodes']}" for v in visitor.page.evaluate(AXE_RUN)]
    return problems


@pytest.mark.browser
@pytest.mark.parametrize("visitor", [True], indirect=True, ids=["with-javascript"])
def test_the_portal_fits_a_phone_and_has_no_accessibility_violations(visitor, link):
    visitor.page.set_viewport_size({"width": 390, "height": 844})
    problems = []
    for path in SIGNED_OUT:
        problems += check(visitor, path)
    problems += check(visitor, "/portal/logga-in/en-gammal-lank", status=410)
    visitor.goto(f"/portal/logga-in/{link}")
    visitor.press("Logga in")
    for path in PAGES:
        problems += check(visitor, path)
    assert not problems, "\n".join(problems)
