"""The indicator reference of docs/rollup.md, generated from ``STAT_KEYS`` and ``DERIVED``.

Run ``python -m ksr_reports.rollup.docs`` and paste the output between the markers in
docs/rollup.md; a test checks that the two agree.
"""
from __future__ import annotations

from ..indicators import DERIVED, STAT_KEYS

BEGIN = "<!-- indicators:begin (python -m ksr_reports.rollup.docs) -->"
END = "<!-- indicators:end -->"
KIND = {"count": "liczba", "share": "odsetek", "number": "wartość"}


def _groups() -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for key in STAT_KEYS:
        groups.setdefault(key.split(".")[0], []).append(key)
    return groups


def indicators_markdown() -> str:
    """Markdown: derived indicators (key, Polish label, kind), then the sufficient statistics by group."""
    lines = [BEGIN, "", "### Derived indicators (`DERIVED`, computed from summed statistics)", "",
             "| key | label (PL) | kind |", "|---|---|---|"]
    lines += [f"| `{k}` | {label} | {KIND[kind]} |" for k, (label, kind) in DERIVED.items()]
    lines += ["", f"### Sufficient statistics (`STAT_KEYS`, {len(STAT_KEYS)} columns of the hidden `Statystyki` sheet)", ""]
    for group, keys in _groups().items():
        lines.append(f"- **{group}** ({len(keys)}): " + ", ".join(f"`{k}`" for k in keys))
    lines += ["", END]
    return "\n".join(lines)


if __name__ == "__main__":
    print(indicators_markdown())
