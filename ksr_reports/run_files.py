"""Which files of an inbox ``ksr run`` reads, how its feedback files are named, and what it decided
about each LSR file in the terms of the feedback (issue 12, items 5 and 6).

A run never reads its own outputs: the output folder, when it lies inside the inbox, is skipped as a
whole, and in any folder holding a run summary (``podsumowanie.json`` written by ``ksr run``) the
summaries, the feedback folder and the Word report are skipped too — a ministry folder may hold the
regions' output folders, whose rollup workbooks are inputs but whose reports and feedback are not.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import KsrError, UsageError
from .fileutil import has_readable_name, is_input_name, readable_name
from .indicators.model import REGION_NAMES
from .rollup.inputs import InputRecord
from .validation.feedback import Outcome

SUMMARY_FILES = ("podsumowanie.txt", "podsumowanie.json")
FEEDBACK_DIR = "informacje_zwrotne"
OLD_FEEDBACK_DIRS = ("feedback",)      # the folder name of earlier versions, skipped too
FEEDBACK_SUFFIXES = ("_uwagi.txt", "_uwagi.xlsx")


@dataclass
class InboxFiles:
    files: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)   # files the tool wrote (never inputs)
    misnamed: list[Path] = field(default_factory=list)  # names not valid UTF-8: cannot be named in any output


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _run_summary(folder: Path) -> dict | None:
    """The ``podsumowanie.json`` a ``ksr run`` wrote into ``folder``, or None."""
    try:
        data = json.loads((folder / "podsumowanie.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and {"level", "inputs"} <= data.keys() else None


def _own_files(folder: Path, summary: dict) -> set[str]:
    """Names of the files in ``folder`` the run that wrote ``summary`` produced and that are no input."""
    names = set(SUMMARY_FILES)
    names.update(n for n in summary.get("outputs", []) if str(n).endswith(".docx"))
    names.update(p.name for p in folder.glob("*.docx") if p.name.startswith(("RSR_", "KSR_")))
    return names


def inbox_files(inbox: Path, outdir: Path | None = None) -> InboxFiles:
    """Every regular file in the inbox (recursively) except office lock files, hidden files and files
    ``ksr run`` wrote (see the module docstring).

    Not only .xlsx: a .xls, .ods or .pdf sent by mistake must be reported as rejected, not ignored."""
    inbox = Path(inbox)
    if not inbox.is_dir():
        raise UsageError(f"Katalog skrzynki nie istnieje: {inbox}. Podaj katalog z otrzymanymi plikami.")
    if outdir is not None and Path(outdir).resolve() == inbox.resolve():
        raise UsageError(f"Katalog wyników nie może być samym katalogiem skrzynki ({inbox}). Podaj inny katalog "
                         f"albo podkatalog skrzynki, np. {inbox / 'wyniki'}.")
    if outdir is not None and not _inside(Path(outdir), inbox):
        outdir = None      # outputs outside the inbox cannot be read back
    found = InboxFiles()
    for root, dirs, names in os.walk(inbox):
        here = Path(root)
        if outdir is not None and _inside(here, outdir):
            found.skipped += [p for p in here.rglob("*") if p.is_file()]
            dirs[:] = []
            continue
        summary = _run_summary(here)
        own = _own_files(here, summary) if summary else set()
        for folder in (FEEDBACK_DIR, *OLD_FEEDBACK_DIRS):
            if summary and folder in dirs:
                dirs.remove(folder)
                found.skipped += [p for p in (here / folder).rglob("*") if p.is_file()]
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            if not is_input_name(name):
                continue
            path = here / name
            (found.skipped if name in own else found.files if has_readable_name(path) else found.misnamed).append(path)
    found.files.sort()
    if not found.files and found.misnamed:
        raise KsrError(f"W katalogu {inbox} są tylko pliki, których nazw nie da się odczytać ({misnamed_text(found.misnamed)}). "
                       "Zmień ich nazwy i uruchom program ponownie.")
    if not found.files:
        raise UsageError(f"Katalog {inbox} jest pusty – nie ma czego sprawdzić.")
    return found


def misnamed_text(paths: list[Path]) -> str:
    """„z�a.xlsx”, „b�.xlsx” – the names of files whose names are not valid UTF-8, as they can be shown."""
    return ", ".join(f"„{readable_name(p)}”" for p in sorted(paths))


def feedback_names(paths: list[Path]) -> dict[Path, str]:
    """A distinct, readable base name of the feedback files of every input.

    The file's stem (``LSR_0404011_2025``); ``X_jpg`` and ``X_png`` when two inputs share a stem; the folder
    name in front when they also share the extension (two ``X.xlsx`` in different subfolders); a number
    at the end only if even that is not unique. Compared without case (Windows file names)."""
    stems = Counter(p.stem.casefold() for p in paths)
    names = {p: p.stem if stems[p.stem.casefold()] == 1 else f"{p.stem}_{p.suffix.lstrip('.')}" for p in paths}
    folders: dict[str, set[str]] = {}
    for p, n in names.items():
        folders.setdefault(n.casefold(), set()).add(p.parent.name)
    names = {p: f"{p.parent.name}_{n}" if len(folders[n.casefold()]) > 1 else n for p, n in names.items()}
    used: set[str] = set()
    for p in paths:
        base, name, k = names[p], names[p], 2
        while name.casefold() in used:
            name, k = f"{base}_{k}", k + 1
        used.add(name.casefold())
        names[p] = name
    return names


def remove_stale_feedback(folder: Path) -> None:
    """Remove the feedback files an earlier run wrote into ``folder`` (only names the tool gives)."""
    if not folder.is_dir():
        return
    for p in folder.iterdir():
        if p.is_file() and p.name.endswith(FEEDBACK_SUFFIXES):
            p.unlink()


def outcomes(quality: list[dict], lineage: list[dict], lsrs, period: str, region: str | None) -> dict[str, Outcome]:
    """The feedback outcome of every input, by path, from the rollup's decisions."""
    counted_file = {u.unit_id: u.source for u in lsrs}
    first_copy = {}
    for row in lineage:
        if row.get("decision") in ("counted", "superseded") and row.get("sha256"):
            first_copy.setdefault(row["sha256"], row["file"])
    out = {}
    for q in quality:
        if q.get("via"):
            continue
        decision = q["decision"]
        if decision == "superseded":
            out[q["path"]] = Outcome("superseded", other_file=counted_file.get(q["lsr_id"], ""))
        elif decision == "duplicate":
            out[q["path"]] = Outcome("duplicate", other_file=first_copy.get(q["sha256"], ""))
        elif decision == "refused" and q.get("period") and q["period"] != period:
            out[q["path"]] = Outcome("other_period", run_period=period)
        elif decision == "refused":
            out[q["path"]] = Outcome("other_region", run_region=REGION_NAMES.get(region or "", region or ""),
                                     file_region=REGION_NAMES.get(q.get("region") or "", ""))
        else:
            out[q["path"]] = Outcome(decision)
    return out


def lsr_records(records: list[InputRecord]) -> list[InputRecord]:
    return [r for r in records if r.kind == "lsr"]
