"""What the initiatives code announces, as a subscriber (notifications) receives it: real flows
through the API and the escalation command."""

from datetime import date

from iop.initiatives.signals import (
    initiative_assigned,
    initiative_closed,
    initiative_escalated,
    initiative_registered,
    initiative_to_network,
)
from tests.initiatives.conftest import freeze
from tests.signals import heard

ALL = (initiative_registered, initiative_to_network, initiative_assigned, initiative_escalated,
       initiative_closed)


def test_registering_assigning_handing_back_and_closing_are_announced(initiatives, callers):
    officer, coordinator = callers.officer.user_id, callers.coordinator.user_id
    with heard(*ALL) as signals:
        created = initiatives.create(callers.officer)
        ident = created["id"]
        assert initiatives.step(callers.officer, ident, "assign", department="KFF").status_code == 200
        assert initiatives.step(callers.officer, ident, "to_network").status_code == 200
        assert initiatives.step(callers.coordinator, ident, "assign", department="SOC").status_code == 200
        refused = initiatives.step(callers.coordinator, ident, "close", outcome="not_municipal")
        assert refused.status_code == 422  # a municipal matter: refused, and nothing announced
        assert initiatives.step(callers.officer_soc, ident, "close", outcome="answered").status_code == 200
    assert signals == [
        ("initiative-registered", ident, "received", {"actor": officer, "status": "received"}),
        ("initiative-assigned", ident, "assigned", {"actor": officer, "department": "KFF"}),
        ("initiative-to-network", ident, "in_network", {"actor": officer, "previous_department": "KFF"}),
        ("initiative-assigned", ident, "assigned", {"actor": coordinator, "department": "SOC"}),
        ("initiative-closed", ident, "closed", {"actor": callers.officer_soc.user_id, "outcome": "answered"}),
    ]


def test_an_edit_that_routes_to_the_network_is_announced(initiatives, callers):
    ident = initiatives.create(callers.officer)["id"]
    with heard(initiative_to_network) as signals:
        assert initiatives.patch(callers.officer, ident, municipal_matter=None).status_code == 200
    assert signals == [("initiative-to-network", ident, "in_network",
                        {"actor": callers.officer.user_id, "previous_department": None})]


def test_an_escalation_is_announced_by_the_system(initiatives, callers, runner):
    freeze(date(2026, 3, 30))
    ident = initiatives.create(callers.officer, received_on="2026-03-30")["id"]
    with heard(*ALL) as signals:
        result = runner.invoke(args=["initiatives", "escalate", "--date", "2026-04-22"])
        assert result.exit_code == 0, result.output
    assert signals == [("initiative-escalated", ident, "in_network",
                        {"actor": None, "flagged_on": date(2026, 4, 22)})]
