"""`iop templates check`: does every template in a directory still work?

A lawyer edits a template in Word; Word's spell checker and revision marks can split or
disturb placeholders, and a typo in one fails only when a document is made. The check finds,
per template: a broken manifest or Word file, Jinja syntax errors, tracked changes left in the
file, placeholders and fields that are not in the data contract (`contract.py`), switched-off
escaping, and a test rendering with the sample data (signed and unsigned) that must succeed
and leave no placeholder unfilled, run in a child process with a time and memory limit
(iop.documents.limits).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError, nodes
from lxml import etree

from iop.documents.contract import CONTEXT
from iop.documents.limits import render_problems  # the test rendering, in a limited process
from iop.documents.package import STORY_TYPES, PackageError, parts_of_type, read_parts
from iop.documents.rendering import ENVIRONMENT, compile_bytes, section_starts
from iop.documents.templates import AgreementTemplate, TemplateError, load_template

JINJA_NAMES = {"loop", "range", "dict", "lipsum", "cycler", "joiner", "namespace", "true", "false",
               "none", "True", "False", "None"}
UNKNOWN = object()
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class TemplateReport:
    label: str
    problems: list[str] = field(default_factory=list)
    template: AgreementTemplate | None = None  # None when its manifest could not be read

    @property
    def ok(self) -> bool:
        return not self.problems


def check_directory(directory: str | Path) -> list[TemplateReport]:
    """A report per manifest (and per Word file without one) in `directory`."""
    folder = Path(directory)
    if not folder.is_dir():
        return [TemplateReport(str(folder), [f"Mallkatalogen {folder} finns inte."])]
    reports = []
    for manifest in sorted(folder.glob("*.json")):
        try:
            template = load_template(manifest)
        except TemplateError as error:
            reports.append(TemplateReport(manifest.name, [error.message]))
            continue
        reports.append(TemplateReport(f"{template.label}, version {template.version}",
                                      check_template(template), template))
    for word_file in sorted(folder.glob("*.docx")):
        if not word_file.with_suffix(".json").exists() and not word_file.name.startswith("~$"):
            reports.append(TemplateReport(word_file.name, [
                f"Word-filen {word_file.name} har inget manifest ({word_file.stem}.json)."]))
    return reports


def check_template(template: AgreementTemplate) -> list[str]:
    """Every problem found in one template, in Swedish; an empty list when it works."""
    blob = template.path.read_bytes()
    problems = section_problems(template, blob)
    if problems:
        return problems
    try:
        compiled = compile_bytes(blob, template)
    except TemplateError as error:
        return [error.message]
    problems = tracked_change_problems(blob)
    problems += unknown_name_problems(template)
    for source in compiled.sources.values():
        problems += field_problems(source)
        problems += escaping_problems(source)
    if problems:
        return problems
    return render_problems(template)


def section_problems(template: AgreementTemplate, blob: bytes) -> list[str]:
    """The manifest's sections against the Word file: each part a bookmark at its heading, in
    the manifest's order, and each condition an expression on names of the data contract."""
    if not template.sections:
        return []
    try:
        root = etree.fromstring(read_parts(blob)["word/document.xml"])
    except (KeyError, PackageError, etree.XMLSyntaxError):
        return []  # compile_bytes says what is wrong with the file
    starts = section_starts(root)
    body = list(root.find(f"{_W}body"))
    problems, found = [], []
    for number, section in enumerate(template.sections, start=1):
        where = f"Avsnitt {number} i manifestet ({section.heading})"
        start = starts.get(section.part)
        if start is None:
            problems.append(f"{where}: Word-filen har inget bokmärke '{section.part}'. Markera "
                            "avsnittets rubrik i Word och lägg till bokmärket med det namnet "
                            "(Infoga > Bokmärke).")
            continue
        found.append((body.index(start), section))
        heading = "".join(t.text or "" for t in start.iter(f"{_W}t")).strip()
        if heading != section.heading.strip():
            problems.append(f"{where}: bokmärket '{section.part}' står vid ”{heading[:80]}”, inte vid "
                            f"rubriken ”{section.heading}”.")
        if section.condition:
            problems += _condition_problems(where, section.condition)
    in_file = [s.part for _, s in sorted(found, key=lambda pair: pair[0])]
    in_manifest = [s.part for _, s in found]
    if in_file != in_manifest:
        problems.append("Avsnitten står i en annan ordning i Word-filen än i manifestet: "
                        f"{', '.join(in_file)} (Word) mot {', '.join(in_manifest)} (manifestet).")
    return problems


def _condition_problems(where: str, condition: str) -> list[str]:
    try:
        tree = ENVIRONMENT.parse(f"{{% if {condition} %}}{{% endif %}}")
    except TemplateSyntaxError as error:
        return [f"{where}: villkoret ”{condition}” går inte att läsa ({error.message})."]
    unknown = sorted({n.name for n in tree.find_all(nodes.Name)} - set(CONTEXT) - JINJA_NAMES)
    problems = [f"{where}: villkoret ”{condition}” använder '{name}', som inte finns i "
                "datakontraktet (felstavat?)." for name in unknown]
    return problems + [f"{where}: {p}" for p in field_problems(f"{{% if {condition} %}}{{% endif %}}")]


def tracked_change_problems(blob: bytes) -> list[str]:
    parts = read_parts(blob)
    for name in parts_of_type(parts, *STORY_TYPES):
        root = etree.fromstring(parts[name])
        if root.find(f".//{_W}ins") is not None or root.find(f".//{_W}del") is not None:
            return ["Mallen innehåller spårade ändringar: godkänn eller avvisa dem i Word och spara "
                    "om mallen, annars hamnar de i varje dokument och kan bryta platshållare."]
    return []


def unknown_name_problems(template: AgreementTemplate) -> list[str]:
    names = DocxTemplate(str(template.path)).get_undeclared_template_variables(ENVIRONMENT)
    unknown = sorted(set(names) - set(CONTEXT) - JINJA_NAMES)
    return [f"Okänd platshållare '{name}': namnet finns inte i datakontraktet (felstavat?)."
            for name in unknown]


def escaping_problems(source: str) -> list[str]:
    problems = []
    if re.search(r"\|\s*safe\b", source):
        problems.append("Mallen använder filtret |safe, som stänger av skyddet mot användartext "
                        "som XML; ta bort det.")
    if re.search(r"\{%-?\s*autoescape\s+false", source):
        problems.append("Mallen stänger av escaping med {% autoescape false %}; ta bort det.")
    return problems


def field_problems(source: str) -> list[str]:
    """Fields that the contract does not have, such as `municipality.nmae` or `item.descrption`."""
    problems: list[str] = []
    _walk(ENVIRONMENT.parse(source), dict(CONTEXT), problems)
    return list(dict.fromkeys(problems))


def _dotted(node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{_dotted(node.node)}.{node.arg.value}"
    return "…"


def _shape(node, scope: dict):
    if isinstance(node, nodes.Name):
        return scope.get(node.name, UNKNOWN)
    if isinstance(node, (nodes.Getattr, nodes.Getitem)):
        base = _shape(node.node, scope)
        key = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", UNKNOWN)
        if isinstance(base, dict) and isinstance(key, str):
            return base.get(key, UNKNOWN)
        if isinstance(base, list) and isinstance(key, int):
            return base[0]
        return UNKNOWN
    if isinstance(node, nodes.Filter) and node.name == "default" and node.node is not None:
        return _shape(node.node, scope)
    return UNKNOWN


def _bind(target, shape, scope: dict) -> None:
    if isinstance(target, nodes.Name):
        scope[target.name] = shape
    elif isinstance(target, nodes.Tuple):
        for item in target.items:
            _bind(item, UNKNOWN, scope)


def _walk(node, scope: dict, problems: list[str]) -> None:
    if isinstance(node, nodes.For):
        _walk(node.iter, scope, problems)
        shape = _shape(node.iter, scope)
        inner = dict(scope)
        _bind(node.target, shape[0] if isinstance(shape, list) else UNKNOWN, inner)
        inner["loop"] = UNKNOWN
        for child in [*node.body, *([node.test] if node.test else [])]:
            _walk(child, inner, problems)
        for child in node.else_:
            _walk(child, scope, problems)
        return
    if isinstance(node, (nodes.Assign, nodes.AssignBlock)):
        for child in node.iter_child_nodes(exclude=("target",)):
            _walk(child, scope, problems)
        _bind(node.target, UNKNOWN, scope)
        return
    if isinstance(node, (nodes.Getattr, nodes.Getitem)):
        base = _shape(node.node, scope)
        key = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", None)
        if isinstance(base, dict) and isinstance(key, str) and key not in base and key not in dir(dict):
            problems.append(f"Okänt fält '{_dotted(node)}': '{key}' finns inte i datakontraktet "
                            "(felstavat?).")
    for child in node.iter_child_nodes():
        _walk(child, scope, problems)
