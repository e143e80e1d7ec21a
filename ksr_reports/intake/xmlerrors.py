"""XML parsing of untrusted parts with defusedxml, its failures as located Polish refusals.

A part that is not well-formed XML is ``FILE_XML_BROKEN`` with the part's name and the line and
character where the parser stopped; a document type declaration or an entity (billion laughs,
external entities), which defusedxml refuses, is ``FILE_XML_ENTITIES``. The parser's own English
text goes only into ``Refusal.debug``.
"""
from __future__ import annotations

from contextlib import contextmanager

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as DET

from .codes import Refusal, part_where


@contextmanager
def xml_errors(part: str):
    """Turn what the XML parser raises while reading ``part`` into a ``Refusal``."""
    try:
        yield
    except DET.ParseError as e:
        line, column = getattr(e, "position", (0, 0)) or (0, 0)
        raise Refusal("FILE_XML_BROKEN", where=part_where(part, line, column + 1), debug=str(e)) from e
    except DefusedXmlException as e:
        raise Refusal("FILE_XML_ENTITIES", where=part_where(part), debug=str(e)) from e


def parsed(part: str, xml: bytes):
    """The root element of ``xml`` (the member ``part``), parsed safely."""
    with xml_errors(part):
        return DET.fromstring(xml)
