"""Template pinning: a revision is rendered with the template version it was drafted with.

A version is a template's Word file and manifest, kept in the database by the SHA-256 of the
Word file the first time a revision uses it. A new draft takes the current template; later
revisions of the same draft keep the version of the one before, until the officer moves the
draft to the current template (`services.move_to_current_template`). So a lawyer's edit of the Word
file reaches new drafts, and never changes a document already reviewed, approved or signed.

To render, a kept version is written once to the instance folder (template-versions/<sha256>/)
and loaded like any template, so the rendering code reads it the same way as the shipped files.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import NamedTuple

import sqlalchemy as sa
from flask import current_app

from iop.agreements import templates
from iop.agreements.models import Agreement, AgreementRevision, TemplateVersion
from iop.documents.templates import AgreementTemplate, load_template
from iop.extensions import db


def pin_current(key: str) -> TemplateVersion:
    """The current version of template `key`, kept if it is new."""
    template = templates.get_template(key)
    content = template.path.read_bytes()
    sha256 = hashlib.sha256(content).hexdigest()
    kept = db.session.get(TemplateVersion, sha256)
    if kept is not None:
        return kept
    manifest = json.loads(template.path.with_suffix(".json").read_text(encoding="utf-8"))
    kept = TemplateVersion(sha256=sha256, key=template.key, version=str(manifest.get("version", "")),
                           manifest=manifest, content=content)
    try:
        with db.session.begin_nested():  # another request may keep the same version at the same time
            db.session.add(kept)
    except sa.exc.IntegrityError:
        kept = db.session.get(TemplateVersion, sha256)
    return kept


def version_for_new_revision(agreement: Agreement) -> TemplateVersion:
    """The version the agreement's previous revision used, or the current one for a new draft."""
    previous = db.session.scalar(
        sa.select(AgreementRevision.template_sha256)
        .where(AgreementRevision.agreement_id == agreement.id, AgreementRevision.number < agreement.revision)
        .order_by(AgreementRevision.number.desc()).limit(1))
    if previous is not None:
        return db.session.get(TemplateVersion, previous)
    return pin_current(agreement.template_key)


def template_for(revision: AgreementRevision) -> AgreementTemplate:
    """The template to render the revision with: its kept version, else (older revisions) the current."""
    if revision.template_sha256 is None:
        return templates.get_template(revision.content["template_key"])
    folder = Path(current_app.instance_path) / "template-versions" / revision.template_sha256
    manifest = folder / f"{revision.content['template_key']}.json"
    if not manifest.is_file():
        _write_once(folder, db.session.get(TemplateVersion, revision.template_sha256))
    return load_template(manifest)


def _write_once(folder: Path, kept: TemplateVersion) -> None:
    """The kept bytes as files; written to a temporary folder and renamed, so a reader never
    sees half a version."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".staging-"))
    names = (f"{kept.key}.docx", f"{kept.key}.json")
    (staging / names[0]).write_bytes(kept.content)
    (staging / names[1]).write_text(json.dumps(kept.manifest, ensure_ascii=False), encoding="utf-8")
    try:
        os.rename(staging, folder)
    except OSError:  # another worker wrote it first: the same bytes
        for name in names:
            (staging / name).unlink()
        staging.rmdir()


class TemplateRef(NamedTuple):
    """A template version as `describe_template_version` reads it, kept apart from the session."""

    key: str
    version: str
    sha256: str


def template_version_of(agreement: Agreement) -> dict:
    """Which template version the agreement's current revision uses, as shown to the officer and
    the lawyer (a revision saved before versions were kept uses the current template)."""
    sha256 = db.session.scalar(
        sa.select(AgreementRevision.template_sha256)
        .where(AgreementRevision.agreement_id == agreement.id,
               AgreementRevision.number == agreement.revision))
    return describe_template_version(agreement.template_key,
                                     db.session.get(TemplateVersion, sha256) if sha256 else None)


def describe_template_version(template_key: str, kept: TemplateVersion | TemplateRef | None) -> dict:
    """`template_version_of` for a kept version already loaded, or its key, version and SHA-256
    kept with a read of the agreement (None: the revision has none); `current` is read now."""
    current = templates.get_template(kept.key if kept else template_key)
    if kept is None:
        return {"key": current.key, "version": current.version, "sha256": None, "current": True}
    return {"key": kept.key, "version": kept.version, "sha256": kept.sha256,
            "current": kept.sha256 == current.sha256}
