"""The result dicts of the page's jobs, made from the library's results (``jobs`` runs, this module words).

* ``check_result(run_report)`` – a checked workbook per file: Polish status, findings grouped by sheet
  with errors before warnings (cell, what is wrong, how to fix), the annotated copy's download name.
* ``run_result(run_result, outdir)`` – a ROPS or ministry run: the decisions per file with their reasons
  (the words of the run summary), missing LSRs, the downloads and the summary text without the local
  paths of the run folder (the page offers the files for download instead).

Only plain data (str, int, lists, dicts) goes into a result: it is saved as JSON with the job.
"""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

from .. import lang

WHOLE_FILE = "Cały plik"       # findings that belong to no sheet (as in the annotated copy's "Uwagi")
NO_CELL = "–"
SEVERITY_ORDER = {"error": 0, "warning": 1}
FEEDBACK_ZIP = "informacje_zwrotne.zip"
SUMMARY_FILE = "podsumowanie.txt"
RESULTS_HEADING = "Wyniki:"    # the run summary's last section lists local paths; the page lists downloads


def _finding(f) -> dict:
    what = f.what or f.message
    return {"severity": f.severity, "cell": f.cell or NO_CELL, "label": f.label or "",
            "what": what[:1].upper() + what[1:], "fix": f.fix or "", "message": f.message,
            "explanation": f.explanation or None}


def _sheets(findings) -> list[dict]:
    """Findings grouped by sheet, errors first: sheets in the order their first finding appears then."""
    ordered = sorted(findings, key=lambda f: SEVERITY_ORDER.get(f.severity, 2))
    groups: dict[str, list[dict]] = {}
    for f in ordered:
        groups.setdefault(f.sheet or WHOLE_FILE, []).append(_finding(f))
    return [{"sheet": sheet, "findings": items} for sheet, items in groups.items()]


def check_result(run) -> dict:
    """``Job.result`` of a check: ``{"files": [...], "summary_pl": str}`` (see the contract in ``jobs``)."""
    from ..validation.feedback import STATUS_PL, summary_line

    files = []
    for report in run.files:
        files.append({"name": report.path.name, "status": report.status, "status_pl": STATUS_PL[report.status],
                      "errors": len(report.errors), "warnings": len(report.warnings),
                      "sheets": _sheets(report.issues),
                      "annotated": report.annotated.name if report.annotated else None})
    return {"files": files, "summary_pl": summary_line(run)}


def zip_folder(folder: Path, target: Path) -> Path | None:
    """Every file of ``folder`` (no sub-folders) into the zip ``target``; None when there is none."""
    if not folder.is_dir():
        return None
    members = sorted(p for p in folder.iterdir() if p.is_file())
    if not members:
        return None
    partial = target.with_name(f".{target.name}.czesciowy")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as z:
        for p in members:
            z.write(p, p.name)
    partial.replace(target)
    return target


def feedback_download(outdir: Path) -> dict | None:
    """The feedback for the LSRs as one zip (written into ``outdir``), or None when there is no feedback."""
    from ..run_files import FEEDBACK_DIR

    folder = outdir / FEEDBACK_DIR
    texts = len(list(folder.glob("*_uwagi.txt"))) if folder.is_dir() else 0
    if zip_folder(folder, outdir / FEEDBACK_ZIP) is None:
        return None
    label = "Informacje zwrotne dla LSR"
    if texts:
        label += f" ({lang.count(texts, 'plik LSR', 'pliki LSR', 'plików LSR')}, spakowane w jeden plik)"
    return {"label_pl": label, "name": FEEDBACK_ZIP}


def _without_paths(text: str, outdir: Path) -> str:
    """The run summary without its list of local output paths (and any other mention of the run folder)."""
    lines = text.splitlines()
    if RESULTS_HEADING in lines:
        lines = lines[:lines.index(RESULTS_HEADING)]
    while lines and not lines[-1].strip():
        lines.pop()
    out = "\n".join(lines) + "\n"
    for folder in (outdir.parent, outdir.parent.resolve()):
        out = out.replace(f"{folder}{os.sep}", "")
    return out


def _downloads(result, outdir: Path) -> list[dict]:
    downloads = []
    feedback = feedback_download(outdir)
    if feedback:
        downloads.append(feedback)
    for label, path in result.outputs:
        path = Path(path)
        if path.suffix == ".xlsx":
            kind = "zestawienie krajowe" if result.level == "national" else "zestawienie regionalne"
            downloads.append({"label_pl": f"{kind.capitalize()} (skoroszyt Excel)", "name": path.name})
        elif path.suffix == ".docx":
            downloads.append({"label_pl": "Raport (dokument Word)", "name": path.name})
        elif path.name == SUMMARY_FILE:
            downloads.append({"label_pl": "Podsumowanie przebiegu (plik tekstowy)", "name": path.name})
    return downloads


def _unit(q: dict) -> str:
    """Whom an input is about: the LSR's TERYT code, or the województwo of a regional rollup file."""
    from ..indicators.model import REGION_NAMES

    if q.get("lsr_id"):
        return q["lsr_id"]
    if q.get("kind") == "rollup" and q.get("region"):
        return f"województwo {REGION_NAMES.get(q['region'], q['region'])}"
    return ""


def scope_text(result: dict) -> str:
    """The scope of a finished run as people read it: "2025, województwo lubelskie" / "2025, cały kraj"."""
    from ..indicators.model import REGION_NAMES

    if not result.get("period"):
        return ""
    where = (f"województwo {REGION_NAMES.get(result['region'], result['region'])}" if result.get("region")
             else "cały kraj")
    return f"{lang.period(result['period'])}, {where}"


def run_result(result, outdir: Path) -> dict:
    """``Job.result`` of a ROPS or ministry run (``run.RunResult``) whose outputs are in ``outdir``."""
    from ..rollup.layout import DECISIONS
    from ..run_summary import reason

    rows = []
    for q in result.quality:
        if q.get("via"):
            continue
        rows.append({"file": q["file"], "lsr_id": q.get("lsr_id") or "", "unit_pl": _unit(q),
                     "decision": q["decision"], "decision_pl": DECISIONS.get(q["decision"], q["decision"]),
                     "reason_pl": reason(q, result.decided.get(q["path"]))})
    missing = [{"lsr_id": m.get("lsr_id", ""), "name": m.get("name", "")}
               for m in (result.completeness or {}).get("missing_units", [])]
    return {"summary_pl": _without_paths(result.summary_text(), outdir), "exit_code": result.exit_code,
            "rows": rows, "missing": missing, "downloads": _downloads(result, outdir),
            "level": result.level, "period": result.period, "region": result.region or ""}


def failed_run_result(outdir: Path) -> dict:
    """``Job.result`` of a run that produced no rollup: the feedback is still offered when it was written."""
    feedback = feedback_download(outdir)
    return {"summary_pl": "", "exit_code": 1, "rows": [], "missing": [], "downloads": [feedback] if feedback else []}


NOTHING_TO_READ = ("Wśród przesłanych plików nie ma żadnego do sprawdzenia (pliki tymczasowe programu Excel, "
                   "o nazwach zaczynających się od „~$”, są pomijane). Wybierz właściwe pliki i wyślij je ponownie.")


def failed_run_message(message: str, inbox: Path, outdir: Path) -> str:
    """The run's Polish error without the local paths of the run folder (``inbox``: the uploaded files)."""
    from ..run_files import FEEDBACK_DIR

    folder = str(outdir / FEEDBACK_DIR)
    if folder in message:
        head = message[:message.index(folder)]
        sentence_start = head.rfind(". ") + 2 if ". " in head else 0
        return (message[:sentence_start] + "Informacje zwrotne dla LSR można pobrać poniżej.").strip()
    if f"{inbox} jest pusty" in message:
        return NOTHING_TO_READ
    for part in (inbox, outdir):
        message = message.replace(f"{part}{os.sep}", "").replace(str(part), "")
    for command, words in COMMAND_WORDS.items():
        message = message.replace(command, words)
    return message


# The library's messages name what a console user types; on the page the same thing is a field or a page.
COMMAND_WORDS = {
    "(sprawdź je poleceniem ksr validate)": "(sprawdź je na stronie „Sprawdź arkusz”)",
    "podaj --period": "wpisz okres w formularzu",
    "podaj --region": "wybierz województwo w formularzu",
}
