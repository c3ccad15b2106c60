from datetime import date

from iop.initiatives.statistics import summarise_year
from tests.initiatives.conftest import freeze


def test_the_yearly_figures_count_how_initiatives_were_handled_and_how_fast(initiatives, callers, ctx):
    freeze(date(2026, 3, 30))
    quick = initiatives.create(callers.officer, received_on="2026-03-27")
    slow = initiatives.create(callers.officer, departments=["KFF", "SOC"], received_on="2026-03-02")
    initiatives.create(callers.officer, departments=["KFF", "SOC"], received_on="2026-03-03")
    initiatives.create(callers.officer, received_on="2025-12-30")  # another year
    initiatives.step(callers.officer, quick["id"], "close", outcome="answered")  # 1 working day
    freeze(date(2026, 4, 8))
    initiatives.step(callers.coordinator, slow["id"], "assign", department="SOC")  # 25 working days

    figures = summarise_year(year=2026)
    assert figures["received"] == 3 and figures["cross_department"] == 2
    assert figures["by_status"] == {"received": 0, "in_network": 1, "assigned": 1, "closed": 1}
    assert figures["by_outcome"]["answered"] == 1
    assert figures["median_days_to_first_handling"] == 13
    assert summarise_year(year=2024)["median_days_to_first_handling"] is None
