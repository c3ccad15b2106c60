import re
from collections import Counter


def test_the_demo_has_initiatives_at_every_point_of_their_way(runner, client):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    token = re.search(r"^coordinator\s+\S+\s+(iop_\S+)$", result.output, re.M).group(1)
    headers = {"Authorization": f"Bearer {token}"}
    items = client.get("/api/v1/initiatives", headers=headers).get_json()
    assert Counter(i["status"] for i in items) == {"in_network": 2, "received": 1, "assigned": 1, "closed": 1}
    assert any(len(i["departments"]) > 1 and i["status"] == "in_network" for i in items)
    assert [i["status"] for i in items if i["overdue"]] == ["received"]
    (closed,) = [i for i in items if i["status"] == "closed"]
    assert closed["outcome"] == "agreement" and closed["days_to_first_handling"] == 3
    (assigned,) = [i for i in items if i["status"] == "assigned"]
    assert assigned["assigned_department"] == "ALF" and assigned["departments"] == ["ALF", "OMF"]
    notes = client.get(f"/api/v1/initiatives/{assigned['id']}/notes", headers=headers).get_json()
    assert notes and notes[0]["author"] == "samordnare@sjostad.example"
