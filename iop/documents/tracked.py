"""Word tracked changes: marking runs, paragraphs and table rows as inserted or deleted.

Each mark is a w:ins or w:del carrying author, date and an id unique in the document. A whole
paragraph also has its paragraph mark marked (w:pPr/w:rPr), and a whole row its row
properties (w:trPr), so that accepting or rejecting every change in Word gives exactly the
new or the old document. Deleted text is w:delText, as Word requires.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
P, R, T, TBL, TR, TC = (f"{W}{n}" for n in ("p", "r", "t", "tbl", "tr", "tc"))
PPR, RPR, TRPR, TCPR = (f"{W}{n}" for n in ("pPr", "rPr", "trPr", "tcPr"))
INS, DEL = f"{W}ins", f"{W}del"


@dataclass
class Marker:
    """Attributes for each w:ins / w:del: author, date and a unique id."""

    author: str
    date: str
    next_id: int = 1

    def mark(self, tag: str) -> etree._Element:
        element = etree.Element(tag, nsmap={"w": W_NS})
        element.set(f"{W}id", str(self.next_id))
        element.set(f"{W}author", self.author)
        element.set(f"{W}date", self.date)
        self.next_id += 1
        return element


def _mark_paragraph(paragraph, tag: str, marker: Marker) -> None:
    ppr = paragraph.find(PPR)
    if ppr is None:
        ppr = etree.SubElement(paragraph, PPR)
        paragraph.insert(0, ppr)
    rpr = ppr.find(RPR)
    if rpr is None:
        rpr = etree.Element(RPR)
        anchor = next((c for c in ppr if c.tag in (f"{W}sectPr", f"{W}pPrChange")), None)
        if anchor is not None:
            anchor.addprevious(rpr)
        else:
            ppr.append(rpr)
    rpr.insert(0, marker.mark(tag))


def _wrap_runs(parent, tag: str, marker: Marker) -> None:
    """Put every run below `parent` into a w:ins / w:del, consecutive runs in one."""
    for container in list(parent.iter()):
        children = list(container)
        index = 0
        while index < len(children):
            if children[index].tag != R or container.tag in (INS, DEL):
                index += 1
                continue
            wrapper = marker.mark(tag)
            children[index].addprevious(wrapper)
            while index < len(children) and children[index].tag == R:
                wrapper.append(children[index])
                if tag == DEL:
                    as_deleted_text(children[index])
                index += 1


def as_deleted_text(run) -> None:
    for node in run:
        if node.tag == T:
            node.tag = f"{W}delText"
        elif node.tag == f"{W}instrText":
            node.tag = f"{W}delInstrText"


def _whole(block, tag: str, marker: Marker):
    element = copy.deepcopy(block)
    paragraphs = [element] if element.tag == P else list(element.iter(P))
    for paragraph in paragraphs:
        _wrap_runs(paragraph, tag, marker)
        _mark_paragraph(paragraph, tag, marker)
    for row in ([element] if element.tag == TR else element.iter(TR)):
        trpr = row.find(TRPR)
        if trpr is None:
            trpr = etree.Element(TRPR)
            row.insert(1 if row.find(f"{W}tblPrEx") is not None else 0, trpr)
        trpr.append(marker.mark(tag))
    return element


def inserted(block, marker: Marker):
    return _whole(block, INS, marker)


def deleted(block, marker: Marker):
    return _whole(block, DEL, marker)
