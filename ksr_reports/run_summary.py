"""The run summary of ``ksr run`` (shown on screen and saved as ``podsumowanie.txt``), in Polish.

Every input is listed under what the run decided about it, with the same reason its feedback file
gives (named newer file, named original, other województwo or period); counts agree with their
nouns (lang.count), periods read as "I półrocze 2025". Full paths stay: the summary is for the ROPS
staff member at the console, who needs to find the files.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .indicators.model import REGION_NAMES
from .lang import count, date as date_text, pct, period as period_text, plural
from .rollup.layout import DECISIONS, FAILED_DECISIONS
from .validation.feedback import Outcome

if TYPE_CHECKING:
    from .run import RunResult

SECTIONS = (("Przyjęte do zestawienia", ("counted",)), ("Odrzucone", FAILED_DECISIONS),
            ("Zastąpione nowszą wersją", ("superseded",)), ("Duplikaty (policzone raz)", ("duplicate",)))


# Where the earlier version of a corrected submission is (``monitoring.diffs.Resubmission.source``).
EARLIER_VERSION = {"inbox": "w tej samej skrzynce", "archive": "przyjęty wcześniej, z archiwum"}


def _files(n: int) -> str:
    return count(n, "plik", "pliki", "plików")


def _without_name(note: str, name: str) -> str:
    """A rollup file's message without the file name it starts with (the summary's line names the file)."""
    for lead in (f"{name}, ", f"{name}: "):
        if name and note.startswith(lead):
            return note[len(lead):]
    return note


def reason(q: dict, outcome: Outcome | None) -> str:
    """Why the input has its decision, briefly (the feedback file says it in full)."""
    errors, warnings = q.get("errors") or 0, q.get("warnings") or 0
    if q["decision"] == "counted" and q.get("kind") == "rollup":
        return "przyjęty (zestawienie regionalne)"
    if outcome is None or q.get("kind") != "lsr":      # a rollup file (national run)
        note = f" – {_without_name(q['note'], q.get('file', ''))}" if q.get("note") and q["decision"] != "counted" else ""
        return DECISIONS[q["decision"]] + note
    kind = outcome.kind
    if kind == "counted":
        return "przyjęty" + (f", z {count(warnings, 'ostrzeżeniem', 'ostrzeżeniami', 'ostrzeżeniami')}"
                             if warnings else "")
    if kind == "invalid":
        return f"odrzucony – zawiera {count(errors, 'błąd', 'błędy', 'błędów')}; szczegóły w informacji zwrotnej"
    if kind == "unreadable":
        return "nieczytelny – " + ((q.get("note") or "").removeprefix("Plik: ") or "nie da się go odczytać")
    if kind == "other_region":
        where = f"z innego województwa ({outcome.file_region})" if outcome.file_region else "bez kodu TERYT gminy"
        return f"odrzucony – LSR {where}; przekaż plik właściwemu Regionalnemu Ośrodkowi Polityki Społecznej"
    if kind == "other_period":
        return f"odrzucony – dotyczy innego okresu ({period_text(q.get('period'))})"
    if kind == "superseded":
        return f"zastąpiony nowszą wersją: {outcome.other_file}"
    return f"identyczna kopia pliku {outcome.other_file} – policzony raz"


def _completeness(c: dict) -> list[str]:
    expected = plural(c["expected"], "oczekiwanej", "oczekiwanych", "oczekiwanych")
    lines = [f"Brakujące według rejestru: {c['missing']} spośród {c['expected']} {expected} LSR "
             f"(wskaźnik sprawozdawczości {pct(c['rate'])})"]
    return lines + [f"  • {m['lsr_id']} {m['name']}" for m in c["missing_units"]]


def _outliers(outliers: list[dict]) -> list[str]:
    """Section "Wartości do wyjaśnienia": each warning of ``monitoring.outliers`` (explained ones marked)."""
    from .monitoring.outliers import outlier_text

    if not outliers:
        return []
    explained = sum(1 for o in outliers if o.get("explanation"))
    lines = [f"Wartości do wyjaśnienia: {count(len(outliers), 'ostrzeżenie', 'ostrzeżenia', 'ostrzeżeń')} "
             f"(wyjaśnione przez koordynatorów: {explained})"]
    return lines + [f"  • {o['file']} (LSR {o['lsr_id']}): {outlier_text(o)}" for o in outliers]


def _resubmissions(resubmissions: dict) -> list[str]:
    """Section "Korekty sprawozdań": per LSR, the file that replaces an earlier version and what changed."""
    from .monitoring.diffs import change_lines

    if not resubmissions:
        return []
    lines = [f"Korekty sprawozdań: {count(len(resubmissions), 'sprawozdanie', 'sprawozdania', 'sprawozdań')}"]
    for lsr_id in sorted(resubmissions):
        r = resubmissions[lsr_id]
        filled = f"wypełniony {date_text(r.old.filled_on)}" if r.old.filled_on else "data wypełnienia nie podana"
        lines.append(f"  • LSR {lsr_id} {r.name}: {r.new.source} zastępuje {r.old.source} ({filled}, "
                     f"{EARLIER_VERSION.get(r.source, r.source)})")
        lines += [f"      {line}" for line in change_lines(r)] or ["      bez zmian w danych liczbowych"]
    return lines


def summary_text(result: "RunResult") -> str:
    """The whole summary as text (ends with a newline)."""
    if result.level == "region":
        scope = f"województwo {REGION_NAMES.get(result.region or '', result.region)}"
    else:
        scope = "cały kraj"
    inputs = [q for q in result.quality if not q.get("via")]
    lines = [f"Podsumowanie przebiegu: {scope}, okres {period_text(result.period)}", "",
             f"Sprawdzono {count(len(inputs), 'plik wejściowy', 'pliki wejściowe', 'plików wejściowych')}."]
    if result.skipped:
        lines.append(f"Pominięto {count(result.skipped, 'plik', 'pliki', 'plików')} z katalogów wyników programu "
                     "(wyniki nie są danymi wejściowymi).")
    misnamed = getattr(result, "misnamed", None) or []
    if misnamed:
        one = len(misnamed) == 1
        named, rename = (("nazwie zapisanej", "nazwę tego pliku (np. usuń z niej") if one
                         else ("nazwach zapisanych", "nazwy tych plików (np. usuń z nich"))
        lines.append(f"Nie odczytano {count(len(misnamed), 'pliku', 'plików', 'plików')} o {named} w innym kodowaniu "
                     f"znaków niż systemowe ({', '.join(misnamed)}; nieczytelne znaki zastąpiono „�”). Zmień {rename} "
                     "polskie litery) i uruchom program ponownie.")
    for title, decisions in SECTIONS:
        rows = result.rows(*decisions)
        lines.append(f"{title}: {_files(len(rows))}")
        for q in rows:
            who = f" (LSR {q['lsr_id']})" if q.get("lsr_id") else ""
            lines.append(f"  • {q['file']}{who}: {reason(q, result.decided.get(q['path']))}")
    lines += _resubmissions(getattr(result, "resubmissions", None) or {})
    lines += _outliers(getattr(result, "outliers", None) or [])
    if result.completeness:
        lines += _completeness(result.completeness)
    lines += ["", "Wyniki:"] + [f"  {d}: {p}" for d, p in result.outputs]
    return "\n".join(lines) + "\n"
