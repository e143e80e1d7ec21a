"""Polish plain-text rendering of validation results (CLI output and feedback files for LSRs).

The feedback file a ROPS sends back to an LSR coordinator always says what the run decided about the
file (``Outcome``): counted, counted with warnings, rejected for errors, unreadable, of another
województwo or period, superseded by a newer submission (named), or a copy of another file (named).
A file's validation alone cannot say this: a valid file of another województwo is still refused.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..lang import count, date as date_text, period as period_text
from .report import FileReport, RunReport

STATUS_PL = {"valid": "poprawny", "warnings": "poprawny, z ostrzeżeniami", "invalid": "zawiera błędy",
             "unreadable": "nie można go odczytać"}
LEVEL_PL = {"error": "BŁĄD", "warning": "UWAGA"}

# What a run can decide about an LSR file (the keys of ``Outcome.kind``).
OUTCOMES = ("counted", "invalid", "unreadable", "other_region", "other_period", "superseded", "duplicate")


@dataclass(frozen=True)
class Outcome:
    """What the run did with one file, with the names the feedback needs to explain it."""

    kind: str                 # one of OUTCOMES
    other_file: str = ""      # superseded: the newer file counted instead; duplicate: the file it copies
    run_region: str = ""      # other_region: name of the run's województwo ("kujawsko-pomorskie")
    file_region: str = ""     # other_region: name of the file's województwo ("" when its TERYT is missing)
    run_period: str = ""      # other_period: the run's period code ("2025")
    # counted file that replaces an earlier version of the same LSR (``monitoring.diffs.outcome_fields``)
    previous_file: str = ""         # the earlier version's file name ("" = not a resubmission)
    previous_filled_on: str = ""    # its ISO fill date
    previous_source: str = ""       # "inbox": sent with this file; "archive": accepted earlier
    changes: tuple[str, ...] = ()   # "Uczestnicy w okresie: 18 → 20" …; empty = no statistic changed


def outcome_of(report: FileReport) -> Outcome:
    """The outcome validation alone implies (a file checked outside a run)."""
    return Outcome({"unreadable": "unreadable", "invalid": "invalid"}.get(report.status, "counted"))


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


def _errors(report: FileReport) -> str:
    text = count(len(report.errors), "błąd", "błędy", "błędów")
    if report.warnings:
        text += " i " + count(len(report.warnings), "ostrzeżenie", "ostrzeżenia", "ostrzeżeń")
    return text


def verdict(outcome: Outcome, report: FileReport) -> str:
    """The one sentence (or two) that tells the LSR what happened to its file and what to do."""
    kind = outcome.kind
    if kind == "counted" and report.warnings:
        warnings = count(len(report.warnings), "ostrzeżeniem", "ostrzeżeniami", "ostrzeżeniami")
        return f"Plik został przyjęty do zestawienia, z {warnings} – sprawdź, czy dane są prawidłowe."
    if kind == "counted":
        return "Plik został przyjęty do zestawienia bez uwag. Dziękujemy."
    if kind == "invalid":
        return (f"Plik nie został przyjęty do zestawienia, bo zawiera {_errors(report)}. Popraw wskazane "
                "komórki w swoim pliku, zmień datę wypełnienia i wyślij go ponownie.")
    if kind == "unreadable":
        return ("Pliku nie można odczytać, więc nie został przyjęty do zestawienia. "
                "Przyczyna i sposób poprawy są opisane poniżej.")
    if kind == "other_region" and not outcome.file_region:
        return ("Plik nie został przyjęty do zestawienia, bo nie ma w nim poprawnego kodu TERYT gminy, więc nie "
                f"wiadomo, którego województwa dotyczy (zestawienie obejmuje województwo {outcome.run_region}). "
                "Wpisz kod TERYT gminy siedziby LSR i wyślij plik ponownie.")
    if kind == "other_region":
        return (f"Plik nie został przyjęty do zestawienia, bo dotyczy LSR z innego województwa "
                f"({outcome.file_region}), a zestawienie obejmuje województwo {outcome.run_region}. Prześlij go "
                "do Regionalnego Ośrodka Polityki Społecznej właściwego dla siedziby LSR.")
    if kind == "other_period":
        run = period_text(outcome.run_period)
        return (f"Plik nie został przyjęty do zestawienia, bo dotyczy innego okresu ({period_text(report.period)}), "
                f"a zestawienie obejmuje okres {run}. Jeśli to pomyłka, prześlij sprawozdanie za okres {run}.")
    if kind == "superseded":
        return (f"Plik nie został uwzględniony w zestawieniu, bo zastąpiła go nowsza wersja sprawozdania tej LSR: "
                f"plik {outcome.other_file}. Jeśli właściwy jest ten plik, zmień w nim datę wypełnienia "
                "i wyślij go ponownie.")
    if kind == "duplicate":
        return (f"Plik jest identyczną kopią pliku {outcome.other_file}, więc nie został policzony drugi raz. "
                "Nic nie trzeba robić.")
    raise ValueError(f"unknown outcome {kind!r}")


PREVIOUS_SOURCE = {"inbox": "przesłany razem z tym plikiem", "archive": "przyjęty wcześniej"}


def resubmission_lines(outcome: Outcome) -> list[str]:
    """What changed against the earlier version the counted file replaces (empty when it replaces none)."""
    if outcome.kind != "counted" or not outcome.previous_file:
        return []
    filled = (f"wypełniony {date_text(outcome.previous_filled_on)}" if outcome.previous_filled_on
              else "data wypełnienia nie podana")
    where = PREVIOUS_SOURCE.get(outcome.previous_source, "")
    head = f"Zmiany względem poprzedniej wersji (plik {outcome.previous_file}, {filled}" + (f", {where}" if where else "")
    if not outcome.changes:
        return [f"{head}): bez zmian w danych liczbowych."]
    return [f"{head}):"] + [f"  – {line}" for line in outcome.changes]


def feedback_text(report: FileReport, outcome: Outcome | None = None) -> str:
    """The short summary a ROPS sends back to an LSR coordinator with the annotated copy."""
    outcome = outcome or outcome_of(report)
    if report.lsr_id:
        who = f"LSR {report.lsr_id}, okres {period_text(report.period)}"
    else:
        who = "nie udało się ustalić LSR"
    lines = [f"Informacja zwrotna do pliku {report.path.name} ({who})", "", verdict(outcome, report), ""]
    if changed := resubmission_lines(outcome):
        lines += changed + [""]
    lines += [f"{LEVEL_PL[f.severity]}: {f.message}" for f in report.issues]
    if report.issues and report.annotated:
        lines += ["", f"Te same uwagi są zaznaczone w kopii arkusza {report.annotated.name}: czerwone komórki – "
                      "błędy, żółte – ostrzeżenia; lista wszystkich uwag jest w arkuszu „Uwagi”."]
    return "\n".join(lines) + "\n"
