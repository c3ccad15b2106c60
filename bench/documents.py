"""Agreement documents: render_agreement against docxtpl used directly, and memory over 1,000.

    .venv/bin/python -m bench.documents [renders]

Target (DESIGN.md): no slower than docxtpl rendering the same template on the same data, and
1,000 renders in a row with flat memory. The direct docxtpl run gets the same context and the
same escaping Jinja environment, so both produce the same document.
"""

from __future__ import annotations

import io
import resource
import sys
import time
import tracemalloc

from docxtpl import DocxTemplate

from iop.config import DEFAULTS
from iop.documents.context import build_context
from iop.documents.rendering import make_environment, render_agreement
from iop.documents.sample import SAMPLE_AGREEMENT
from iop.documents.templates import load_templates


def _per_render_ms(render, count: int) -> float:
    render()  # warm: imports, first compilation
    start = time.perf_counter()
    for _ in range(count):
        render()
    return (time.perf_counter() - start) / count * 1000


def main(count: int = 50) -> None:
    template = load_templates(DEFAULTS["TEMPLATES_DIR"])["iop"]
    context = build_context(SAMPLE_AGREEMENT, template=template, signed=False, signed_on=None,
                            signatories=())
    environment = make_environment()

    def direct() -> bytes:
        document = DocxTemplate(str(template.path))
        document.render(context, environment, autoescape=True)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()

    def ours() -> bytes:
        return render_agreement(SAMPLE_AGREEMENT, template=template)

    baseline, measured = _per_render_ms(direct, count), _per_render_ms(ours, count)
    print(f"docxtpl directly: {baseline:6.1f} ms per document")
    print(f"render_agreement: {measured:6.1f} ms per document ({baseline / measured:.1f}x as fast)")

    tracemalloc.start()
    for index in range(1, 1001):
        ours()
        if index in (10, 100, 1000):
            current, _ = tracemalloc.get_traced_memory()
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"after {index:4d} renders: {current / 1024:8.1f} KiB traced, max RSS {rss:.0f} MiB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
