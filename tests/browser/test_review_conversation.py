"""The review conversation in a browser: the lawyer requests changes with a comment, the officer
answers it and marks it resolved on the page, and the lawyer sees the answer beside the redline of
the next revision."""

from __future__ import annotations

import re

import pytest

from tests.browser.test_accessibility import organisation  # noqa: F401 (a fixture)
from tests.browser.test_stale_saves import no_serious_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def in_review(app, accounts, organisation) -> int:  # noqa: F811
    import sqlalchemy as sa

    from iop.agreements import services, transitions
    from iop.agreements.schemas import AgreementCreate
    from iop.auth.models import User
    from iop.extensions import db
    from tests.agreements.factories import clean_iop

    email = accounts["officer"]
    accounts["legal"]  # noqa: B018 (made before the browser needs it)
    with app.app_context():
        officer = db.session.scalar(sa.select(User).filter_by(email=email))
        data = AgreementCreate().load(clean_iop(organisation, case_number=None, title="Läxhjälp i Sjöstad"))
        agreement = services.draft_agreement(author=officer, **data)
        transitions.submit_agreement(agreement=agreement, actor=officer)
        db.session.commit()
        return agreement.id


def resubmit(app, agreement_id: int, email: str) -> None:
    """The officer's new revision, sent for review again (the agreement's own pages have their tests)."""
    import sqlalchemy as sa

    from iop.agreements import services, transitions
    from iop.auth.models import User
    from iop.extensions import db

    with app.app_context():
        officer = db.session.scalar(sa.select(User).filter_by(email=email))
        agreement = services.get_agreement(agreement_id=agreement_id)
        services.update_agreement(agreement=agreement, author=officer,
                                  market_assessment="Två företag tillfrågade; inget erbjuder läxhjälp.")
        transitions.submit_agreement(agreement=agreement, actor=officer)
        db.session.commit()


@pytest.mark.parametrize("visitor", [True], indirect=True, ids=["with-javascript"])  # axe runs as a script
def test_the_lawyer_sees_the_officers_answer_beside_the_next_revisions_redline(visitor, accounts, app,
                                                                              in_review):
    page, path = visitor.page, f"/overenskommelser/{in_review}/granskning"
    visitor.login(accounts["legal"])
    visitor.goto(path)
    page.get_by_label("Avsnitt").select_option(label="Marknadsbedömning")
    page.get_by_label("Kommentar", exact=True).fill("Finns det privata aktörer i området?")
    page.get_by_label("Kommentar till handläggaren").fill("Se min kommentar om marknaden.")
    visitor.press("Spara kommentaren")
    assert "Kommentaren är sparad till revision 1." in page.inner_text("main")
    # The decision text typed before the comment was saved is still there.
    assert page.get_by_label("Kommentar till handläggaren").input_value() == "Se min kommentar om marknaden."
    page.get_by_label("Begär ändringar (tillbaka till utkast)").check()
    visitor.press("Spara beslutet")
    assert "skickad tillbaka till handläggaren" in page.inner_text("main")

    page.context.clear_cookies()
    visitor.login(accounts["officer"])
    visitor.goto(path)
    no_serious_violations(page)
    page.get_by_role("textbox", name=re.compile("^Ditt svar")).fill(
        "Nej, vi har frågat två företag; inget erbjuder läxhjälp.")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("^Markera som löst")).click()
    visitor.landed()
    main = page.inner_text("main")
    assert "Svaret är sparat och kommentaren är markerad som löst." in main
    assert "Nej, vi har frågat två företag" in main and "Löst av Karin Handläggare" in main

    resubmit(app, in_review, accounts["officer"])
    page.context.clear_cookies()
    visitor.login(accounts["legal"])
    visitor.goto(path)
    document = page.locator("section", has=page.get_by_role("heading", name="Dokumentet"))
    redline = re.compile(r"^Ändringar sedan du senast granskade \(revision 1 → 2")
    assert document.get_by_role("link", name=redline).is_visible()
    thread = document.get_by_role("heading", name="Kommentarer till revision 1 och svaren på dem")
    assert thread.is_visible()
    text = document.inner_text()
    assert "Finns det privata aktörer i området?" in text
    assert "Svar från Karin Handläggare" in text and "Nej, vi har frågat två företag" in text
    no_serious_violations(page)
