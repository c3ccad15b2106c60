"""The history on a page names people by name and role, and the server itself as "systemet"."""

from tests.agreements.factories import clean_iop, draft
from tests.web import sign_in


def history(page: str) -> str:
    return page.split('id="historik"', 1)[1]


def test_the_agreement_history_names_the_officer_and_the_system(app, client, callers, organisation_id):
    agreement = draft(client, callers.officer, clean_iop(organisation_id))
    from iop.audit.context import Actor, acting_as
    from iop.audit.recording import record_event
    from iop.extensions import db

    with app.app_context(), acting_as(Actor("cli:root")):
        record_event(db.session, action="update", entity="agreement", entity_id=agreement["id"])
        db.session.commit()
    sign_in(client, app, role="viewer", department=None)
    page = history(client.get(f"/overenskommelser/{agreement['id']}").get_data(as_text=True))
    with app.app_context():
        from iop.auth.services import get_user

        officer = get_user(email=callers.officer.email)
        expected = f"{officer.name or officer.email}, handläggare"
    assert expected in page and "systemet" in page
    assert "cli:root" not in page and callers.officer.email not in page
