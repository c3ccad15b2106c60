"""The templates of the running service, from IOP_TEMPLATES_DIR, re-read when a file changes."""

from __future__ import annotations

import threading
from pathlib import Path

from flask import current_app

from iop.documents.templates import AgreementTemplate, load_templates
from iop.errors import NotFound

_registry: dict[str, tuple[tuple, dict[str, AgreementTemplate]]] = {}
_lock = threading.Lock()


def _fingerprint(folder: Path) -> tuple:
    if not folder.is_dir():
        return ()
    return tuple(sorted(
        (path.name, stat.st_mtime_ns, stat.st_size)
        for path in folder.iterdir() if path.suffix in (".json", ".docx")
        for stat in (path.stat(),)
    ))


def templates_in(directory: str | Path) -> dict[str, AgreementTemplate]:
    """The templates in `directory`, loaded again only when a file there has changed."""
    folder = Path(directory).resolve()
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
