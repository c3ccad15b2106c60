"""A redline: the new document, with its differences from the old one as Word tracked changes.

Paragraphs and tables are aligned first (difflib over their text); a paragraph that changed
is then compared word by word, so the lawyer sees `<del>250</del><ins>300</ins> 000 kr`
rather than a whole clause struck out. Paragraphs and table rows that only one side has
are marked inserted or deleted as a whole, paragraph mark included, so "accept all" in
Word gives the new document and "reject all" the old one. Headers and footers are compared
the same way. Formatting of unchanged text follows the new document; a changed paragraph
style is recorded as a formatting change. Nothing random: the same inputs, the same bytes.
"""

from __future__ import annotations

import copy
import difflib
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from lxml import etree

from iop.documents.escaping import clean_text
from iop.documents.package import STORY_TYPES, parts_of_type, read_parts, write_parts
from iop.documents.tracked import (
    DEL,
    INS,
    PPR,
    RPR,
    TBL,
    TC,
    TCPR,
    TR,
    Marker,
    P,
    R,
    T,
    W,
    as_deleted_text,
    deleted,
    inserted,
)

_WORD = re.compile(r"\w+|\s+|[^\w\s]")
# Children of a paragraph the word-by-word comparison understands; anything else (hyperlinks,
# fields as one element, content controls) is compared as a whole paragraph instead.
_SIMPLE_CHILDREN = {PPR, R, f"{W}proofErr"}
_SKIPPED_IN_RUN = {RPR, f"{W}lastRenderedPageBreak"}
_PAIR_THRESHOLD = 0.4


def redline(old: bytes, new: bytes, *, author: str, date: datetime) -> bytes:
    """`new` as a .docx in which every difference from `old` is a tracked change by `author` at `date`."""
    old_parts, new_parts = read_parts(old), read_parts(new)
    when = (date if date.tzinfo else date.replace(tzinfo=UTC)).astimezone(UTC)
    marker = Marker(clean_text(author), when.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    next_id=_first_free_id(new_parts))
    parts = dict(new_parts)
    for name in parts_of_type(new_parts, *STORY_TYPES):
        if name in old_parts:
            parts[name] = _redline_part(old_parts[name], new_parts[name], marker)
    return write_parts(parts)


def _first_free_id(parts: dict[str, bytes]) -> int:
    highest = 0
    for name in parts_of_type(parts, *STORY_TYPES):
        for match in re.finditer(rb'w:id="(\d+)"', parts[name]):
            highest = max(highest, int(match.group(1)))
    return highest + 1


def _redline_part(old_xml: bytes, new_xml: bytes, marker: Marker) -> bytes:
    old_root, new_root = etree.fromstring(old_xml), etree.fromstring(new_xml)
    old_container, new_container = (_container(old_root), _container(new_root))
    merged = _diff_blocks(list(old_container), list(new_container), marker)
    for child in list(new_container):
        new_container.remove(child)
    new_container.extend(merged)
    return etree.tostring(new_root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _container(root):
    """Where the blocks are: the body of the document, or a header or footer itself."""
    body = root.find(f"{W}body")
    return root if body is None else body


# --- blocks: paragraphs and tables --------------------------------------------------------------

def _text(element) -> str:
    parts = []
    for node in element.iter(T, f"{W}tab", f"{W}br", f"{W}cr", f"{W}delText"):
        if node.tag == T:
            parts.append(node.text or "")
        elif node.tag != f"{W}delText":
            parts.append("\t" if node.tag == f"{W}tab" else "\n")
    return "".join(parts)


def _style(paragraph) -> str:
    style = paragraph.find(f"{PPR}/{W}pStyle")
    return style.get(f"{W}val") if style is not None else ""


def _key(block) -> tuple:
    if block.tag == P:
        return ("p", _style(block), _text(block))
    if block.tag == TBL:
        return ("tbl", tuple(_text(row) for row in block.iter(TR)))
    return ("other", etree.tostring(block))


def _similarity(old, new) -> float:
    if old.tag != new.tag or old.tag not in (P, TBL):
        return 0.0
    if old.tag == TBL:
        old_rows, new_rows = _key(old)[1], _key(new)[1]
        return difflib.SequenceMatcher(None, old_rows, new_rows, autojunk=False).ratio()
    old_words, new_words = _WORD.findall(_text(old)), _WORD.findall(_text(new))
    if not old_words and not new_words:
        return 1.0
    return difflib.SequenceMatcher(None, old_words, new_words, autojunk=False).ratio()


def _diff_blocks(old: list, new: list, marker: Marker) -> list:
    matcher = difflib.SequenceMatcher(None, [_key(b) for b in old], [_key(b) for b in new],
                                      autojunk=False)
    merged = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            merged.extend(new[j1:j2])
        else:
            merged.extend(_replace_blocks(old[i1:i2], new[j1:j2], marker))
    return merged


def _pairs(old: list, new: list) -> list[tuple[int, int]]:
    """The most similar order-keeping pairing of old and new blocks (a small alignment)."""
    rows, cols = len(old), len(new)
    score = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            similarity = _similarity(old[i], new[j])
            paired = score[i + 1][j + 1] + similarity if similarity >= _PAIR_THRESHOLD else -1.0
            score[i][j] = max(paired, score[i + 1][j], score[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < rows and j < cols:
        similarity = _similarity(old[i], new[j])
        if similarity >= _PAIR_THRESHOLD and score[i][j] == score[i + 1][j + 1] + similarity:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif score[i][j] == score[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _replace_blocks(old: list, new: list, marker: Marker) -> list:
    same_shape = len(old) == len(new) and all(
        o.tag == n.tag and o.tag in (P, TBL) for o, n in zip(old, new, strict=True))
    if same_shape:
        pairs = [(i, i) for i in range(len(old))]  # the same blocks, rewritten: compare each with each
    else:
        pairs = _pairs(old, new)
    merged, i, j = [], 0, 0
    for pi, pj in [*pairs, (len(old), len(new))]:
        merged.extend(deleted(b, marker) for b in old[i:pi] if b.tag in (P, TBL))
        merged.extend(inserted(b, marker) if b.tag in (P, TBL) else b for b in new[j:pj])
        if pi < len(old):
            if old[pi].tag == P:
                merged.extend(_diff_paragraph(old[pi], new[pj], marker))
            else:
                merged.append(_diff_table(old[pi], new[pj], marker))
        i, j = pi + 1, pj + 1
    return merged


def _diff_table(old, new, marker: Marker):
    table = copy.deepcopy(new)
    old_rows, new_rows = old.findall(TR), table.findall(TR)
    for row in new_rows:
        table.remove(row)
    matcher = difflib.SequenceMatcher(None, [_text(r) for r in old_rows], [_text(r) for r in new_rows],
                                      autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            table.extend(new_rows[j1:j2])
            continue
        olds, news = old_rows[i1:i2], new_rows[j1:j2]
        paired = min(len(olds), len(news)) if tag == "replace" else 0
        for old_row, new_row in zip(olds[:paired], news[:paired], strict=True):
            if len(old_row.findall(TC)) == len(new_row.findall(TC)):
                table.append(_diff_row(old_row, new_row, marker))
            else:
                table.extend([deleted(old_row, marker), inserted(new_row, marker)])
        table.extend(deleted(r, marker) for r in olds[paired:])
        table.extend(inserted(r, marker) for r in news[paired:])
    return table


def _diff_row(old_row, new_row, marker: Marker):
    row = copy.deepcopy(new_row)
    for old_cell, cell in zip(old_row.findall(TC), row.findall(TC), strict=True):
        blocks = [c for c in cell if c.tag != TCPR]
        for child in blocks:
            cell.remove(child)
        cell.extend(_diff_blocks([c for c in old_cell if c.tag != TCPR], blocks, marker))
    return row


# --- one paragraph, word by word --------------------------------------------------------------------

@dataclass(frozen=True)
class _Atom:
    """One character, or one non-text element of a run (tab, break, field character), with its format."""

    text: str | None
    element: object
    rpr: object

    @property
    def rpr_key(self) -> bytes:
        return etree.tostring(self.rpr) if self.rpr is not None else b""


def _atoms(paragraph) -> list[_Atom]:
    atoms = []
    for run in paragraph.iter(R):
        rpr = run.find(RPR)
        for child in run:
            if child.tag == T:
                atoms.extend(_Atom(char, None, rpr) for char in child.text or "")
            elif child.tag not in _SKIPPED_IN_RUN:
                atoms.append(_Atom(None, child, rpr))
    return atoms


def _tokens(atoms: list[_Atom]) -> list[tuple[tuple, list[_Atom]]]:
    tokens, start = [], 0
    for index in range(len(atoms) + 1):
        if index < len(atoms) and atoms[index].text is not None:
            continue
        text = "".join(a.text for a in atoms[start:index])
        for match in _WORD.finditer(text):
            tokens.append((("t", match.group()), atoms[start + match.start():start + match.end()]))
        if index < len(atoms):
            element = atoms[index].element
            tokens.append((("e", etree.tostring(element)), [atoms[index]]))
        start = index + 1
    return tokens


def _segments(old_tokens, new_tokens) -> list[tuple[str, list, list]]:
    """difflib's opcodes, with a lone space between two changes folded into them."""
    matcher = difflib.SequenceMatcher(None, [k for k, _ in old_tokens], [k for k, _ in new_tokens],
                                      autojunk=False)
    segments = [(tag, old_tokens[i1:i2], new_tokens[j1:j2])
                for tag, i1, i2, j1, j2 in matcher.get_opcodes()]
    folded: list[tuple[str, list, list]] = []
    for segment in segments:
        if (len(folded) >= 2 and segment[0] != "equal" and folded[-2][0] != "equal"
                and folded[-1][0] == "equal" and all(k[1].isspace() for k, _ in folded[-1][1])):
            _, old_before, new_before = folded.pop(-2)
            _, space_old, space_new = folded.pop()
            segment = ("replace", old_before + space_old + segment[1], new_before + space_new + segment[2])
        folded.append(segment)
    return folded


def _runs(atoms: list[_Atom], as_deletion: bool) -> list:
    """Runs for `atoms`: characters of one format share a run, each other element gets its own."""
    runs, text, key = [], None, None
    for atom in atoms:
        if atom.text is not None and text is not None and atom.rpr_key == key:
            text.text += atom.text
            continue
        run = etree.Element(R)
        if atom.rpr is not None:
            run.append(copy.deepcopy(atom.rpr))
        runs.append(run)
        if atom.text is None:
            run.append(copy.deepcopy(atom.element))
            text = None
        else:
            text = etree.SubElement(run, T)
            text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            text.text, key = atom.text, atom.rpr_key
    if as_deletion:
        for run in runs:
            as_deleted_text(run)
    return runs


def _diff_paragraph(old, new, marker: Marker) -> list:
    if any(c.tag not in _SIMPLE_CHILDREN for c in (*old, *new)):
        return [deleted(old, marker), inserted(new, marker)]
    old_tokens, new_tokens = _tokens(_atoms(old)), _tokens(_atoms(new))
    paragraph = etree.Element(P, nsmap=new.nsmap)
    for name, value in new.attrib.items():
        paragraph.set(name, value)
    new_ppr = new.find(PPR)
    if new_ppr is not None:
        paragraph.append(copy.deepcopy(new_ppr))
    _record_style_change(paragraph, old.find(PPR), new_ppr, marker)
    for tag, old_part, new_part in _segments(old_tokens, new_tokens):
        if tag == "equal":
            paragraph.extend(_runs([a for _, atoms in new_part for a in atoms], as_deletion=False))
            continue
        for atoms, kind in ((old_part, DEL), (new_part, INS)):
            if atoms:
                wrapper = marker.mark(kind)
                wrapper.extend(_runs([a for _, group in atoms for a in group], as_deletion=kind == DEL))
                paragraph.append(wrapper)
    return [paragraph]


def _record_style_change(paragraph, old_ppr, new_ppr, marker: Marker) -> None:
    def comparable(ppr):
        if ppr is None:
            return b""
        ppr = copy.deepcopy(ppr)
        for child in ppr.findall(RPR) + ppr.findall(f"{W}pPrChange") + ppr.findall(f"{W}sectPr"):
            ppr.remove(child)
        return etree.tostring(ppr)

    if comparable(old_ppr) == comparable(new_ppr):
        return
    ppr = paragraph.find(PPR)
    if ppr is None:
        ppr = etree.Element(PPR)
        paragraph.insert(0, ppr)
    change = marker.mark(f"{W}pPrChange")
    previous = etree.SubElement(change, PPR)
    for child in old_ppr if old_ppr is not None else []:
        if child.tag not in (RPR, f"{W}pPrChange", f"{W}sectPr"):
            previous.append(copy.deepcopy(child))
    ppr.append(change)
