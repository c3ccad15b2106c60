"""Template limits: a template's test rendering runs in a child process with a wall-clock and
a memory limit, so a template that loops for ever or blows up refuses itself, not the service.

Rendering happens inside Jinja's sandbox, which stops a template reaching Python, but not one
that loops a billion times or builds a string of gigabytes. Such a template is found when it
is checked (`iop templates check`, the admin's templates page) and before it is first used in
this process: the sample data are rendered in `python -m iop.documents.limits`, which sets
its own limits (resource.setrlimit) before doing anything else, and is killed when its time
is up. A template that passed renders in process as before; the result is kept per file
content, so each version is tried once per process.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import docx

from iop.documents.contract import DocumentDataError
from iop.documents.rendering import render_agreement
from iop.documents.sample import SAMPLE_AGREEMENT, SAMPLE_SIGNATURES
from iop.documents.templates import AgreementTemplate, TemplateError

DEFAULT_SECONDS = 30
DEFAULT_MEMORY_MB = 1024
_MEMORY_MARK = "memory"
_results: dict[tuple[str, str], list[str]] = {}
_lock = threading.Lock()


def _limits() -> tuple[int, int]:
    from flask import current_app, has_app_context

    if has_app_context():
        return (current_app.config.get("TEMPLATE_CHECK_SECONDS", DEFAULT_SECONDS),
                current_app.config.get("TEMPLATE_CHECK_MEMORY_MB", DEFAULT_MEMORY_MB))
    return DEFAULT_SECONDS, DEFAULT_MEMORY_MB


def render_problems(template: AgreementTemplate) -> list[str]:
    """The test rendering's problems (in Swedish), run in a limited child process; [] when it works."""
    manifest = template.path.with_suffix(".json")
    key = (str(template.path.resolve()), template.sha256 + _manifest_digest(manifest))
    with _lock:
        known = _results.get(key)
    if known is not None:
        return list(known)
    seconds, memory_mb = _limits()
    problems = _run_child(template, manifest, seconds, memory_mb)
    with _lock:
        _results[key] = problems
    return list(problems)


def ensure_usable(template: AgreementTemplate) -> None:
    """Refuse (TemplateError) a template whose test rendering fails or breaks the limits."""
    problems = render_problems(template)
    if problems:
        raise TemplateError(f"Mallen {template.label} kan inte användas: {problems[0]} "
                            "Kör iop templates check och rätta mallen.", template=template.key)


def _manifest_digest(manifest: Path) -> str:
    try:
        return str(manifest.stat().st_mtime_ns)
    except OSError:
        return ""


def _run_child(template: AgreementTemplate, manifest: Path, seconds: int, memory_mb: int) -> list[str]:
    root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])),
           "IOP_TEMPLATE_CHECK_MEMORY_MB": str(memory_mb), "IOP_TEMPLATE_CHECK_SECONDS": str(seconds)}
    too_long = (f"Provrenderingen tog längre än {seconds} sekunder och avbröts. Mallen har troligen en "
                "slinga som aldrig tar slut eller blir orimligt stor; kontrollera {% for %}-taggarna.")
    too_big = (f"Provrenderingen behövde mer än {memory_mb} MB minne och avbröts. Mallen bygger troligen "
               "upp en orimligt stor text eller slinga; kontrollera {% for %}-taggarna och uttrycken.")
    try:
        done = subprocess.run([sys.executable, "-m", "iop.documents.limits", str(manifest)], env=env,
                              capture_output=True, text=True, timeout=seconds, check=False)
    except subprocess.TimeoutExpired:
        return [too_long]
    try:
        answer = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        answer = None
    if isinstance(answer, dict) and answer.get(_MEMORY_MARK):
        return [too_big]
    if isinstance(answer, list) and done.returncode == 0:
        return [str(problem) for problem in answer]
    if done.returncode < 0:  # killed by a signal: the CPU limit (SIGXCPU/SIGKILL) or out of memory
        return [too_long]
    return [too_big if "MemoryError" in done.stderr else
            f"Provrenderingen misslyckades oväntat (kod {done.returncode}): {done.stderr.strip()[-300:]}"]


_LEFTOVER = re.compile(r"\{\{|\}\}|\{%|%\}")  # a placeholder the test rendering left unfilled


def test_render_problems(template: AgreementTemplate) -> list[str]:
    """Render with the sample data, unsigned and signed; every placeholder must be filled."""
    problems = []
    for signed, label in ((False, "utkast"), (True, "undertecknad")):
        extra = SAMPLE_SIGNATURES if signed else {}
        try:
            blob = render_agreement(SAMPLE_AGREEMENT, template=template, signed=signed, **extra)
        except (TemplateError, DocumentDataError) as error:
            problems.append(f"Provrendering ({label}) misslyckades: {error}")
            continue
        document = docx.Document(io.BytesIO(blob))
        leftovers = sorted({p.text.strip() for p in _all_paragraphs(document) if _LEFTOVER.search(p.text)})
        for text in leftovers:
            problems.append(f"Provrendering ({label}): en platshållare blev inte ifylld: ”{text[:120]}”.")
    return problems


def _all_paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs
    for section in document.sections:
        yield from section.header.paragraphs
        yield from section.footer.paragraphs


def _child(manifest: str) -> None:
    """In the child: limit this process first, then render the sample data and print the problems."""
    import resource

    memory = int(os.environ.get("IOP_TEMPLATE_CHECK_MEMORY_MB", DEFAULT_MEMORY_MB)) * 1024 * 1024
    seconds = int(os.environ.get("IOP_TEMPLATE_CHECK_SECONDS", DEFAULT_SECONDS))
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    try:
        from iop.documents.templates import load_template

        problems = test_render_problems(load_template(manifest))
    except MemoryError:
        print(json.dumps({_MEMORY_MARK: True}))
        return
    except TemplateError as error:
        problems = [error.message]
    print(json.dumps(problems, ensure_ascii=False))


if __name__ == "__main__":
    _child(sys.argv[1])
