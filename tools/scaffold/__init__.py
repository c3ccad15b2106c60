"""The scaffold that wrote the first versions of the shipped Word templates.

A developer tool, outside the runtime package: the service reads the .docx files in
`templates/agreements/`, never this code. Those files are the source of truth once lawyers
edit them in Word (`iop templates check` tells whether an edited file still works); this
scaffold shows how they were made and starts a template family from scratch:

    python -m tools.scaffold /tmp/new-templates
    make templates      # rebuild templates/agreements/ itself (--replace; git shows the change)

Without --replace it refuses to overwrite existing files, so a lawyer's edits are not lost to it.
"""

from __future__ import annotations

import json
from pathlib import Path

from tools.scaffold import annual_template, blocks, iop_template
from tools.scaffold.ooxml import bookmarks, package, reset_bookmarks

MANIFESTS = {
    "iop": {
        "key": "iop",
        "kind": "iop",
        "name": iop_template.NAME,
        "version": "2.0",
        "required_fields": ["title", "organisations", "challenge", "purpose", "added_value",
                            "market_assessment", "resources", "start_date", "end_date",
                            "notice_period_months"],
    },
    "annual": {
        "key": "annual",
        "kind": "annual",
        "name": annual_template.NAME,
        "version": "2.0",
        "required_fields": ["title", "organisations", "purpose", "resources", "start_date",
                            "end_date"],
    },
}

BODIES = {"iop": iop_template.body_xml, "annual": annual_template.body_xml}
CONDITIONS = {"iop": iop_template.CONDITIONS, "annual": annual_template.CONDITIONS}


def write_templates(directory: Path, *, replace: bool = False) -> list[Path]:
    """Write `<key>.docx` and `<key>.json` for each template; refuse to overwrite unless `replace`."""
    directory.mkdir(parents=True, exist_ok=True)
    targets = [directory / f"{key}{suffix}" for key in MANIFESTS for suffix in (".docx", ".json")]
    existing = [str(p) for p in targets if p.exists()]
    if existing and not replace:
        raise FileExistsError(f"finns redan, skrivs inte över: {', '.join(existing)}")
    for key, manifest in MANIFESTS.items():
        reset_bookmarks()
        docx = package(body_xml=BODIES[key](), header=blocks.header(), footer=blocks.footer(),
                       title=f"Mall: {manifest['name']}")
        manifest = {**manifest, "sections": [
            {"heading": heading, "part": part,
             **({"condition": CONDITIONS[key][part]} if part in CONDITIONS[key] else {})}
            for part, heading in bookmarks()]}
        (directory / f"{key}.docx").write_bytes(docx)
        (directory / f"{key}.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return targets
