def test_an_admin_registers_a_department(client, callers):
    response = client.post("/api/v1/departments", headers=callers.admin.headers, json={
        "code": "ALF", "name": "Äldreförvaltningen", "committee": "Äldrenämnden",
        "email": "aldre@kommun.test"})
    assert response.status_code == 201
    assert response.get_json() == {"id": response.get_json()["id"], "code": "ALF",
                                   "name": "Äldreförvaltningen", "committee": "Äldrenämnden",
                                   "email": "aldre@kommun.test"}
    assert client.get("/api/v1/departments/alf", headers=callers.viewer.headers).status_code == 200


def test_departments_are_listed_by_code(client, callers):
    codes = [d["code"] for d in client.get("/api/v1/departments", headers=callers.viewer.headers).get_json()]
    assert codes == ["KFF", "KLF", "SOC"]


def test_a_department_code_is_unique(client, callers):
    response = client.post("/api/v1/departments", headers=callers.admin.headers, json={
        "code": "KFF", "name": "Dubblett", "committee": "Kultur- och fritidsnämnden"})
    assert response.status_code == 409


def test_only_an_admin_registers_departments(client, callers):
    for role, caller in callers.by_role().items():
        if role == "admin":
            continue
        response = client.post("/api/v1/departments", headers=caller.headers, json={
            "code": "X", "name": "X", "committee": "X"})
        assert response.status_code == 403, role


def test_an_unknown_department_is_404(client, callers):
    assert client.get("/api/v1/departments/NOPE", headers=callers.viewer.headers).status_code == 404
