"""Whether a sheet or the shared strings hold anything a reader could take for a PESEL number: then
the (slower) full PESEL scan of the privacy check runs; most workbooks skip it. A byte search on the
translated image of the XML, with the slower text passes only when the markup could hide digits."""
from __future__ import annotations

import html
import re

from .fastpath import CLASS, markup

_V_EXPONENT = re.compile(rb"<v\b[^>]*>[-+0-9.\s]*[eE]")         # the fast probe (one literal prefix)
_EXPONENT_VALUE = re.compile(rb"<(?:\w+:)?v\b[^>]*>\s*([-+]?(?:\d+\.?\d*|\.\d+)[eE][-+]?\d+)\s*</")
_STRING = re.compile(rb"<((?:\w+:)?(?:si|is))\b[^>]*>(.*?)</\1\s*>", re.S)
_TAG = re.compile(rb"<[^>]*>")
_DIGITS_NOT_DECIMALS = re.compile(r"(?<![0-9.])[0-9]{10,}")
# Two-byte searches as compiled patterns: re scans for a literal two-byte prefix about 2.4 times
# faster than bytes.find does (which has no skip table for such short needles).
_LT_T, _AMP_HASH, _COLON_T, _COLON_V, _COLON_TV = (re.compile(p) for p in (rb"<t", rb"&#", rb":t", rb":v", rb":[tv]"))


def _pesel_length(run: bytes | str) -> bool:
    """A run of digits a reader could take for a PESEL: 10–11 digits as written, or once its leading
    zeros are dropped (a number written 044051401359 reads as 44051401359)."""
    stripped = len(run.lstrip(b"0" if isinstance(run, bytes) else "0"))
    return 10 <= len(run) <= 11 or 10 <= stripped <= 11


def _digit_runs(image: bytes, xml: bytes, start: int, end: int) -> bool:
    """Some run of digits between ``start`` and ``end`` of PESEL length (``_pesel_length``), not
    the decimals of a fraction."""
    i = image.find(b"1" * 10, start, end)
    while i != -1:
        j = i + 10
        while j < end and image[j] == 49:
            j += 1
        if (i == start or xml[i - 1] != 46) and _pesel_length(xml[i:j]):
            return True
        i = image.find(b"1" * 10, j, end)
    return False


def pesel_like(xml: bytes, image: bytes | None = None, start: int = 0, end: int | None = None,
                clean: bool = False) -> bool:
    """Some number or text between ``start`` and ``end`` that a reader could see as a PESEL-sized
    number (``_pesel_length``; rich-text runs, several text pieces, character references and
    exponent forms included): worth a full PESEL scan, which decides. Comments, CDATA sections and
    processing instructions count as such text (they can hide digits from a byte search).

    ``image`` is ``xml.translate(CLASS)``: digits are b"1" (no other byte is), upper-case letters b"A".
    ``clean``: the caller knows there is no comment, CDATA or processing instruction (``sheet_data``)."""
    image = xml.translate(CLASS) if image is None else image
    end = len(xml) if end is None else end
    if _digit_runs(image, xml, start, end):
        return True
    if not clean and markup(xml, start, end):
        return True
    pieces = xml.count(b"<t", start, end) if _LT_T.search(xml, start, end) else 0
    colon = _COLON_TV.search(xml, start, end) is not None      # a prefixed t or v: one search for both
    references = _AMP_HASH.search(xml, start, end) is not None
    if (pieces and pieces != xml.count(b"<si>", start, end) + xml.count(b"<is>", start, end)) \
            or references or (colon and _COLON_T.search(xml, start, end)):
        # character references, prefixed names, or strings in several pieces (rich-text runs, several
        # <t>): the text of every string, markup removed and references resolved, looked at again
        texts = [html.unescape(_TAG.sub(b"", m.group(2)).decode("utf-8", "replace"))
                 for m in _STRING.finditer(xml, start, end)]
        if references:
            texts.append(html.unescape(xml[start:end].decode("utf-8", "replace")))
        if any(_pesel_length(run) for text in texts for run in _DIGITS_NOT_DECIMALS.findall(text)):
            return True
    if _V_EXPONENT.search(xml, start, end) or (colon and _COLON_V.search(xml, start, end)
                                                and _EXPONENT_VALUE.search(xml, start, end)):
        for m in _EXPONENT_VALUE.finditer(xml, start, end):    # e.g. 4.4051401359E+10, 440514013.59E2
            try:
                value = abs(float(m.group(1)))
            except (ValueError, OverflowError):
                continue
            if 1e9 <= value < 1e13:
                return True
    return False

