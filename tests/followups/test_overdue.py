"""Follow-ups past their date without a report are overdue, counted in working days, for the e-mails."""

from datetime import date

from iop.clock import frozen_at
from iop.departments.services import get_department
from iop.followups.services import list_overdue
from tests.agreements.factories import signed_agreement


def test_overdue_follow_ups_name_the_agreement_its_officer_and_the_working_days_late(
        app, client, callers, organisation_id):
    follow_ups = [{"date": "2027-06-30", "title": "Halvårsredovisning"}]
    settled = signed_agreement(client, callers, organisation_id, case_number="KFN 2026/0071",
                               responsible_email="anna@kommun.test", follow_ups=follow_ups)
    owing = signed_agreement(client, callers, organisation_id, case_number="KFN 2026/0072",
                             responsible_email="Bertil@kommun.test", follow_ups=follow_ups)
    with frozen_at(date(2027, 7, 2)):
        response = client.post(f"/api/v1/agreements/{settled['id']}/follow-up-reports",
                               headers=callers.officer.headers,
                               json={"follow_up_date": "2027-06-30", "received_on": "2027-07-01",
                                     "summary": "Inkommen.", "assessment": "met"})
    assert response.status_code == 201
    with app.app_context():
        [late] = list_overdue(today=date(2027, 7, 12))  # Monday, 8 working days after Wednesday 30 June
        assert (late.agreement.id, late.follow_up_date, late.titles) == (
            owing["id"], date(2027, 6, 30), ("Halvårsredovisning",))
        assert (late.responsible_email, late.department.code, late.working_days_overdue) == (
            "bertil@kommun.test", "KFF", 8)
        assert [o.agreement.id for o in list_overdue(today=date(2027, 7, 12),
                                                     responsible_email="Bertil@kommun.test")] == [owing["id"]]
        assert list_overdue(today=date(2027, 7, 12), responsible_email="anna@kommun.test") == []
        other = get_department(code="SOC")
        assert list_overdue(today=date(2027, 7, 12), department_id=other.id) == []
        assert list_overdue(today=date(2027, 6, 30)) == []  # on its day it is not late yet
