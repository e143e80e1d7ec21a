"""Which zip member holds which sheet, from ``xl/workbook.xml`` and its relationships, read the
way calamine reads them (a relationship's target taken literally)."""
from __future__ import annotations

import zipfile

from .container import read_part
from .kinds import zip_kind

_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_MACRO_TYPES = ("/xlMacrosheet", "/xlIntlMacrosheet")
WORKBOOK = "xl/workbook.xml"


class Sheets:
    """The sheets workbook.xml lists: every name in order, name -> part for those whose part exists,
    and the names of Excel 4.0 macro sheets (calamine cannot open a workbook holding one)."""

    __slots__ = ("listed", "parts", "macro")

    def __init__(self, listed: tuple[str, ...], parts: dict[str, str], macro: tuple[str, ...]):
        self.listed, self.parts, self.macro = listed, parts, macro


def sheet_parts(zf: zipfile.ZipFile, names: set[str]) -> Sheets:
    """The sheets of the workbook in ``zf`` (``names``: its members); a ``Refusal`` naming the kind of
    file when it has no workbook part."""
    if WORKBOOK not in names:
        raise zip_kind(zf, names)
    rels_name = "xl/_rels/workbook.xml.rels"
    book_xml = read_part(zf, WORKBOOK)
    rels_xml = read_part(zf, rels_name) if rels_name in names else None
    key = (book_xml, rels_xml, frozenset(names))
    known = _SEEN.get(key)            # workbooks from one template share these parts byte for byte
    if known is None:
        known = _parse(book_xml, rels_xml, names)
        if len(book_xml) + len(rels_xml or b"") <= 64 * 1024:     # only usual sizes are kept
            if len(_SEEN) >= 32:
                _SEEN.clear()
            _SEEN[key] = known
    return Sheets(known.listed, dict(known.parts), known.macro)


_SEEN: dict[tuple, Sheets] = {}


def _parse(book_xml: bytes, rels_xml: bytes | None, names: set[str]) -> Sheets:
    from .xmlerrors import parsed          # a broken part is refused with its name and position

    book = parsed(WORKBOOK, book_xml)
    rels = parsed("xl/_rels/workbook.xml.rels", rels_xml) if rels_xml is not None else None
    targets, macro_ids = {}, set()
    for rel in (rels if rels is not None else []):
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else f"xl/{target}"   # literally, as calamine
        targets[rel.get("Id")] = target
        if rel.get("Type", "").endswith(_MACRO_TYPES):
            macro_ids.add(rel.get("Id"))
    out, listed, macro = {}, [], []
    for el in book.iter():
        if el.tag.endswith("}sheet") or el.tag == "sheet":
            name, rid = el.get("name", ""), el.get(f"{_REL_NS}id")
            listed.append(name)
            if rid in macro_ids:
                macro.append(name)
            part = targets.get(rid)
            if part and part in names:
                out[name] = part
    return Sheets(tuple(listed), out, tuple(macro))


__all__ = ["Sheets", "sheet_parts", "WORKBOOK"]
