"""Every role against every foundation endpoint: what is allowed is exactly what the table says."""

import pytest

ORG = {"name": "Ny förening", "org_number": "802438-7790", "legal_form": "ideell_forening"}
DEPT = {"code": "NY", "name": "Ny förvaltning", "committee": "Kommunstyrelsen"}

# (method, path, body) -> roles that may call it; everyone else gets 403.
ALLOWED = {
    ("GET", "/api/v1/me", None): {"admin", "coordinator", "officer", "legal", "viewer"},
    ("GET", "/api/v1/departments", None): {"admin", "coordinator", "officer", "legal", "viewer"},
    ("GET", "/api/v1/departments/KFF", None): {"admin", "coordinator", "officer", "legal", "viewer"},
    ("POST", "/api/v1/departments", "DEPT"): {"admin"},
    ("GET", "/api/v1/organisations", None): {"admin", "coordinator", "officer", "legal", "viewer"},
    ("POST", "/api/v1/organisations", "ORG"): {"admin", "coordinator", "officer"},
    ("GET", "/api/v1/audit", None): {"admin", "coordinator", "officer", "legal", "viewer"},
}


@pytest.mark.parametrize("role", ["admin", "coordinator", "officer", "legal", "viewer"])
def test_each_role_may_do_exactly_what_the_table_allows(client, callers, role):
    caller = callers.by_role()[role]
    for (method, path, body), roles in ALLOWED.items():
        payload = {"ORG": ORG, "DEPT": DEPT}.get(body)
        response = client.open(path, method=method, json=payload, headers=caller.headers)
        if role in roles:
            assert response.status_code in (200, 201), (method, path, role, response.get_json())
        else:
            assert response.status_code == 403, (method, path, role)
        # undo a successful create so the next role's attempt is judged on access alone
        if response.status_code == 201:
            from iop.extensions import db

            with client.application.app_context():
                from tests import databases
                if body == "ORG":
                    db.session.execute(db.text("DELETE FROM contact_persons"))
                    db.session.execute(db.text("DELETE FROM organisations"))
                else:
                    db.session.execute(db.text("DELETE FROM departments WHERE code = 'NY'"))
                db.session.commit()
                del databases
