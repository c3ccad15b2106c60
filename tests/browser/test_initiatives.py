"""The network's queue in a real browser, without JavaScript: a coordinator names the lead department,
and that department's officer closes the initiative with an outcome."""

from __future__ import annotations

import pytest

from iop.extensions import db
from iop.initiatives.models import Initiative

pytestmark = pytest.mark.browser


@pytest.fixture
def queued(app, accounts) -> int:
    """An initiative for two departments, so in the network's queue, registered by the officer."""
    import sqlalchemy as sa

    from iop.auth.models import User
    from iop.initiatives import services

    email = accounts["officer"]
    with app.app_context():
        officer = db.session.scalar(sa.select(User).filter_by(email=email))
        initiative = services.register_initiative(
            by=officer, title="Sommarlovsaktiviteter tillsammans",
            description="Tre föreningar vill ordna aktiviteter för unga hela sommarlovet.",
            contact_name="Erik Berg", departments=["KFF", "SOC"], municipal_matter=True)
        db.session.commit()
        return initiative.id


def stored(app, initiative_id: int) -> Initiative:
    with app.app_context():
        initiative = db.session.get(Initiative, initiative_id)
        _ = initiative.assigned_department
        db.session.expunge_all()
        return initiative


def test_the_coordinator_assigns_from_the_queue_and_the_lead_officer_closes_it(visitor, accounts, queued,
                                                                                app):
    page = visitor.page
    visitor.login(accounts["coordinator"])
    assert "Sommarlovsaktiviteter tillsammans" in page.inner_text("section[aria-labelledby=section-network]")
    visitor.follow("Initiativ")
    visitor.follow("nätverkets kö")
    visitor.follow("Sommarlovsaktiviteter tillsammans")
    assign = page.get_by_role("form", name="Utse ansvarig förvaltning")
    visitor.press("Tilldela")  # no department chosen yet
    assert "Välj den förvaltning som ska ansvara." in page.inner_text("#assign-department-error")
    assert page.title().startswith("Fel: ")
    assign.get_by_label("Ansvarig förvaltning").select_option("KFF")
    assign.get_by_label("Anteckning").fill("KFF har hallen; SOC informeras.")
    visitor.press("Tilldela")
    assert "Kultur- och fritidsförvaltningen ansvarar nu för initiativet." in page.inner_text("main")
    assert stored(app, queued).assigned_department.code == "KFF"

    visitor.page.context.clear_cookies()
    visitor.login(accounts["officer"])
    visitor.goto(f"/initiativ/{queued}")
    assert page.get_by_role("button", name="Tilldela").count() == 0  # the network has decided
    close = page.get_by_role("form", name="Avsluta med ett utfall")
    close.get_by_label("Besvarat").check()
    close.get_by_label("Anteckning").fill("Föreningarna får hallen tisdagar och torsdagar.")
    visitor.press("Avsluta initiativet")
    main = page.inner_text("main")
    assert "Initiativet är avslutat: Besvarat." in main
    assert "Föreningarna får hallen tisdagar och torsdagar." in main
    assert "KFF har hallen; SOC informeras." in main
    closed = stored(app, queued)
    assert (closed.status, closed.outcome) == ("closed", "answered")
