"""The rules catalogue (``docs/recommendations.md``), generated from the rule modules and the default thresholds.

Regenerate with ``python -m ksr_reports.recommendations.catalogue docs/recommendations.md``;
a test fails when the committed file is not current.
"""
from __future__ import annotations

import sys
from pathlib import Path

from ..lang import count, plural
from .config import load_thresholds
from .evaluate import REFORM_LEVELS, TABLE5_SOURCE, reform_condition
from .rules import RULES, SEED_RECOMMENDATIONS

HEADER = """# Katalog reguł rekomendacji

Plik wygenerowany z `ksr_reports/recommendations/rules*.py` (nie edytować ręcznie;
`python -m ksr_reports.recommendations.catalogue docs/recommendations.md`).

Każda reguła sprawdza jeden warunek na wskaźnikach jednej LSR. W karcie LSR rekomendacja podaje
liczby tej LSR; w raporcie regionalnym i krajowym reguła jest sprawdzana dla każdej LSR osobno,
a raport podaje, w ilu LSR wystąpiła słabość, i wymienia je z nazwy („w 2 z 4 LSR …”).
Reguła oparta na danych, o które pyta dopiero formularz w wersji 2.0, nie jest sprawdzana dla LSR,
która złożyła formularz 1.0: nie wskazuje tam słabości i nie wchodzi do liczby „z N LSR”.
Raport krajowy zamienia słabości szerokie i powtarzające się w wielu województwach w rekomendacje
reformy instytucjonalnej z zadaniami dla gminy, ROPS i ministerstwa (001 §1.4, tab. 5).

Progi są w jednym pliku: `ksr_reports/recommendations/thresholds.toml` (z komentarzami; progi, których
źródło nie podaje, są tam oznaczone jako założenia). Można je nadpisać:
`ksr report WEJŚCIE.xlsx -o RAPORT.docx --thresholds moje_progi.toml`.
Oznaczenia źródeł: `001` – Biała Księga modelu KSR, `002` – testowanie wzorca nowego profilu usług KIS;
„l.” to numery wierszy tekstu źródła w materiałach projektu.
"""


def _seed_table() -> list[str]:
    rows = ["## Rekomendacje źródła a reguły", "",
            "Każda rekomendacja z części REKOMENDACJE źródła (001 §3.1–3.2) i z tabeli 9 ma regułę albo powód, "
            "dla którego arkusz LSR jej nie mierzy.", "",
            "| rekomendacja źródła | fragment | reguła |", "|---|---|---|"]
    for name, passage, target in SEED_RECOMMENDATIONS:
        rule = ", ".join(f"`{i}`" for i in target) if isinstance(target, tuple) else f"nie do zmierzenia z arkusza: {target}"
        rows.append(f"| {name} | {passage} | {rule} |")
    return rows


def _rule(r, th) -> list[str]:
    data = ("od wersji 2.0 formularza; dla LSR z formularzem 1.0 reguła nie jest sprawdzana (nie raportowano)"
            if r.since == "2.0" else "wszystkie wersje formularza")
    out = ["", f"## `{r.id}` – {r.title}", "",
           f"- **Oczekiwany stan (próg):** {r.condition({}, {}, th)}; rekomendacja pojawia się, gdy LSR go nie spełnia.",
           f"- **Dane:** {data}."]
    if r.note:
        out.append(f"- **Jak reguła czyta arkusz:** {r.note}")
    out += [f"- **W raporcie regionalnym/krajowym:** „w N z M LSR {r.pattern}”.",
            f"- **Zalecane działanie:** {r.action}",
            f"- **Źródło:** {r.source}.",
            f"- **Zadania w reformie – {TABLE5_SOURCE}:**"]
    out += [f"  - {label}: {r.reform[key]} – zadanie z tab. 5: {r.reform_basis[key]}" for key, label in REFORM_LEVELS]
    return out


def render_catalogue() -> str:
    """The Markdown catalogue of all rules with the default thresholds in words."""
    th = load_thresholds()
    parts = [HEADER, "| id | reguła | dane od wersji | źródło w modelu |", "|---|---|---|---|"]
    parts += [f"| `{r.id}` | {r.title} | {r.since} | {r.source} |" for r in RULES]
    parts += [""] + _seed_table()
    for r in RULES:
        parts += _rule(r, th)
    need = int(th["reform"]["headline_min_weaknesses"])
    parts += ["", "## Rekomendacje reformy instytucjonalnej (raport krajowy)", "",
              f"Tabela 5 źródła – {TABLE5_SOURCE} – dotyczy zmian prawa i instytucji, więc rekomendację reformy "
              f"formułuje się tylko wtedy, gdy {reform_condition(th)}. Każda rekomendacja reformy podaje "
              "dowody („n z N LSR, k z K województw”) i zadania gminy, ROPS i ministerstwa z tabeli 5, którym służy. "
              "Gdy żadna słabość nie spełnia warunku, raport mówi, że dane z okresu nie uzasadniają rekomendacji reformy.",
              "",
              f"Najważniejszą rekomendację źródła (001 l. 6870–6881: rozpoczęcie prac nad koncepcją reformy) raport "
              f"formułuje, gdy warunek reformy {plural(need, 'spełnia', 'spełniają', 'spełnia')} co najmniej "
              f"{count(need, 'słabość', 'słabości', 'słabości')}.", ""]
    return "\n".join(parts)


def main(argv: list[str]) -> int:
    """Write the catalogue to the path given (default ``docs/recommendations.md``)."""
    out = Path(argv[0] if argv else "docs/recommendations.md")
    out.write_text(render_catalogue(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
