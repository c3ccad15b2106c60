"""WordprocessingML building blocks for the template scaffold: parts, styles, numbering, body.

Written by hand rather than from python-docx's default template, which is US Letter, English
and carries 900 KB of styles nobody uses: these templates are A4, Swedish on every style, with
only the styles an agreement needs, and small enough to re-zip quickly on every rendering.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from iop.documents.package import XML_DECLARATION, write_parts

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'

# A4 in twentieths of a point; 2.5 cm side margins leave 9070 twips of text width.
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM = 1418, 1701, 1418
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_SIDE
INDENT = 709  # numbers of headings and clauses hang in this space; body text aligns after it

LANG = '<w:lang w:val="sv-SE" w:eastAsia="sv-SE" w:bidi="ar-SA"/>'
FONT = '<w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/>'
DARK_BLUE, GREY, RED = "1F3864", "595959", "C00000"


# --- body -------------------------------------------------------------------------------------

def run(text: str, *, bold=False, italic=False, color: str | None = None, size: int | None = None) -> str:
    props = "".join((
        "<w:b/><w:bCs/>" if bold else "",
        "<w:i/><w:iCs/>" if italic else "",
        f'<w:color w:val="{color}"/>' if color else "",
        f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size else "",
    ))
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def tab() -> str:
    return "<w:r><w:tab/></w:r>"


def field(instruction: str, shown: str) -> str:
    """A complex field (PAGE, NUMPAGES): Word and LibreOffice compute it on layout."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f'<w:r><w:t>{shown}</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def paragraph(content: str | list[str] = "", *, style: str | None = None, jc: str | None = None,
              keep_next: bool = False) -> str:
    runs = run(content) if isinstance(content, str) and content else "".join(content or [])
    props = "".join((
        f'<w:pStyle w:val="{style}"/>' if style else "",
        "<w:keepNext/>" if keep_next else "",
        f'<w:jc w:val="{jc}"/>' if jc else "",
    ))
    ppr = f"<w:pPr>{props}</w:pPr>" if props else ""
    return f"<w:p>{ppr}{runs}</w:p>"


def h1(text: str) -> str:
    return paragraph(text, style="Heading1")


_bookmarks: list[tuple[str, str]] = []


def section(part: str, heading: str) -> str:
    """A numbered heading that starts a section: a Word bookmark named `part` marks where the
    section's part begins, so the manifest can name it (and make it conditional)."""
    _bookmarks.append((part, heading))
    number = len(_bookmarks)
    return (f'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'
            f'<w:bookmarkStart w:id="{number}" w:name="{part}"/>{run(heading)}'
            f'<w:bookmarkEnd w:id="{number}"/></w:p>')


def reset_bookmarks() -> None:
    _bookmarks.clear()


def bookmarks() -> list[tuple[str, str]]:
    """The sections written since the last reset: (part, heading), in order."""
    return list(_bookmarks)


def h2(text: str) -> str:
    return paragraph(text, style="Heading2")


def body(text: str) -> str:
    return paragraph(text, style="BodyText")


def clause(text: str, *, keep_next: bool = False) -> str:
    return paragraph(text, style="Klausul", keep_next=keep_next)


def tag(text: str, style: str = "BodyText") -> str:
    """A paragraph holding only a docxtpl `{%p ... %}` tag: removed when the document renders."""
    return paragraph(text, style=style)


def cell(content: str, width: int, *, span: int = 1, jc: str | None = None, bold: bool = False) -> str:
    span_xml = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    text = paragraph([run(content, bold=bold)] if content else [], style="Tabelltext", jc=jc)
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span_xml}</w:tcPr>{text}</w:tc>'


def row(cells: list[str], *, header: bool = False) -> str:
    props = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header else "<w:trPr><w:cantSplit/></w:trPr>"
    return f"<w:tr>{props}{''.join(cells)}</w:tr>"


def tag_row(text: str, widths: list[int]) -> str:
    """A row holding only a docxtpl `{%tr ... %}` tag: removed when the document renders."""
    return row([cell(text, sum(widths), span=len(widths))])


def plain_cell(paragraphs: str, width: int) -> str:
    """A cell of ready-made paragraphs (the signature blocks)."""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{paragraphs}</w:tc>'


def table(widths: list[int], rows: list[str], *, header_row: bool = True, borders: bool = True) -> str:
    look = ('<w:tblLook w:val="0620" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0"'
            ' w:noHBand="1" w:noVBand="1"/>') if header_row else (
            '<w:tblLook w:val="0600" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0"'
            ' w:noHBand="1" w:noVBand="1"/>')
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    none = "".join(f'<w:{side} w:val="nil"/>' for side in
                   ("top", "left", "bottom", "right", "insideH", "insideV"))
    plain = "" if borders else f"<w:tblBorders>{none}</w:tblBorders>"
    return (
        f'<w:tbl><w:tblPr><w:tblStyle w:val="Avtalstabell"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:tblInd w:w="{INDENT}" w:type="dxa"/>{plain}<w:tblLayout w:type="fixed"/>{look}</w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def header_cells(titles: list[str], widths: list[int], right: set[int] = frozenset()) -> str:
    return row([cell(t, w, bold=True, jc="right" if i in right else None)
                for i, (t, w) in enumerate(zip(titles, widths, strict=True))], header=True)


def data_cells(texts: list[str], widths: list[int], right: set[int] = frozenset(),
               bold: bool = False) -> str:
    return row([cell(t, w, bold=bold, jc="right" if i in right else None)
                for i, (t, w) in enumerate(zip(texts, widths, strict=True))])


# --- parts ------------------------------------------------------------------------------------

def document_xml(body_xml: str) -> bytes:
    section = (
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader1"/>'
        '<w:footerReference w:type="default" r:id="rIdFooter1"/>'
        f'<w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/>'
        f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_SIDE}" w:bottom="{MARGIN_BOTTOM}" '
        f'w:left="{MARGIN_SIDE}" w:header="709" w:footer="567" w:gutter="0"/>'
        '<w:cols w:space="708"/><w:docGrid w:linePitch="360"/></w:sectPr>'
    )
    return XML_DECLARATION + f"<w:document {NS}><w:body>{body_xml}{section}</w:body></w:document>".encode()


def header_xml(paragraphs: str) -> bytes:
    return XML_DECLARATION + f"<w:hdr {NS}>{paragraphs}</w:hdr>".encode()


def footer_xml(paragraphs: str) -> bytes:
    return XML_DECLARATION + f"<w:ftr {NS}>{paragraphs}</w:ftr>".encode()


def _rpr(*props: str, lang: bool = True) -> str:
    return f"<w:rPr>{''.join(props)}{LANG if lang else ''}</w:rPr>"


def _style(kind: str, style_id: str, name: str, *, based_on: str | None = "Normal",
           next_style: str | None = None, ppr: str = "", rpr: str = "", extra: str = "",
           custom: bool = False, priority: int | None = None) -> str:
    attrs = ' w:customStyle="1"' if custom else ""
    return (
        f'<w:style w:type="{kind}"{attrs} w:styleId="{style_id}"><w:name w:val="{name}"/>'
        + (f'<w:basedOn w:val="{based_on}"/>' if based_on else "")
        + (f'<w:next w:val="{next_style}"/>' if next_style else "")
        + (f'<w:uiPriority w:val="{priority}"/>' if priority is not None else "")
        + "<w:qFormat/>"
        + (f"<w:pPr>{ppr}</w:pPr>" if ppr else "")
        + rpr + extra + "</w:style>"
    )


def styles_xml() -> bytes:
    border = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="7F7F7F"/>'
    borders = "".join(border.format(side=s) for s in
                      ("top", "left", "bottom", "right", "insideH", "insideV"))
    tabs = (f'<w:tabs><w:tab w:val="center" w:pos="{TEXT_WIDTH // 2}"/>'
            f'<w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs>')
    styles = [
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        f"<w:qFormat/>{_rpr()}</w:style>",
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>",
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr>'
        '<w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        _style("paragraph", "Title", "Title", next_style="Subtitle", priority=10,
               ppr='<w:keepNext/><w:spacing w:before="120" w:after="120" w:line="240" w:lineRule="auto"/>',
               rpr=_rpr(f'<w:b/><w:bCs/><w:color w:val="{DARK_BLUE}"/>'
                        '<w:sz w:val="40"/><w:szCs w:val="40"/>')),
        _style("paragraph", "Subtitle", "Subtitle", next_style="Normal", priority=11,
               ppr='<w:spacing w:after="240"/>',
               rpr=_rpr(f'<w:color w:val="{GREY}"/><w:sz w:val="26"/><w:szCs w:val="26"/>')),
        _style("paragraph", "Dokumenttyp", "Dokumenttyp", next_style="Title", custom=True,
               ppr='<w:spacing w:before="480" w:after="60"/>',
               rpr=_rpr(f'<w:b/><w:bCs/><w:caps/><w:color w:val="{GREY}"/><w:spacing w:val="20"/>'
                        '<w:sz w:val="20"/><w:szCs w:val="20"/>')),
        _style("paragraph", "Utkastmarkering", "Utkastmarkering", next_style="Normal", custom=True,
               ppr='<w:spacing w:after="240"/>',
               rpr=_rpr(f'<w:b/><w:bCs/><w:color w:val="{RED}"/><w:sz w:val="24"/><w:szCs w:val="24"/>')),
        _style("paragraph", "Heading1", "heading 1", next_style="BodyText", priority=9,
               ppr='<w:keepNext/><w:keepLines/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
                   '<w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/>',
               rpr=_rpr(f'<w:b/><w:bCs/><w:color w:val="{DARK_BLUE}"/>'
                        '<w:sz w:val="26"/><w:szCs w:val="26"/>')),
        _style("paragraph", "Heading2", "heading 2", next_style="BodyText", priority=9,
               ppr=f'<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="60"/>'
                   f'<w:ind w:left="{INDENT}"/><w:outlineLvl w:val="1"/>',
               rpr=_rpr('<w:b/><w:bCs/><w:sz w:val="22"/><w:szCs w:val="22"/>')),
        _style("paragraph", "BodyText", "Body Text", priority=1,
               ppr=f'<w:ind w:left="{INDENT}"/>', rpr=_rpr()),
        _style("paragraph", "Klausul", "Klausul", next_style="Klausul", custom=True,
               ppr='<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>', rpr=_rpr()),
        _style("paragraph", "Tabelltext", "Tabelltext", custom=True,
               ppr='<w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/>',
               rpr=_rpr('<w:sz w:val="20"/><w:szCs w:val="20"/>')),
        _style("paragraph", "Underskrift", "Underskrift", custom=True,
               ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="0" w:after="60" w:line="240" '
                   'w:lineRule="auto"/>',
               rpr=_rpr('<w:sz w:val="20"/><w:szCs w:val="20"/>')),
        _style("paragraph", "Underskriftsrad", "Underskriftsrad", based_on="Underskrift", custom=True,
               ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="480" w:after="20"/>',
               rpr=_rpr('<w:sz w:val="20"/><w:szCs w:val="20"/>')),
        _style("paragraph", "Arkivmarkering", "Arkivmarkering", next_style="Normal", custom=True,
               ppr='<w:spacing w:after="240"/>',
               rpr=_rpr(f'<w:i/><w:iCs/><w:color w:val="{GREY}"/><w:sz w:val="20"/><w:szCs w:val="20"/>')),
        _style("paragraph", "Header", "header", priority=99,
               ppr=f'{tabs}<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
               rpr=_rpr(f'<w:color w:val="{GREY}"/><w:sz w:val="18"/><w:szCs w:val="18"/>')),
        _style("paragraph", "Footer", "footer", priority=99,
               ppr=f'{tabs}<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
               rpr=_rpr(f'<w:color w:val="{GREY}"/><w:sz w:val="18"/><w:szCs w:val="18"/>')),
        _style("table", "Avtalstabell", "Avtalstabell", based_on="TableNormal", custom=True, priority=59,
               extra=(f"<w:tblPr><w:tblBorders>{borders}</w:tblBorders><w:tblCellMar>"
                      '<w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
                      '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
                      "</w:tblCellMar></w:tblPr>"
                      '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>'
                      '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="DCE6F0"/></w:tcPr>'
                      "</w:tblStylePr>")),
    ]
    defaults = (
        f"<w:docDefaults><w:rPrDefault><w:rPr>{FONT}"
        f'<w:sz w:val="22"/><w:szCs w:val="22"/>{LANG}</w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr>'
        "</w:pPrDefault></w:docDefaults>"
    )
    return XML_DECLARATION + f"<w:styles {NS}>{defaults}{''.join(styles)}</w:styles>".encode()


def numbering_xml() -> bytes:
    """One multilevel list: headings 1., 2., ...; clauses under them 1.1, 1.2, ..."""
    levels = []
    for level in range(9):
        text = ".".join(f"%{i + 1}" for i in range(level + 1)) + ("." if level == 0 else "")
        style = {0: '<w:pStyle w:val="Heading1"/>', 1: '<w:pStyle w:val="Klausul"/>'}.get(level, "")
        indent = INDENT + max(0, level - 1) * 284
        levels.append(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>{style}'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{indent}" w:hanging="{INDENT}"/></w:pPr></w:lvl>'
        )
    return XML_DECLARATION + (
        f'<w:numbering {NS}><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>'
        f'<w:name w:val="Avtalsnumrering"/>{"".join(levels)}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    ).encode()


def settings_xml() -> bytes:
    return XML_DECLARATION + (
        f'<w:settings {NS}><w:zoom w:percent="100"/><w:defaultTabStop w:val="1304"/>'
        '<w:hyphenationZone w:val="425"/><w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        '<w:themeFontLang w:val="sv-SE"/><w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/>'
        "</w:settings>"
    ).encode()


def font_table_xml() -> bytes:
    """Calibri, what Word uses, with Carlito (metric-compatible: the same widths, so the same line
    and page breaks) named as its alternative for LibreOffice and machines without Calibri."""
    return XML_DECLARATION + (
        f'<w:fonts {NS}><w:font w:name="Calibri"><w:altName w:val="Carlito"/>'
        '<w:panose1 w:val="020F0502020204030204"/>'
        '<w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font></w:fonts>'
    ).encode()


def _relationships(rels: list[tuple[str, str, str]]) -> bytes:
    base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    items = "".join(
        f'<Relationship Id="{rid}" Type="{kind if kind.startswith("http") else base + kind}" '
        f'Target="{target}"/>' for rid, kind, target in rels)
    return XML_DECLARATION + (
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}'
        "</Relationships>").encode()


def _content_types() -> bytes:
    wml = "application/vnd.openxmlformats-officedocument.wordprocessingml."
    overrides = {
        "/word/document.xml": wml + "document.main+xml",
        "/word/styles.xml": wml + "styles+xml",
        "/word/numbering.xml": wml + "numbering+xml",
        "/word/settings.xml": wml + "settings+xml",
        "/word/fontTable.xml": wml + "fontTable+xml",
        "/word/header1.xml": wml + "header+xml",
        "/word/footer1.xml": wml + "footer+xml",
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    }
    items = "".join(f'<Override PartName="{k}" ContentType="{v}"/>' for k, v in overrides.items())
    return XML_DECLARATION + (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{items}</Types>').encode()


def package(*, body_xml: str, header: str, footer: str, title: str) -> bytes:
    """A complete .docx of the given body, header and footer paragraphs."""
    package_rels = [
        ("rId1", "officeDocument", "word/document.xml"),
        ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
         "docProps/core.xml"),
        ("rId3", "extended-properties", "docProps/app.xml"),
    ]
    document_rels = [
        ("rIdStyles", "styles", "styles.xml"),
        ("rIdNumbering", "numbering", "numbering.xml"),
        ("rIdSettings", "settings", "settings.xml"),
        ("rIdFonts", "fontTable", "fontTable.xml"),
        ("rIdHeader1", "header", "header1.xml"),
        ("rIdFooter1", "footer", "footer1.xml"),
    ]
    core = XML_DECLARATION + (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{escape(title)}</dc:title><dc:language>sv-SE</dc:language></cp:coreProperties>"
    ).encode()
    app = XML_DECLARATION + (
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        b"<Application>IOP</Application></Properties>")
    return write_parts({
        "[Content_Types].xml": _content_types(),
        "_rels/.rels": _relationships(package_rels),
        "docProps/core.xml": core,
        "docProps/app.xml": app,
        "word/_rels/document.xml.rels": _relationships(document_rels),
        "word/document.xml": document_xml(body_xml),
        "word/styles.xml": styles_xml(),
        "word/numbering.xml": numbering_xml(),
        "word/settings.xml": settings_xml(),
        "word/fontTable.xml": font_table_xml(),
        "word/header1.xml": header_xml(header),
        "word/footer1.xml": footer_xml(footer),
    })
