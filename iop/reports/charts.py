"""Charts for the Word report, drawn with matplotlib's Agg renderer into PNG bytes.

No pyplot: a Figure of its own per chart keeps no global state between requests and
threads. Metadata that varies (the software version) is left out, so the same figures
give the same bytes.
"""

from __future__ import annotations

import io
import textwrap

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


def wrap(label: str, width: int = 22) -> str:
    """A long label on lines of at most `width` characters, broken between words only."""
    return "\n".join(textwrap.wrap(label, width, break_long_words=False, break_on_hyphens=False)) or label


def money_per_committee(rows: list[tuple[str, float, float]]) -> bytes:
    """Horizontal bars per committee, the most money first: the municipality's SEK in agreements and
    in grants, each bar with its amount written beside it (no axis of numbers to collide)."""
    return _png(money_per_committee_figure(rows))


def money_per_committee_figure(rows: list[tuple[str, float, float]]):
    figure = _figure(max(2.2, 0.75 * len(rows) + 1.2))
    axes = figure.add_subplot()
    if not rows:
        axes.text(0.5, 0.5, "Inga överenskommelser eller bidrag under året", ha="center", va="center")
        axes.set_axis_off()
        return figure
    rows = sorted(rows, key=lambda r: -(float(r[1] or 0) + float(r[2] or 0)))[::-1]
    names = [wrap(name) for name, _, _ in rows]
    agreements = [float(a or 0) for _, a, _ in rows]
    grants = [float(g or 0) for _, _, g in rows]
    positions = range(len(rows))
    height = 0.38
    for offset, values, label, colour in ((height / 2, agreements, "Överenskommelser", AGREEMENT_COLOUR),
                                          (-height / 2, grants, "Föreningsbidrag", GRANT_COLOUR)):
        bars = axes.barh([p + offset for p in positions], values, height, label=label, color=colour)
        axes.bar_label(bars, labels=[swedish.kronor(v) if v else "" for v in values], padding=3, fontsize=8)
    # Names are text, not TeX: mathtext would read "Nämnd $x$" as a formula, and a lone `$`
    # (or an odd number of them) would break the chart for everyone.
    axes.set_yticks(list(positions), [xml_text(name) for name in names], parse_math=False)
    axes.set_xlim(0, max(agreements + grants + [1]) * 1.35)  # room for the amounts
    axes.xaxis.set_visible(False)
    axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False)
    axes.spines[["top", "right", "bottom"]].set_visible(False)
    axes.set_title("Kommunens pengar per nämnd", pad=28)
    return figure


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
