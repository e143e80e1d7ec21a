"""The rules catalogue (``docs/recommendations.md``), generated from ``rules.py`` and the default thresholds.

Regenerate with ``python -m ksr_reports.recommendations.catalogue docs/recommendations.md``;
a test fails when the committed file is not current.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .config import load_thresholds
from .evaluate import REFORM_LEVELS, reform_condition
from .rules import RULES

HEADER = """# Katalog reguł rekomendacji

Plik wygenerowany z `ksr_reports/recommendations/rules.py` (nie edytować ręcznie;
`python -m ksr_reports.recommendations.catalogue docs/recommendations.md`).

Każda reguła sprawdza jeden warunek na wskaźnikach jednej LSR. W karcie LSR rekomendacja podaje
liczby tej LSR; w raporcie regionalnym i krajowym reguła jest sprawdzana dla każdej LSR osobno,
a raport podaje, w ilu LSR wystąpiła słabość, i wymienia je z nazwy („w 2 z 4 LSR …”).
Raport krajowy zamienia słabości powtarzające się w wielu województwach w rekomendacje reformy
instytucjonalnej z zadaniami dla gminy, ROPS i ministerstwa (001 §1.4, tab. 5).

Progi są w jednym pliku: `ksr_reports/recommendations/thresholds.toml` (z komentarzami).
Można je nadpisać: `ksr report WEJŚCIE.xlsx -o RAPORT.docx --thresholds moje_progi.toml`.
Oznaczenia źródeł: `001` – Biała Księga modelu KSR, `002` – testowanie wzorca nowego profilu usług KIS.
"""


def render_catalogue() -> str:
    """The Markdown catalogue of all rules with the default thresholds in words."""
    th = load_thresholds()
    parts = [HEADER, "| id | reguła | źródło w modelu |", "|---|---|---|"]
    parts += [f"| `{r.id}` | {r.title} | {r.source} |" for r in RULES]
    for r in RULES:
        parts += ["", f"## `{r.id}` – {r.title}", "",
                  f"- **Oczekiwany stan (próg):** {r.condition({}, {}, th)}; rekomendacja pojawia się, gdy LSR go nie spełnia.",
                  f"- **W raporcie regionalnym/krajowym:** „w N z M LSR {r.pattern}”.",
                  f"- **Zalecane działanie:** {r.action}",
                  f"- **Źródło:** {r.source}.",
                  "- **Zadania w reformie (001 §1.4, tab. 5):**"]
        parts += [f"  - {label}: {r.reform[key]}" for key, label in REFORM_LEVELS]
    parts += ["", "## Rekomendacje reformy instytucjonalnej (raport krajowy)", "",
              f"Słabość staje się rekomendacją reformy, gdy {reform_condition(th)}.", ""]
    return "\n".join(parts)


def main(argv: list[str]) -> int:
    """Write the catalogue to the path given (default ``docs/recommendations.md``)."""
    out = Path(argv[0] if argv else "docs/recommendations.md")
    out.write_text(render_catalogue(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
