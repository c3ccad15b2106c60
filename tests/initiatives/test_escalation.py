"""An initiative nobody handles within the deadline is flagged, sent to the network, and reported."""

from datetime import date

import pytest
import sqlalchemy as sa

from iop import create_app
from iop.config import ConfigError
from iop.extensions import db
from iop.outbox.models import OutboundMessage
from tests.conftest import app_config
from tests.initiatives.conftest import freeze

# Received the Monday before Easter: 14 working days end on Tuesday 21 April, not Friday 17 April.
RECEIVED = date(2026, 3, 30)


@pytest.fixture
def late(initiatives, callers):
    freeze(RECEIVED)
    return initiatives.create(callers.officer, received_on=RECEIVED.isoformat(),
                              title='<script>alert("x")</script> & Fredagshallen')


def escalate(runner, day: str) -> str:
    result = runner.invoke(args=["initiatives", "escalate", "--date", day])
    assert result.exit_code == 0, result.output
    return result.output


def messages(app) -> list[OutboundMessage]:
    with app.app_context():
        rows = list(db.session.scalars(sa.select(OutboundMessage).order_by(OutboundMessage.id)))
        db.session.expunge_all()
        return rows


def test_nothing_is_escalated_until_the_deadline_has_passed_counting_easter(late, runner, app, initiatives,
                                                                             callers):
    assert "Inga initiativ" in escalate(runner, "2026-04-17")
    assert "Inga initiativ" in escalate(runner, "2026-04-21")
    assert messages(app) == []
    assert initiatives.get(callers.viewer, late["id"]).get_json()["status"] == "received"


def test_an_overdue_initiative_is_flagged_moved_to_the_network_and_the_coordinators_are_emailed(
        late, runner, app, initiatives, callers):
    freeze(date(2026, 4, 22))
    assert initiatives.get(callers.viewer, late["id"]).get_json()["overdue"] is True
    output = escalate(runner, "2026-04-22")
    assert f"initiativ {late['id']}" in output
    body = initiatives.get(callers.viewer, late["id"]).get_json()
    assert body["status"] == "in_network" and body["flagged"] is True
    assert body["flagged_on"] == "2026-04-22" and body["first_handled_on"] is None
    (message,) = messages(app)
    assert message.key == f"initiative-escalation:{late['id']}"
    assert message.recipients == [callers.coordinator.email]
    assert message.entity == "initiative" and message.entity_id == late["id"]
    assert message.subject.startswith(f"Initiativ {late['id']} väntar på nätverket:")
    assert "inte fått någon första hantering inom 14 arbetsdagar" in message.body_text
    assert "Skulle ha hanterats senast: 2026-04-21" in message.body_text
    assert "Kultur- och fritidsförvaltningen (KFF)" in message.body_text
    assert f"http://iop.test/initiativ/{late['id']}" in message.body_text


def test_the_escalation_email_escapes_what_users_wrote(late, runner, app):
    escalate(runner, "2026-04-22")
    (message,) = messages(app)
    assert "<script>" not in message.body_html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Fredagshallen" in message.body_html
    assert '<script>alert("x")</script> & Fredagshallen' in message.body_text


def test_escalation_run_twice_flags_and_emails_once(late, runner, app):
    escalate(runner, "2026-04-22")
    assert "Inga initiativ" in escalate(runner, "2026-04-22")
    assert "Inga initiativ" in escalate(runner, "2026-04-23")
    assert len(messages(app)) == 1


def test_an_unassigned_initiative_already_in_the_network_queue_is_escalated_too(initiatives, callers,
                                                                                 runner, app):
    freeze(RECEIVED)
    cross = initiatives.create(callers.officer, departments=["KFF", "SOC"], received_on="2026-03-30")
    escalate(runner, "2026-04-22")
    body = initiatives.get(callers.viewer, cross["id"]).get_json()
    assert body["status"] == "in_network" and body["flagged"] is True
    assert len(messages(app)) == 1


def test_a_handled_or_closed_initiative_is_never_escalated(initiatives, callers, runner, app):
    freeze(RECEIVED)
    assigned = initiatives.create(callers.officer, received_on="2026-03-30")
    closed = initiatives.create(callers.officer, received_on="2026-03-30")
    handed_on = initiatives.create(callers.officer, received_on="2026-03-30")
    initiatives.step(callers.officer, assigned["id"], "assign", department="KFF")
    initiatives.step(callers.officer, closed["id"], "close", outcome="answered")
    initiatives.step(callers.officer, handed_on["id"], "to_network")
    escalate(runner, "2026-06-01")
    escalations = [m.entity_id for m in messages(app) if m.key.startswith("initiative-escalation:")]
    assert escalations == [handed_on["id"]]  # a move is not an answer


def test_the_escalation_is_in_the_audit_log_by_name(late, runner, initiatives, callers):
    escalate(runner, "2026-04-22")
    events = initiatives.client.get(f"/api/v1/audit?entity=initiative&entity_id={late['id']}&action=escalate",
                                    headers=callers.coordinator.headers).get_json()
    assert len(events) == 1 and events[0]["actor"].startswith("cli:")
    assert events[0]["changes"]["status"] == ["received", "in_network"]
    assert events[0]["at"].startswith("2026-04-22")


def test_the_network_mailbox_and_every_active_coordinator_are_told(late, make_app, database_url, callers):
    from iop.auth.services import create_user
    from iop.initiatives.escalation import escalate_overdue_initiatives

    other = make_app(app_config(database_url, INITIATIVE_NETWORK_EMAIL="Natverket@Kommun.test"))
    with other.app_context():
        create_user(email="samordnare2@kommun.test", role="coordinator")
        create_user(email="slutat@kommun.test", role="coordinator").active = False
        escalate_overdue_initiatives(today=date(2026, 4, 22))
        db.session.commit()
        (message,) = db.session.scalars(sa.select(OutboundMessage)).all()
        assert message.recipients == ["natverket@kommun.test", "samordnare2@kommun.test",
                                      callers.coordinator.email]


def test_the_daily_job_escalates_as_the_system(late, app):
    from iop.audit.models import AuditEvent
    from iop.initiatives.jobs import escalate_initiatives

    freeze(date(2026, 4, 22))
    with app.app_context():
        assert escalate_initiatives() == 1
        assert escalate_initiatives() == 0
        event = db.session.scalar(sa.select(AuditEvent).filter_by(action="escalate"))
        assert event.actor == "system"


def test_the_deadline_follows_the_response_days_setting(make_app, database_url, callers, today):
    from iop.auth.models import User
    from iop.initiatives.services import register_initiative

    freeze(RECEIVED)
    other = make_app(app_config(database_url, INITIATIVE_RESPONSE_DAYS=3))
    with other.app_context():
        initiative = register_initiative(by=db.session.get(User, callers.officer.user_id), title="Kort",
                                         description="Kort frist", departments=["KFF"],
                                         municipal_matter=True)
        assert initiative.respond_by == date(2026, 4, 2)
        db.session.rollback()


@pytest.mark.parametrize("value, expected", [("5", 5), ("0", ConfigError), ("fjorton", ConfigError)])
def test_the_response_days_come_from_the_environment(monkeypatch, tmp_path, value, expected):
    monkeypatch.setenv("IOP_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("IOP_INITIATIVE_RESPONSE_DAYS", value)
    if expected is ConfigError:
        with pytest.raises(ConfigError, match="IOP_INITIATIVE_RESPONSE_DAYS"):
            create_app({"SECRET_KEY": "x"})
    else:
        assert create_app({"SECRET_KEY": "x"}).config["INITIATIVE_RESPONSE_DAYS"] == expected


@pytest.mark.postgresql_only
def test_two_escalations_at_once_escalate_and_email_once(late, app):
    from iop.initiatives.escalation import escalate_overdue_initiatives

    with app.app_context():
        first = escalate_overdue_initiatives(today=date(2026, 4, 22))  # holds its rows, not committed
        with app.app_context():  # another session, another connection: a second process
            db.session.execute(sa.text("SET LOCAL lock_timeout = '5s'"))  # fail, not hang, if it waits
            assert escalate_overdue_initiatives(today=date(2026, 4, 22)) == []
            db.session.commit()
        assert [i.id for i in first] == [late["id"]]
        db.session.commit()
    assert len(messages(app)) == 1
