"""Agreement documents: render_agreement against docxtpl used directly, and memory over 1,000 in a row.

    python -m bench.documents [--renders 50] [--row 1000] [--rounds 5]

Target (DESIGN.md): no slower than docxtpl rendering the same template on the same data, and
1,000 renders in a row with flat memory. The direct docxtpl run gets the same context and the
same escaping Jinja environment, so both produce the same document. The two are timed in
alternating batches and the medians compared. Memory: Python allocations still held after 100
renders and after `row` renders (a leak grows between them), and the process's resident size.
"""

from __future__ import annotations

import argparse
import io
import time
import tracemalloc

from bench import memory
from bench.table import Row, format_table, interleaved, median

TARGET_RATIO = 1.0
FLAT_KIB = 1024  # what may still be held after 1,000 renders beyond what was held after 100


def renderers():
    from docxtpl import DocxTemplate

    from iop.config import DEFAULTS
    from iop.documents.context import build_context
    from iop.documents.rendering import make_environment, render_agreement
    from iop.documents.sample import SAMPLE_AGREEMENT
    from iop.documents.templates import load_templates

    template = load_templates(DEFAULTS["TEMPLATES_DIR"])["iop"]
    context = build_context(SAMPLE_AGREEMENT, template=template, signed=False, signed_on=None, signatories=())
    environment = make_environment()

    def direct() -> bytes:
        document = DocxTemplate(str(template.path))
        document.render(context, environment, autoescape=True)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()

    def ours() -> bytes:
        return render_agreement(SAMPLE_AGREEMENT, template=template)

    return direct, ours


def per_render_ms(render, count: int) -> float:
    begun = time.perf_counter()
    for _ in range(count):
        render()
    return (time.perf_counter() - begun) / count * 1000


def in_a_row(render, count: int) -> dict:
    """Render `count` times; Python memory held after 100 and after `count`, and the peak RSS."""
    memory.reset_peak()
    rss_before = memory.current_rss_mb()
    tracemalloc.start()
    held = {}
    for index in range(1, count + 1):
        render()
        if index in (min(100, count), count):
            held[index] = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    first, last = held[min(100, count)], held[count]
    return {"growth_kib": (last - first) / 1024, "rss_before": rss_before, "rss_peak": memory.peak_rss_mb(),
            "first": min(100, count)}


def run(*, renders: int = 50, row: int = 1000, rounds: int = 5) -> list[Row]:
    direct, ours = renderers()
    direct(), ours()  # warm: imports, the first compilation
    timings = interleaved({"direct": lambda: per_render_ms(direct, renders),
                           "ours": lambda: per_render_ms(ours, renders)}, rounds)
    baseline, measured = median(timings["direct"]), median(timings["ours"])
    held = in_a_row(ours, row)
    ratio = measured / baseline
    return [
        Row("Word document: render_agreement", f"{measured:.1f} ms", f"{baseline:.1f} ms docxtpl", ratio,
            f"<= {TARGET_RATIO}x docxtpl", ratio <= TARGET_RATIO,
            f"IOP template, sample agreement; median of {rounds} batches of {renders}"),
        Row(f"Word documents: {row:,} in a row", f"{held['growth_kib']:+.0f} KiB held",
            f"after {held['first']}", None, f"flat (< {FLAT_KIB} KiB more)", held["growth_kib"] < FLAT_KIB,
            f"Python allocations still held after {row:,} renders beyond those after {held['first']}; "
            f"resident size {held['rss_before']:.0f} MB before, {held['rss_peak']:.0f} MB at most"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=50)
    parser.add_argument("--row", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(format_table(run(renders=args.renders, row=args.row, rounds=args.rounds)))


if __name__ == "__main__":
    main()
