"""Agreement documents from Word templates: docxtpl's template language, compiled once per file.

docxtpl prepares a Word file for Jinja (joining placeholders Word split across runs, turning
`{%p %}`/`{%tr %}` tags into block tags) and then compiles the result on every render, which
is about a third of its time. Here the prepared XML of each story part (body, headers,
footers, notes) is compiled once per template file, keyed by its SHA-256, and rendered with
a sandboxed, autoescaping Jinja environment with StrictUndefined: user text is always
literal, and a misspelt placeholder fails loudly, naming itself. The package is written with
fixed zip stamps and core properties without dates, so the same input gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

import jinja2
from docxtpl import DocxTemplate
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from lxml import etree

from iop import swedish
from iop.documents.context import build_context
from iop.documents.escaping import clean_text, finalize, paragraphs
from iop.documents.package import (
    FOOTER,
    HEADER,
    MAIN,
    STORY_TYPES,
    XML_DECLARATION,
    PackageError,
    content_types,
    core_part_name,
    core_properties,
    parts_of_type,
    read_parts,
    write_parts,
)
from iop.documents.templates import AgreementTemplate, TemplateError
from iop.swedish import NotANumber

CACHE_SIZE = 16
_PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")
_DELIMITERS = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
_CLOSERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _labeller(group: str):
    def label(value, missing: str = swedish.MISSING) -> str:
        return swedish.label(value, group, missing)
    return label


# The filter names the Word templates (and administrators' uploaded ones) use, all from iop.swedish.
FILTERS = {
    **swedish.FILTERS,
    "sek": swedish.kronor_ore,
    "long_date": swedish.date_long,
    "party_label": _labeller("party"),
    "resource_type_label": _labeller("resource_type"),
    "per_label": _labeller("per"),
}


def make_environment() -> jinja2.Environment:
    """The Jinja environment of every agreement template: escaping, strict, sandboxed."""
    env = ImmutableSandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined,
                                        finalize=finalize, keep_trailing_newline=True)
    env.filters.update(FILTERS)
    env.filters["paragraphs"] = paragraphs
    return env


ENVIRONMENT = make_environment()


@dataclass(frozen=True)
class CompiledTemplate:
    """A template file ready to render: its static parts and a compiled Jinja template per story."""

    parts: dict[str, bytes]
    stories: dict[str, jinja2.Template]
    sources: dict[str, str]
    part_types: dict[str, str]
    core: str | None
    column_loops: bool


_cache: OrderedDict[str, CompiledTemplate] = OrderedDict()
_cache_lock = threading.Lock()
# docxtpl's post-processing helpers (line breaks, paragraphs, table grids) use no state.
_docxtpl = DocxTemplate(io.BytesIO())


def render_agreement(data: dict, *, template: AgreementTemplate, signed: bool = False,
                     signed_on: str | None = None, signatories: list[dict] | tuple = (),
                     draft: bool | None = None, archive_copy: bool = False) -> bytes:
    """The .docx bytes of an agreement revision; the same arguments always give the same bytes.

    `draft`: whether to mark the document as a draft (the agreement is still a draft); by
    default while it is unsigned. `archive_copy`: the copy for the PDF/A archive, which says
    that it renders the signed agreement."""
    compiled = compile_template(template)
    context = build_context(data, template=template, signed=signed, signed_on=signed_on,
                            signatories=signatories, draft=draft, archive_copy=archive_copy)
    parts = dict(compiled.parts)
    for name, story in compiled.stories.items():
        parts[name] = _render_story(story, name, context, compiled, template)
    if compiled.core:
        parts[compiled.core] = core_properties(
            title=clean_text(str(context["title"] or "")), subject=template.name,
            creator=clean_text(str(context["municipality"]["name"] or "")),
            identifier=clean_text(str(context["case_number"] or "")), revision=context["revision"] or 1)
    return write_parts(parts)


def compile_template(template: AgreementTemplate) -> CompiledTemplate:
    """The compiled form of a template file, from the cache when its SHA-256 was seen before."""
    key = f"{template.sha256}:{template.sections!r}"
    with _cache_lock:
        compiled = _cache.get(key)
        if compiled is not None:
            _cache.move_to_end(key)
            return compiled
    blob = template.path.read_bytes()
    if hashlib.sha256(blob).hexdigest() != template.sha256:
        raise TemplateError(
            f"Mallen {template.label} har ändrats sedan mallarna lästes in; läs in mallarna igen.",
            template=template.key)
    compiled = compile_bytes(blob, template)
    with _cache_lock:
        _cache[key] = compiled
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return compiled


def compile_bytes(blob: bytes, template: AgreementTemplate) -> CompiledTemplate:
    """Prepare every story part of a .docx as docxtpl does, and compile it once."""
    try:
        parts = read_parts(blob)
        types = content_types(parts)
        story_names = parts_of_type(parts, *STORY_TYPES)
    except (PackageError, etree.XMLSyntaxError) as error:
        raise TemplateError(f"Mallen {template.label} kan inte användas: {error}",
                            template=template.key) from None
    stories, sources, column_loops = {}, {}, False
    for name in story_names:
        try:
            root = etree.fromstring(parts[name])
        except etree.XMLSyntaxError as error:
            raise TemplateError(f"Mallen {template.label} kan inte användas: {name} är inte giltig XML "
                                f"({error}).", template=template.key) from None
        if types.get(name) == MAIN and template.sections:
            apply_sections(root, template)
        xml = etree.tostring(root, encoding="unicode")
        if "{{" not in xml and "{%" not in xml:
            continue
        _check_delimiters(root, template, types.get(name))
        column_loops = column_loops or (types.get(name) == MAIN and re.search(r"\{%-?\s*tc\s", xml))
        # As docxtpl's render_xml_part: a line per paragraph, so errors point at one.
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", _docxtpl.patch_xml(xml))
        sources[name] = source
        try:
            stories[name] = ENVIRONMENT.from_string(source)
        except jinja2.TemplateSyntaxError as error:
            raise syntax_error(template, name, types.get(name), source, error) from None
    return CompiledTemplate(parts=parts, stories=stories, sources=sources, part_types=types,
                            core=core_part_name(parts), column_loops=bool(column_loops))


def section_starts(root) -> dict[str, etree._Element]:
    """The body element each bookmark starts at: the paragraph or table holding it, or the one
    after a bookmark Word placed between paragraphs."""
    body = root.find(f"{_W}body")
    starts: dict[str, etree._Element] = {}
    if body is None:
        return starts
    for mark in body.iter(f"{_W}bookmarkStart"):
        name = mark.get(f"{_W}name")
        element = mark
        while element is not None and element.getparent() is not body:
            element = element.getparent()
        if element is not None and element.tag == f"{_W}bookmarkStart":
            element = element.getnext()
        if name and element is not None and name not in starts:
            starts[name] = element
    return starts


def _tag_paragraph(text: str) -> etree._Element:
    paragraph = etree.Element(f"{_W}p")
    run = etree.SubElement(paragraph, f"{_W}r")
    etree.SubElement(run, f"{_W}t").text = text
    return paragraph


def apply_sections(root, template: AgreementTemplate) -> None:
    """Wrap each conditional section of the manifest in `{%p if condition %}` … `{%p endif %}`:
    from its bookmark to the next section's bookmark (the last one to the end of the body)."""
    starts = section_starts(root)
    body = root.find(f"{_W}body")
    sections = [s for s in template.sections if s.part in starts]
    for index, section in enumerate(sections):
        if not section.condition:
            continue
        start = starts[section.part]
        later = [starts[s.part] for s in sections[index + 1:]]
        end = later[0] if later else body.find(f"{_W}sectPr")
        start.addprevious(_tag_paragraph(f"{{%p if ({section.condition}) %}}"))
        closing = _tag_paragraph("{%p endif %}")
        if end is not None and end.getparent() is body:
            end.addprevious(closing)
        else:
            body.append(closing)


def unclosed_placeholder(text: str) -> str | None:
    """The first placeholder in a paragraph's text that is not opened and closed within it."""
    expected = None
    start = 0
    for match in _DELIMITERS.finditer(text):
        token = match.group()
        if expected is None and token in _CLOSERS:
            expected, start = _CLOSERS[token], match.start()
        elif expected is None or token != expected:
            return text[start if expected else max(0, match.start() - 40):match.end()]
        else:
            expected = None
    return text[start:] if expected else None


def _check_delimiters(root, template: AgreementTemplate, part_type: str | None) -> None:
    # docxtpl lets a placeholder missing a brace swallow everything up to the next one,
    # whole paragraphs included, without any error: refuse such a template instead.
    for paragraph in root.iter(f"{_W}p"):
        text = "".join(t.text or "" for t in paragraph.iter(f"{_W}t"))
        broken = unclosed_placeholder(text)
        if broken:
            raise TemplateError(
                f"Mallen {template.label}: platshållaren ”{broken[:120]}” i {_part_label(part_type)} "
                "är inte korrekt öppnad och stängd inom sitt stycke ({{ … }} eller {% … %}).",
                template=template.key, placeholder=broken)


def _render_story(story: jinja2.Template, name: str, context: dict, compiled: CompiledTemplate,
                  template: AgreementTemplate) -> bytes:
    try:
        xml = story.render(context)
    except jinja2.UndefinedError as error:
        raise undefined_error(template, compiled.sources[name], error) from None
    except SecurityError as error:
        raise TemplateError(f"Mallen {template.label}: en platshållare gör något som inte är tillåtet "
                            f"({error}).", template=template.key) from None
    except (NotANumber, TypeError, ValueError, jinja2.TemplateError) as error:
        raise TemplateError(f"Mallen {template.label}: en platshållare kunde inte fyllas i ({error}).",
                            template=template.key) from None
    xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
    if any(mark in xml for mark in "\t\a\n\f"):
        xml = _docxtpl.resolve_listing(xml)
    encoded = xml.encode("utf-8")
    try:
        # Strict, unlike docxtpl's recovering parser, which drops what it cannot read.
        etree.fromstring(encoded)
    except etree.XMLSyntaxError as error:
        raise TemplateError(f"Mallen {template.label} gav ogiltig XML i {name} ({error}); kontrollera "
                            "att taggarna {%p %}, {%tr %} och {%r %} står i egna stycken, rader och "
                            "textavsnitt.", template=template.key) from None
    if compiled.column_loops and compiled.part_types.get(name) == MAIN:
        # `{%tc for %}` column loops need docxtpl's table grid repair.
        encoded = etree.tostring(_docxtpl.fix_tables(xml), encoding="utf-8")
    return XML_DECLARATION + encoded


def _part_label(part_type: str | None) -> str:
    return {MAIN: "huvuddokumentet", HEADER: "sidhuvudet", FOOTER: "sidfoten"}.get(part_type, "fotnoterna")


def _placeholders_naming(source: str, name: str) -> list[str]:
    word = re.compile(rf"(?<![\w.]){re.escape(name)}(?!\w)|\.{re.escape(name)}(?!\w)")
    found = []
    for match in _PLACEHOLDER.finditer(source):
        text = _TAGS.sub("", match.group())
        if word.search(text) and text not in found:
            found.append(text)
    return found


def undefined_error(template: AgreementTemplate, source: str, error: jinja2.UndefinedError) -> TemplateError:
    """A TemplateError naming the unknown placeholder and where the template uses it."""
    message = error.message or str(error)
    match = re.search(r"'([^']+)' is undefined", message) or re.search(r"attribute '([^']+)'", message)
    name = match.group(1) if match else message
    where = _placeholders_naming(source, name)
    place = f" i {', '.join(where[:3])}" if where else ""
    return TemplateError(f"Mallen {template.label}: okänd platshållare '{name}'{place}.",
                         template=template.key, placeholder=name)


def syntax_error(template: AgreementTemplate, part: str, part_type: str | None, source: str,
                 error: jinja2.TemplateSyntaxError) -> TemplateError:
    """A TemplateError quoting the text of the paragraph where Jinja stopped."""
    lines = source.splitlines()
    line = lines[error.lineno - 1] if error.lineno and error.lineno <= len(lines) else ""
    text = _TAGS.sub("", line).strip()
    placeholder = next((m.group() for m in re.finditer(r"\{[{%].*", text)), text) or None
    near = f" nära ”{text[:120]}”" if text else ""
    return TemplateError(
        f"Mallen {template.label}: syntaxfel i {_part_label(part_type)}{near} ({error.message}).",
        template=template.key, placeholder=placeholder)
