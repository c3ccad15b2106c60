"""The agreement templates: a Word file and a small JSON manifest per template, in one directory.

`iop.json` names the template and what it needs; `iop.docx` is the Word file a lawyer edits.
The SHA-256 of the Word file is computed here, never written in the manifest, so it cannot
go stale when the file is edited.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from iop.documents.contract import DATA_KEYS
from iop.errors import DomainError

KINDS = ("iop", "annual")
MANIFEST_KEYS = {"key", "kind", "name", "version", "required_fields", "description", "sections"}
SECTION_KEYS = {"heading", "part", "condition"}
PART_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,39}$")


@dataclass(frozen=True)
class Section:
    """One section of a document, in order: its heading, the Word bookmark where its part
    starts (the part runs to the next section's bookmark), and an optional condition on the
    data (a Jinja expression, e.g. `processes_personal_data`) deciding whether it is included."""

    heading: str
    part: str
    condition: str | None = None


class TemplateError(DomainError):
    """A template that cannot be used: a broken manifest, Word file or placeholder.

    A server-side fault, not the caller's (500), with a Swedish message that names the
    template and what is wrong, so whoever edited it knows what to fix.
    """

    status = 500

    def __init__(self, message: str, *, template: str | None = None, placeholder: str | None = None):
        super().__init__(message)
        self.template = template
        self.placeholder = placeholder


@dataclass(frozen=True)
class AgreementTemplate:
    key: str
    kind: str
    name: str
    version: str
    required_fields: tuple[str, ...]
    path: Path
    sha256: str
    description: str = ""
    sections: tuple[Section, ...] = ()

    @property
    def label(self) -> str:
        """How messages name the template: `iop (iop.docx)`."""
        return f"{self.key} ({self.path.name})"


def load_templates(directory: str | Path) -> dict[str, AgreementTemplate]:
    """Every template in `directory` by key; a broken manifest raises TemplateError naming its file."""
    folder = Path(directory)
    if not folder.is_dir():
        raise TemplateError(f"Mallkatalogen {folder} finns inte.")
    templates: dict[str, AgreementTemplate] = {}
    for manifest in sorted(folder.glob("*.json")):
        template = load_template(manifest)
        templates[template.key] = template
    return templates


def load_template(manifest_path: str | Path) -> AgreementTemplate:
    """One template from its manifest; the Word file is the manifest's name with .docx."""
    path = Path(manifest_path)
    manifest = _read_manifest(path)
    problems = _manifest_problems(manifest, path)
    docx = path.with_suffix(".docx")
    if not docx.is_file():
        problems.append(f"Word-filen {docx.name} saknas")
    if problems:
        raise TemplateError(f"Mallen {path.name} är felaktig: {'; '.join(problems)}.",
                            template=path.stem)
    return AgreementTemplate(
        key=manifest["key"], kind=manifest["kind"], name=manifest["name"],
        version=manifest["version"], required_fields=tuple(manifest["required_fields"]),
        path=docx, sha256=hashlib.sha256(docx.read_bytes()).hexdigest(),
        description=manifest.get("description", ""),
        sections=tuple(Section(heading=item["heading"], part=item["part"],
                               condition=item.get("condition") or None)
                       for item in manifest.get("sections") or ()),
    )


def _read_manifest(path: Path) -> dict:
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise TemplateError(f"Mallen {path.name} är felaktig: filen är inte UTF-8.",
                            template=path.stem) from None
    except json.JSONDecodeError as error:
        raise TemplateError(
            f"Mallen {path.name} är felaktig: ogiltig JSON på rad {error.lineno}, "
            f"kolumn {error.colno} ({error.msg}).", template=path.stem) from None
    if not isinstance(manifest, dict):
        raise TemplateError(f"Mallen {path.name} är felaktig: manifestet ska vara ett JSON-objekt.",
                            template=path.stem)
    return manifest


def _manifest_problems(manifest: dict, path: Path) -> list[str]:
    problems = []
    for field in ("key", "kind", "name", "version"):
        value = manifest.get(field)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{field} saknas eller är inte en text")
    if isinstance(manifest.get("key"), str) and manifest["key"] != path.stem:
        problems.append(f"key är {manifest['key']!r} men filen heter {path.name}")
    if isinstance(manifest.get("kind"), str) and manifest["kind"] not in KINDS:
        problems.append(f"kind ska vara en av {', '.join(KINDS)}, inte {manifest['kind']!r}")
    required = manifest.get("required_fields")
    if not isinstance(required, list) or not all(isinstance(f, str) for f in required):
        problems.append("required_fields ska vara en lista med fältnamn")
    else:
        unknown = sorted(set(required) - DATA_KEYS)
        if unknown:
            problems.append(f"required_fields har okända fält: {', '.join(unknown)}")
    problems.extend(_section_problems(manifest.get("sections")))
    extra = sorted(set(manifest) - MANIFEST_KEYS)
    if extra:
        problems.append(f"okända nycklar: {', '.join(extra)}")
    return problems


def _section_problems(sections) -> list[str]:
    if sections is None:
        return []
    if not isinstance(sections, list):
        return ["sections ska vara en lista med avsnitt ({\"heading\", \"part\", \"condition\"})"]
    problems, seen = [], set()
    for number, item in enumerate(sections, start=1):
        where = f"avsnitt {number} i sections"
        if not isinstance(item, dict):
            problems.append(f"{where} ska vara ett objekt med heading, part och condition")
            continue
        extra = sorted(set(item) - SECTION_KEYS)
        if extra:
            problems.append(f"{where} har okända nycklar: {', '.join(extra)}")
        if not isinstance(item.get("heading"), str) or not item["heading"].strip():
            problems.append(f"{where} saknar heading (rubriken som avsnittet har i Word-filen)")
        part = item.get("part")
        if not isinstance(part, str) or not PART_NAME.match(part):
            problems.append(f"{where} ska ha part: namnet på ett bokmärke i Word-filen (bokstäver, "
                            "siffror och _, högst 40 tecken)")
        elif part in seen:
            problems.append(f"{where}: part {part!r} förekommer flera gånger")
        else:
            seen.add(part)
        condition = item.get("condition")
        if condition is not None and not isinstance(condition, str):
            problems.append(f"{where}: condition ska vara en text, till exempel \"processes_personal_data\"")
    return problems
