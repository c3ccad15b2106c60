"""The templates of the running service, from IOP_TEMPLATES_DIR, re-read when a file changes."""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path

from flask import current_app

from iop.documents.templates import AgreementTemplate, load_templates
from iop.errors import NotFound

_registry: dict[str, tuple[tuple, dict[str, AgreementTemplate]]] = {}
_lock = threading.Lock()


def _fingerprint(folder: Path) -> tuple:
    # os.scandir rather than Path.iterdir: every read of an agreement asks (is its template
    # version still the current one?), and the Path objects cost more than the stat calls.
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return ()
    return tuple(sorted(
        (entry.name, stat.st_mtime_ns, stat.st_size)
        for entry in entries if entry.name.endswith((".json", ".docx"))
        for stat in (entry.stat(),)
    ))


@lru_cache(maxsize=16)
def _resolved(directory: str) -> Path:
    return Path(directory).resolve()


def templates_in(directory: str | Path) -> dict[str, AgreementTemplate]:
    """The templates in `directory`, loaded again only when a file there has changed."""
    folder = _resolved(str(directory))
    stamp = _fingerprint(folder)
    with _lock:
        cached = _registry.get(str(folder))
    if cached and cached[0] == stamp:
        return cached[1]
    templates = load_templates(folder)
    with _lock:
        _registry[str(folder)] = (stamp, templates)
    return templates


def list_templates() -> list[AgreementTemplate]:
    """Every template of this service, by key."""
    templates = templates_in(current_app.config["TEMPLATES_DIR"])
    return [templates[key] for key in sorted(templates)]


def get_template(*, key: str) -> AgreementTemplate:
    """One template by key; NotFound when there is none."""
    template = templates_in(current_app.config["TEMPLATES_DIR"]).get(key)
    if template is None:
        raise NotFound(f"Mallen {key} finns inte.")
    return template
