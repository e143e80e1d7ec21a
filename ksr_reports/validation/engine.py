"""Run every check on a file: pre-flight, read, then all checks; never raises for bad input.

A file that cannot be read at all (wrong format, encrypted, zip bomb, not our template)
gets status ``unreadable`` and one file-level finding; every other file gets all findings
of all checks, not just the first.
"""
from __future__ import annotations

from pathlib import Path

from .. import spec as S
from ..fileutil import is_input_name, sha256_of
from ..errors import UsageError
from ..reader import ReadError, read_raw, to_typed
from . import check_codes, check_cells, check_cross, check_structure, check_v2
from ..intake.workbook import refusal_of
from .catalogue import Code, finding, os_error_text
from .context import Context
from .locate import is_date_cell, label_of
from ..intake import FATAL, Package, Refusal, huge_numbers, preflight, quiet_stderr, tell_debug
from ..intake.kinds import extension_note
from .report import FileReport, RunReport
from .scan import scan_workbook
from .terc import as_register

CHECKS = check_structure.CHECKS + check_cells.CHECKS + check_codes.CHECKS + check_cross.CHECKS + check_v2.CHECKS




def _unreadable(report: FileReport, code: Code, **params) -> FileReport:
    report.unreadable = True
    report.issues.append(finding(code, **params))
    return report


def _template_problem(raw) -> tuple[Code, dict] | None:
    if S.META_SHEET not in raw.sheet_names or raw.meta.get("template_id") != S.TEMPLATE_ID:
        return Code.NOT_TEMPLATE, {}
    version = raw.meta.get("template_version", "")
    if version not in S.SUPPORTED_VERSIONS:
        return Code.TEMPLATE_VERSION, {"version": version or "brak", "supported": ", ".join(S.SUPPORTED_VERSIONS)}
    return None




def _panic(report: FileReport, path: Path, error: BaseException) -> FileReport:
    """calamine crashed on a value: name the cells that can cause it, else call the file corrupt."""
    report.unreadable = True
    huge = huge_numbers(path)
    in_dates = [h for h in huge if is_date_cell(h[0], h[1])]
    for sheet, ref, value in in_dates or huge:
        report.issues.append(finding(Code.VALUE_OUT_OF_RANGE, sheet, ref, label_of(sheet, ref), value=value))
    if not report.issues:
        refusal = refusal_of(error, path)
        tell_debug(path, refusal)
        report.issues.append(finding(Code[refusal.code], **refusal.params))
    return report


def _refused(report: FileReport, path: Path, refusal: Refusal) -> FileReport:
    tell_debug(path, refusal)
    return _unreadable(report, Code[refusal.code], **refusal.params)


def validate_file(path, *, period: str | None = None, terc=None, package: Package | None = None) -> FileReport:
    """Validate one workbook and return its report; never raises for bad content.

    ``period``: the period the run collects (``PERIOD_MISMATCH`` when the workbook differs).
    ``terc``: a ``TercRegister`` (load once with ``TercRegister.load`` for many files) or a
    path to an official TERC file; enables the existence and name checks of the TERYT code.
    ``package``: the file's pre-flight, when the caller has already run it (``preflight(path)``).
    """
    path = Path(path)
    report = FileReport(path)
    try:
        package = package or preflight(path, marker=S.META_SHEET)
        report.sha256 = package.sha256 or sha256_of(path)
    except OSError as e:
        return _unreadable(report, Code.FILE_NOT_FOUND, detail=os_error_text(e))
    except Refusal as e:
        try:
            report.sha256 = sha256_of(path)      # lineage and duplicates know unreadable files too
        except OSError:
            pass
        return _refused(report, path, e)
    if package.foreign:                          # not our template: its sheets are never loaded
        return _unreadable(report, Code.NOT_TEMPLATE)
    try:
        with quiet_stderr():
            raw = read_raw(path)
    except Refusal as e:
        return _refused(report, path, e)
    except ReadError as e:
        return _unreadable(report, Code[e.code], **e.params)
    except FATAL:
        raise
    except BaseException as e:  # calamine panics (pyo3 PanicException is a BaseException), e.g. on huge dates
        return _panic(report, path, e)
    problem = _template_problem(raw)
    if problem:
        return _unreadable(report, problem[0], **problem[1])
    note = extension_note(path)
    if note:
        report.issues.append(finding(Code.FILE_EXTENSION, ext=note[0], kind=note[1]))
    data = to_typed(raw)
    report.data, report.lsr_id, report.period = data, data.lsr_id, data.period
    try:
        with quiet_stderr():
            scan = scan_workbook(path, package)
    except FATAL:
        raise
    except BaseException as e:  # the same calamine panics, in sheets the reader does not read
        report.data = report.lsr_id = report.period = None
        return _panic(report, path, e)
    ctx = Context(raw, data, package, scan, as_register(terc), period)
    _run_checks(ctx, report)
    report.issues = check_v2.explain(ctx, report.issues)
    return report


def _run_checks(ctx: Context, report: FileReport) -> None:
    for number, check in enumerate(CHECKS, start=1):
        try:
            report.issues.extend(check(ctx))
        except Exception as e:  # a bug in one check must not hide the others' findings
            # the check's name and Python's text are for developers (``ksr --debug``), the number for a report
            tell_debug(report.path, f"CHECK_FAILED {number} {check.__name__}: {type(e).__name__}: {e}")
            report.issues.append(finding(Code.CHECK_FAILED, check=number))


def collect_files(paths) -> list[Path]:
    """Files to validate: each path as given, folders searched recursively (sorted) for every file but office
    lock files and hidden ones – a .xls, .ods or .pdf in the folder is named for what it is, as ``ksr run`` does."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(f for f in p.rglob("*") if f.is_file() and is_input_name(f.name)
                            and not any(part.startswith(".") for part in f.relative_to(p).parts[:-1]))
        else:
            files.append(p)
    return files


def validate_paths(paths, *, period: str | None = None, terc=None, file_timeout: float | None = 60) -> RunReport:
    """Validate every file given (folders are searched, see ``collect_files``); the TERC file is loaded once.
    Files are read in child processes: one that crashes the reader, or takes more than
    ``file_timeout`` seconds (None: no limit), is reported, the others validated.

    Raises ``UsageError`` only for an unusable TERC file (a usage problem, not a file problem).
    """
    from functools import partial

    from ..intake.sandbox import default_workers, isolated_map

    register = as_register(terc)
    files = collect_files(paths)
    workers = default_workers(files)
    return RunReport(isolated_map(partial(validate_file, period=period, terc=register), files, workers=workers,
                                  on_crash=crashed_report, timeout=file_timeout,
                                  on_timeout=partial(timed_out_report, limit=file_timeout)))


CRASH_DETAIL = ("program czytający arkusze przerwał pracę na tym pliku – zwykle przez wartość wpisaną "
                "daleko poza tabelami albo nietypową budowę pliku")


def _refused_by_sandbox(path, code: Code, **params) -> FileReport:
    """The report of a file the sandbox gave up on (its SHA-256 still recorded when the file can be read)."""
    report = FileReport(Path(path))
    try:
        report.sha256 = sha256_of(Path(path))
    except OSError:
        pass
    return _unreadable(report, code, **params)


def crashed_report(path) -> FileReport:
    """The report of a file whose reading killed the child process (see ``ksr_reports.intake.sandbox``)."""
    return _refused_by_sandbox(path, Code.FILE_CORRUPT, detail=CRASH_DETAIL)


def timed_out_report(path, *, limit: float) -> FileReport:
    """The report of a file whose reading took more than ``limit`` seconds (the child was stopped)."""
    return _refused_by_sandbox(path, Code.FILE_TIMEOUT, limit=limit)


__all__ = ["validate_file", "validate_paths", "collect_files", "UsageError"]
