"""Chart labels a board member can read: no two drawn labels overlap, long names wrap, biggest first."""

from itertools import combinations

from iop.reports import charts

COMMITTEES = [
    ("Kultur- och fritidsnämnden", 430000, 627500),
    ("Barn- och utbildningsnämnden", 0, 90000),
    ("Socialnämnden", 1400000, 950000),
    ("Omsorgsnämnden", 0, 95001),
    ("Samhällsbyggnadsnämnden för hållbar stadsutveckling", 240000, 1000),
    ("Äldrenämnden", 0, 73000),
    ("Kommunstyrelsen", 1234567, 1200000),
]


def drawn_labels(figure):
    """Every piece of text drawn in the figure, with its bounding box on the canvas."""
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    found = []
    for axes in figure.axes:
        texts = [axes.title, *axes.get_yticklabels(), *axes.texts]
        if axes.xaxis.get_visible():
            texts += axes.get_xticklabels()
        legend = axes.get_legend()
        if legend is not None:
            texts += legend.get_texts()
        found += [(t.get_text(), t.get_window_extent(renderer)) for t in texts
                  if t.get_visible() and t.get_text().strip()]
    return found


def test_no_two_labels_of_the_money_chart_overlap():
    labels = drawn_labels(charts.money_per_committee_figure(COMMITTEES))
    assert len(labels) >= len(COMMITTEES) * 2  # names and amounts are drawn
    for (first, box), (second, other) in combinations(labels, 2):
        assert not box.overlaps(other), (first, second)


def test_the_money_chart_is_sorted_with_wrapped_names_and_written_amounts():
    figure = charts.money_per_committee_figure(COMMITTEES)
    figure.canvas.draw()
    names = [t.get_text() for t in figure.axes[0].get_yticklabels()][::-1]  # top first
    assert names[:2] == ["Kommunstyrelsen", "Socialnämnden"]  # 2 434 567 kr, 2 350 000 kr
    assert "Samhällsbyggnadsnämnden\nför hållbar\nstadsutveckling" in names
    assert all(len(line) <= 23 for name in names for line in name.split("\n"))
    amounts = {t.get_text() for t in figure.axes[0].texts}
    assert "1\u00a0400\u00a0000 kr" in amounts and "0 kr" not in amounts
