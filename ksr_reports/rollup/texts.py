"""What a coordinator wrote in words, kept beside the statistics for the regional report and the LSR card.

Barriers with the support the LSR asks of the RSR/KSR (sheet "Bariery"; 001 §1.3.13, lines 2903ff.),
good practices (sheet "Dobre praktyki") and, in template 2.0, explanations of warnings (sheet
"Wyjaśnienia", DESIGN §10). Texts are cut to fixed lengths and their number is capped, so a
workbook cannot bloat a rollup file; reports escape them (docxtpl autoescape) and the rollup
file stores them as JSON rows of the hidden meta sheet. They are never summed: the national
report shows counts only (``barriers.with_support_request``, ``practices``, ``explanations``).
"""
from __future__ import annotations

MAX_ROWS = 30          # the capacity of the largest of these sheets (Bariery)
MAX_CHARS = 400        # one text field
FIELDS = {
    "barriers": ("category", "description", "support"),
    "practices": ("title", "description"),
    "explanations": ("sheet", "cell", "code", "text"),
}


def _short(value) -> str:
    text = " ".join(str(value or "").split())
    return text if len(text) <= MAX_CHARS else text[:MAX_CHARS - 1].rstrip() + "…"


def lsr_texts(data) -> dict[str, list[dict[str, str]]]:
    """Texts of one LSR's typed data: barriers that ask for support, good practices, explanations.

    Only barriers with a support request are kept (the report quotes the requests); empty lists are
    left out, so an LSR that wrote nothing has ``{}``."""
    out: dict[str, list[dict[str, str]]] = {}
    for key, fields in FIELDS.items():
        rows = data.tables.get(key, []) if hasattr(data.tables, "get") else []
        if key == "barriers":
            rows = [r for r in rows if (r.get("support") or "").strip()]
        kept = [{f: _short(r.get(f)) for f in fields} for r in rows[:MAX_ROWS]]
        if kept:
            out[key] = kept
    return out


def clean_texts(value) -> dict[str, list[dict[str, str]]]:
    """Texts read back from a rollup file, kept only in the shape ``lsr_texts`` writes (input is untrusted)."""
    out: dict[str, list[dict[str, str]]] = {}
    if not isinstance(value, dict):
        return out
    for key, fields in FIELDS.items():
        rows = value.get(key)
        if not isinstance(rows, list):
            continue
        kept = [{f: _short(r.get(f)) if isinstance(r.get(f), str) else "" for f in fields}
                for r in rows[:MAX_ROWS] if isinstance(r, dict)]
        if kept:
            out[key] = kept
    return out
