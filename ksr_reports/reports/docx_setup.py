"""Word settings of the report templates that python-docx has no API for (DESIGN §7, issue 12).

What a ministry expects of a Polish Word document, written once into the template's XML:

* ``polish(doc)`` – language pl-PL in the document defaults and in every style that names a language
  (Word spell-checks in Polish instead of underlining every word), Polish decimal and list separators;
* ``heading_numbering(doc)`` – Word's own multilevel numbering linked to Heading 1 and Heading 2
  ("1.", "1.1."), so the ministry can add or move chapters in Word and the numbers follow;
* ``toc(paragraph, entries)`` – a table of contents field (``TOC \\o "1-1"``): Word rebuilds it on
  opening (``updateFields`` in the settings); its cached lines link to the chapters;
* ``bookmark(paragraph, name)`` – the anchor a table of contents entry points to.
"""
from __future__ import annotations

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

LANG = "pl-PL"
NUM_ID = 90                      # numbering instance of the chapter headings (far from python-docx's own)
TOC_TAB_TWIPS = 9638             # right tab of the table of contents at the text width (17 cm)


def _set_lang(rpr) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANG)
    lang.set(qn("w:eastAsia"), LANG)
    lang.set(qn("w:bidi"), "ar-SA")


def polish(doc) -> None:
    """pl-PL in the document defaults and in every style; Polish separators in the settings."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    _set_lang(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")))
    for style in doc.styles:
        if style.element.get(qn("w:type")) in ("paragraph", "character", "table"):
            _set_lang(style.element.get_or_add_rPr())
    settings = doc.settings.element
    theme = settings.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), LANG)
        theme.set(qn("w:eastAsia"), LANG)
    for tag, value in (("w:decimalSymbol", ","), ("w:listSeparator", ";")):
        el = settings.find(qn(tag))
        if el is not None:
            el.set(qn("w:val"), value)
    proof = settings.find(qn("w:proofState"))        # "already checked" would stop Word checking in Polish
    if proof is not None:
        settings.remove(proof)
    update = OxmlElement("w:updateFields")          # Word refreshes the table of contents on opening
    update.set(qn("w:val"), "true")
    settings.find(qn("w:compat")).addprevious(update)


_ABSTRACT = f"""<w:abstractNum {nsdecls('w')} w:abstractNumId="{NUM_ID}">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading1"/>
    <w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="454" w:hanging="454"/></w:pPr></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading2"/>
    <w:lvlText w:val="%1.%2."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="624" w:hanging="624"/></w:pPr></w:lvl>
</w:abstractNum>"""


def heading_numbering(doc) -> None:
    """A two-level numbering definition, linked to the Heading 1 and Heading 2 styles."""
    numbering = doc.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    abstract = parse_xml(_ABSTRACT)
    if first_num is not None:
        first_num.addprevious(abstract)               # every abstractNum precedes every num
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{NUM_ID}"><w:abstractNumId w:val="{NUM_ID}"/></w:num>'))
    for level, name in enumerate(("Heading 1", "Heading 2")):
        _number(doc.styles[name].element.get_or_add_pPr(), level, NUM_ID)


def _number(ppr, level: int, num_id: int) -> None:
    num_pr = ppr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


def unnumbered(paragraph) -> None:
    """A Heading 1 without a number (table of contents, glossary, annex): numbering switched off."""
    _number(paragraph._p.get_or_add_pPr(), 0, 0)


def bookmark(paragraph, bookmark_id: int, name: str) -> None:
    """Wrap the paragraph's text in a bookmark (the target of a table of contents entry)."""
    p = paragraph._p
    start = parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{bookmark_id}" w:name="{name}"/>')
    ppr = p.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{bookmark_id}"/>'))


def _run(inner: str) -> str:
    return f"<w:r>{inner}</w:r>"


def _char(kind: str) -> str:
    return _run(f'<w:fldChar w:fldCharType="{kind}"/>')


def _text(text: str) -> str:
    esc = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _run(f'<w:t xml:space="preserve">{esc}</w:t>')


def toc(paragraph, entries: list[tuple[str, str, str | None]]) -> None:
    """Replace ``paragraph`` by a table of contents field with one line per ``(text, bookmark, condition)``;
    a line with a condition (a context name) is kept only when it is true, like its chapter (docxtpl
    ``{%p if %}`` paragraphs, removed on rendering), and is never the first or the last line (the field's ends).

    Word rebuilds the table when the document is opened (``updateFields``), with page numbers.
    LibreOffice (7.4) shows the cached lines as they are and evaluates no field inside them (a cached
    ``PAGEREF`` would print a wrong number), so the cached lines are links to the chapters without
    page numbers; "Update index" in LibreOffice adds them."""
    lines = []
    for i, (text, name, when) in enumerate(entries):
        if when:
            assert 0 < i < len(entries) - 1, "a conditional line would carry the field's begin or end"
            lines.append(f'<w:p {nsdecls("w")}>{_text("{%p if " + when + " %}")}</w:p>')
        begin = (_run('<w:fldChar w:fldCharType="begin" w:dirty="true"/>')
                 + _run('<w:instrText xml:space="preserve"> TOC \\o "1-1" \\h \\z \\u </w:instrText>')
                 + _char("separate")) if i == 0 else ""
        end = _char("end") if i == len(entries) - 1 else ""
        lines.append(
            f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="TOC1"/><w:tabs>'
            f'<w:tab w:val="right" w:leader="dot" w:pos="{TOC_TAB_TWIPS}"/></w:tabs></w:pPr>{begin}'
            f'<w:hyperlink w:anchor="{name}" w:history="1">{_text(text)}</w:hyperlink>'
            f'{end}</w:p>')
        if when:
            lines.append(f'<w:p {nsdecls("w")}>{_text("{%p endif %}")}</w:p>')
    p = paragraph._p
    for xml in lines:
        p.addprevious(parse_xml(xml))
    p.getparent().remove(p)
