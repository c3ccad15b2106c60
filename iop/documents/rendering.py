"""Interim stand-in until the documents branch lands (real templates, docxtpl rendering)."""
import io
import json
import zipfile

import docx


def render_agreement(data, *, template, signed=False, signed_on=None, signatories=()):
    document = docx.Document()
    if not signed:
        document.add_paragraph("UTKAST")
    document.add_paragraph(json.dumps(data, ensure_ascii=False, sort_keys=True))
    for s in signatories:
        document.add_paragraph(s["name"])
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, zipfile.ZipFile(out, "w") as dst:
        for name in sorted(src.namelist()):
            body = src.read(name)
            if name == "docProps/core.xml":
                body = b"<x/>"
            dst.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), body)
    return out.getvalue()
