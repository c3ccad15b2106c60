"""The agreement templates of this installation (TEMPLATES_DIR), reloaded when a file changes.

A lawyer edits the .docx in Word and saves it over the old one; the next draft uses it
without a restart.
"""

from __future__ import annotations

import threading
from pathlib import Path

from flask import current_app

from iop.documents.templates import AgreementTemplate, load_templates
from iop.errors import Invalid

_lock = threading.Lock()
_cache: dict[str, tuple[tuple, dict[str, AgreementTemplate]]] = {}


def _fingerprint(directory: Path) -> tuple:
    return tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                        for p in directory.iterdir() if p.is_file()))


def all_templates() -> dict[str, AgreementTemplate]:
    """Every template by key."""
    directory = Path(current_app.config["TEMPLATES_DIR"])
    fingerprint = _fingerprint(directory)
    with _lock:
        cached = _cache.get(str(directory))
        if cached is None or cached[0] != fingerprint:
            cached = (fingerprint, load_templates(directory))
            _cache[str(directory)] = cached
    return cached[1]


def get_template(key: str) -> AgreementTemplate:
    """The template with this key, or 422 naming the ones there are."""
    registry = all_templates()
    if key not in registry:
        raise Invalid({"template": f"Okänd mall {key!r}. Välj en av: {', '.join(sorted(registry))}."})
    return registry[key]
