"""Polish plain-text rendering of validation results (CLI output and feedback files for LSRs)."""
from __future__ import annotations

from ..lang import count
from .report import FileReport, RunReport

STATUS_PL = {"valid": "poprawny", "warnings": "poprawny, z ostrzeżeniami", "invalid": "zawiera błędy",
             "unreadable": "nie można go odczytać"}
LEVEL_PL = {"error": "BŁĄD", "warning": "UWAGA"}



def render_file(report: FileReport) -> list[str]:
    """Status line of one file followed by every finding."""
    lines = [f"{report.path}: {STATUS_PL[report.status]}"]
    lines += [f"  {LEVEL_PL[f.severity]}: {f.message}" for f in report.issues]
    if report.annotated:
        lines.append(f"  Plik z uwagami: {report.annotated}")
    return lines


def summary_line(run: RunReport) -> str:
    s = run.summary()
    return (f"Podsumowanie: sprawdzono {count(s['files'], 'plik', 'pliki', 'plików')} – poprawne: {s['valid']}, "
            f"z ostrzeżeniami: {s['warnings']}, z błędami: {s['invalid']}, nieczytelne: {s['unreadable']}; "
            f"{count(s['errors'], 'błąd', 'błędy', 'błędów')}, "
            f"{count(s['warnings_count'], 'ostrzeżenie', 'ostrzeżenia', 'ostrzeżeń')}.")


def feedback_text(report: FileReport) -> str:
    """The short summary a ROPS sends back to an LSR coordinator with the annotated copy."""
    errors, warnings = len(report.errors), len(report.warnings)
    if report.unreadable:
        verdict = "Pliku nie można odczytać – nie został przyjęty. Przyczyna i sposób poprawy poniżej."
    elif errors:
        verdict = (f"Plik NIE został przyjęty do zestawienia: {count(errors, 'błąd', 'błędy', 'błędów')} do poprawienia"
                   f"{', ' + count(warnings, 'ostrzeżenie', 'ostrzeżenia', 'ostrzeżeń') if warnings else ''}. "
                   "Popraw wskazane komórki w swoim pliku, zmień datę wypełnienia i wyślij go ponownie.")
    elif warnings:
        verdict = (f"Plik został przyjęty. {count(warnings, 'ostrzeżenie', 'ostrzeżenia', 'ostrzeżeń').capitalize()} "
                   "– sprawdź, czy dane są prawidłowe.")
    else:
        verdict = "Plik został przyjęty bez uwag. Dziękujemy."
    who = f"LSR {report.lsr_id}, okres {report.period}" if report.lsr_id else "LSR nieustalona"
    lines = [f"Informacja zwrotna do pliku {report.path.name} ({who})", "", verdict, ""]
    lines += [f"{LEVEL_PL[f.severity]}: {f.message}" for f in report.issues]
    if report.issues and not report.unreadable:
        lines += ["", "Te same uwagi są zaznaczone w kopii arkusza (plik *_uwagi.xlsx): czerwone komórki – błędy, "
                      "żółte – ostrzeżenia; lista wszystkich uwag jest w arkuszu „Uwagi”."]
    return "\n".join(lines) + "\n"
