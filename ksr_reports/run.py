"""``ksr run``: one command for a ROPS inbox (or the ministry's folder) — DESIGN §8, issue 6.

Every file in the inbox is examined once (validation + statistics, in child processes, on both
cores for large inboxes; a file that crashes the reader costs only itself); each LSR file gets feedback (a short Polish text and, when there are findings, an
annotated copy); the rollup workbook and the Word report are written; a run summary says
what was accepted, rejected, superseded, duplicated and missing. Inputs are never modified;
the same inbox always gives the same outputs.
"""
from __future__ import annotations

import json
import time
from collections import Counter
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .errors import KsrError, UsageError
from .indicators.model import REGION_NAMES
from .lang import count
from .monitoring.outliers import CODES as OUTLIER_CODES
from .pool import process_pool, submit
from .recommendations.config import load_thresholds
from .rollup import rollup_records, write_rollup
from .rollup.inputs import InputRecord, examine_all
from .rollup.layout import FAILED_DECISIONS
from .rollup.register import read_register
from .run_files import (FEEDBACK_DIR, feedback_names, inbox_files, misnamed_text, lsr_records, outcomes,
                        remove_stale_feedback)
from .run_monitor import after_selection, before_selection
from .run_summary import summary_text
from .intake.sandbox import default_workers
from .validation import FileReport
from .validation.annotate import annotate_many
from .validation.feedback import Outcome, feedback_text, outcome_of
from .validation.terc import as_register


@dataclass
class RunResult:
    outdir: Path
    level: str
    period: str
    region: str | None
    quality: list[dict] = field(default_factory=list)
    completeness: dict | None = None
    outputs: list[tuple[str, Path]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)   # seconds per stage (for benchmarks; not saved)
    decided: dict[str, Outcome] = field(default_factory=dict)  # feedback outcome of every input, by path
    skipped: int = 0      # files in the inbox the tool itself wrote (never inputs)
    misnamed: list[str] = field(default_factory=list)   # files left unread: their names are not valid UTF-8
    archive: Path | None = None    # the archive the run read its history from and was recorded in
    outliers: list[dict] = field(default_factory=list)       # values to explain (monitoring.outliers)
    resubmissions: dict = field(default_factory=dict)        # lsr_id -> monitoring.diffs.Resubmission

    def rows(self, *decisions: str) -> list[dict]:
        return [q for q in self.quality if q["decision"] in decisions and not q.get("via")]

    @property
    def rejected(self) -> list[dict]:
        return self.rows(*FAILED_DECISIONS)

    @property
    def exit_code(self) -> int:
        return 1 if self.rejected or self.misnamed else 0

    def summary_text(self) -> str:
        """The Polish run summary shown on screen and saved as podsumowanie.txt."""
        return summary_text(self)


def choose_level(records: list[InputRecord]) -> str:
    """Regional when most LSR files share one województwo (a ROPS inbox; strays are refused), national
    when rollup files are present or no województwo has a majority (the ministry's folder)."""
    if any(r.kind == "rollup" for r in records):
        return "national"
    regions = Counter(r.region for r in records if r.kind == "lsr" and r.lsr_id)
    if not regions:
        return "region"
    return "region" if regions.most_common(1)[0][1] * 2 > sum(regions.values()) else "national"


def _write_texts(items: list[tuple[Path, FileReport, Outcome]]) -> None:
    for path, report, outcome in items:
        path.write_text(feedback_text(report, outcome), encoding="utf-8")


def _feedback(records: list[InputRecord], decided: dict[str, Outcome], outdir: Path,
              executor=None) -> tuple[int, list[str], Future]:
    """Per-LSR feedback: a text for every LSR file saying what the run decided, an annotated copy when
    there are findings. Feedback of an earlier run in the same folder is removed first (replaced, not mixed).

    Returns the number of files, the problems met while annotating (Polish) and the future of the
    text summaries (written on ``executor`` while the report is rendered)."""
    folder = outdir / FEEDBACK_DIR
    remove_stale_feedback(folder)
    folder.mkdir(parents=True, exist_ok=True)
    lsr = lsr_records(records)
    names = feedback_names([Path(r.path) for r in lsr])
    reports = [FileReport(Path(r.path), issues=list(r.issues), lsr_id=r.lsr_id or None, period=r.period or None,
                          sha256=r.sha256, unreadable=r.status == "unreadable") for r in lsr]
    marked = [rep for rep in reports if not rep.unreadable and any(f.code not in OUTLIER_CODES for f in rep.issues)]
    problems = annotate_many(marked, folder, executor,
                             names={rep.path: f"{names[rep.path]}_uwagi.xlsx" for rep in reports})
    texts = [(folder / f"{names[rep.path]}_uwagi.txt", rep, decided.get(str(rep.path)) or outcome_of(rep))
             for rep in reports]
    return len(reports), problems, submit(executor, _write_texts, texts)


def _add_feedback(result: RunResult, records: list[InputRecord], decided: dict[str, Outcome], outdir: Path,
                  executor) -> Future:
    """Start the feedback; the caller waits for the returned future before the run ends."""
    n, result.problems, written = _feedback(records, decided, outdir, executor)
    if n:
        result.outputs.append((f"informacje zwrotne dla LSR ({count(n, 'plik', 'pliki', 'plików')})",
                               outdir / FEEDBACK_DIR))
    return written


def _add_resubmissions(result: RunResult, rollup) -> None:
    """The counted file that replaces an earlier version says what changed (its feedback lists the changes)."""
    from dataclasses import replace

    from .monitoring.diffs import outcome_fields

    counted = {u.unit_id: u for u in rollup.lsrs}
    paths = {q["sha256"]: q["path"] for q in rollup.quality if q["decision"] == "counted" and not q.get("via")}
    for lsr_id, res in result.resubmissions.items():
        path = paths.get(counted[lsr_id].sha256) if lsr_id in counted else None
        if path in result.decided:
            result.decided[path] = replace(result.decided[path], **outcome_fields(res))


def _names(result: RunResult, level: str) -> tuple[str, str]:
    if level == "region":
        stem = f"RSR_{result.region}_{result.period}"
    else:
        stem = f"KSR_{result.period}"
    return f"{stem}.xlsx", f"{stem}.docx"


def run_inbox(inbox, outdir, *, level: str | None = None, register=None, period: str | None = None,
              region: str | None = None, terc=None, workers: int | None = None, thresholds=None,
              progress: Callable[[int, int], None] | None = None, archive=None,
              file_timeout: float | None = 60) -> RunResult:
    """Validate, give feedback, roll up and report everything in ``inbox`` into ``outdir``.

    ``region`` (a województwo code) states the region of a regional run instead of the majority of files.
    ``archive`` (a path, see ``ksr_reports.archive``) gives the reports their history and keeps the run
    (DESIGN §11); without it, outliers are checked against the region's LSRs only and diffs within the inbox.
    A file read for more than ``file_timeout`` seconds is refused (``FILE_TIMEOUT``; None: no limit)."""
    from .reports.render import start_rollup_report   # docxtpl and Pillow: only when a report is due

    inbox, outdir = Path(inbox), Path(outdir)
    _check_region(region, level)
    found = inbox_files(inbox, outdir)
    if thresholds is not None and not isinstance(thresholds, dict):
        load_thresholds(thresholds)      # a bad thresholds file stops the run before any work, not after
    expected = read_register(register, file_timeout=file_timeout) if register is not None else None
    terc = as_register(terc)
    workers = default_workers(found.files) if workers is None else workers
    started = time.perf_counter()
    records = examine_all(found.files, progress=progress, terc=terc, workers=workers,   # in child processes
                          file_timeout=file_timeout)
    examined = time.perf_counter()
    with process_pool(workers) as pool:
        level = level or ("region" if region else choose_level(records))
        mon = before_selection(records, archive, level=level, period=period, region=region, thresholds=thresholds)
        rollup = rollup_records(records, level=level, period=mon.period, expected=expected, region=mon.region)
        after_selection(mon, records, rollup)
        result = RunResult(outdir, level, rollup.period, rollup.region, rollup.quality, rollup.completeness,
                           archive=mon.archive, outliers=mon.outliers, resubmissions=mon.resubmissions)
        result.skipped = len(found.skipped)
        result.misnamed = [misnamed_text([p]) for p in sorted(found.misnamed)]
        result.decided = outcomes(rollup.quality, rollup.lineage, rollup.lsrs, rollup.period, rollup.region)
        _add_resubmissions(result, rollup)
        result.timings = {"validation_s": examined - started, "rollup_s": time.perf_counter() - examined}
        outdir.mkdir(parents=True, exist_ok=True)
        xlsx_name, docx_name = _names(result, level)
        if not rollup.lsrs:
            _add_feedback(result, records, result.decided, outdir, pool).result()
            raise KsrError("Żaden plik nie przeszedł walidacji – nie powstało zestawienie ani raport. "
                           f"Informacje zwrotne dla LSR są w katalogu {outdir / FEEDBACK_DIR}.")
        # The workbook (the longest task), the report's charts, the annotated copies and the feedback
        # texts are written on the pool, in that order, while this process renders the report.
        writing = time.perf_counter()
        xlsx = submit(pool, write_rollup, rollup, outdir / xlsx_name)
        report = start_rollup_report(rollup, thresholds=thresholds, executor=pool, history=mon.history)
        feedback = _add_feedback(result, records, result.decided, outdir, pool)
        docx = report(outdir / docx_name)
        feedback.result()
        result.outputs.append(("zestawienie (xlsx)", xlsx.result()))
        result.outputs.append(("raport (docx)", docx))
        result.timings["outputs_s"] = time.perf_counter() - writing
    summary = outdir / "podsumowanie.txt"
    result.outputs.append(("podsumowanie przebiegu", summary))
    summary.write_text(result.summary_text(), encoding="utf-8")
    (outdir / "podsumowanie.json").write_text(json.dumps(
        {"level": level, "period": result.period, "region": result.region, "exit_code": result.exit_code,
         "inputs": result.quality, "completeness": result.completeness, "outliers": result.outliers,
         "corrections": [{"lsr_id": lsr, "file": r.new.source, "previous_file": r.old.source, "previous_from": r.source,
                          "changes": [{"label": c.label, "old": c.old, "new": c.new} for c in r.changes]}
                         for lsr, r in sorted(result.resubmissions.items())],
         "outputs": sorted(p.name for _, p in result.outputs)}, ensure_ascii=False, indent=2,
        default=str), encoding="utf-8")
    return result


def _check_region(region: str | None, level: str | None) -> None:
    """A wrong --region stops the run before any file is read."""
    if region is None:
        return
    if region not in REGION_NAMES:
        known = ", ".join(f"{code} ({name})" for code, name in sorted(REGION_NAMES.items())[:2])
        raise UsageError(f"Nieznany kod województwa „{region}”. Podaj dwucyfrowy kod, np. {known}.")
    if level == "national":
        raise UsageError("Województwo (--region) podaje się tylko dla zestawienia regionalnego, a nie krajowego.")
