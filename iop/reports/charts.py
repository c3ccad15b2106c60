"""Charts for the Word report, drawn with matplotlib's Agg renderer into PNG bytes.

No pyplot: a Figure of its own per chart keeps no global state between requests and
threads. Metadata that varies (the software version) is left out, so the same figures
give the same bytes.
"""

from __future__ import annotations

import io

from iop import swedish
from iop.xmltext import xml_text

WIDTH_IN, DPI = 6.3, 150
AGREEMENT_COLOUR, GRANT_COLOUR = "#1f5a96", "#e0912f"


def _figure(height_in: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_IN, height_in), dpi=DPI)
    FigureCanvasAgg(figure)
    return figure


def _png(figure) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png", metadata={"Software": None}, bbox_inches="tight")
    return out.getvalue()


def _kronor_axis(axis) -> None:
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda value, _: swedish.number(round(value))))


def money_per_committee(rows: list[tuple[str, float, float]]) -> bytes:
    """Horizontal bars per committee: the municipality's SEK in agreements and in grants."""
    figure = _figure(max(2.2, 0.55 * len(rows) + 1.2))
    axes = figure.add_subplot()
    if not rows:
        axes.text(0.5, 0.5, "Inga överenskommelser eller bidrag under året", ha="center", va="center")
        axes.set_axis_off()
        return _png(figure)
    names = [name for name, _, _ in rows][::-1]
    agreements = [a for _, a, _ in rows][::-1]
    grants = [g for _, _, g in rows][::-1]
    positions = range(len(rows))
    height = 0.38
    axes.barh([p + height / 2 for p in positions], agreements, height, label="Överenskommelser",
              color=AGREEMENT_COLOUR)
    axes.barh([p - height / 2 for p in positions], grants, height, label="Föreningsbidrag",
              color=GRANT_COLOUR)
    # Names are text, not TeX: mathtext would read "Nämnd $x$" as a formula, and a lone `$`
    # (or an odd number of them) would break the chart for everyone.
    axes.set_yticks(list(positions), [xml_text(name) for name in names], parse_math=False)
    _kronor_axis(axes.xaxis)
    axes.set_xlabel("kronor")
    # Above the bars, under the title: inside the axes the legend would cover the longest bars.
    axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_title("Kommunens pengar per nämnd", pad=28)
    return _png(figure)


def agreements_over_time(rows: list[tuple[int, int]]) -> bytes:
    """Bars: the agreements that counted in each of the last five years."""
    figure = _figure(2.8)
    axes = figure.add_subplot()
    years = [str(year) for year, _ in rows]
    counts = [count for _, count in rows]
    bars = axes.bar(years, counts, color=AGREEMENT_COLOUR)
    axes.bar_label(bars, labels=[swedish.number(c) for c in counts], padding=2)
    axes.set_ylim(0, max(counts + [1]) * 1.2)
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_ylabel("överenskommelser")
    axes.set_title("Gällande överenskommelser per år")
    return _png(figure)
