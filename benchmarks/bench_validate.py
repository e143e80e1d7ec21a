"""Validation speed against bare python-calamine reading of the same files, in the same run.

    python benchmarks/bench_validate.py [--copies 500]

Times (1) validating every bundled sample, (2) validating N copies of them, and (3) the
baseline: opening each of those files with python-calamine and calling ``to_python()`` on
every sheet. Prints totals, per-file milliseconds and the ratio validate / bare calamine.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import python_calamine as pc

from ksr_reports.validation import validate_file

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "workbooks" / "samples").rglob("*.xlsx"))


def bare_calamine(path: Path) -> None:
    wb = pc.CalamineWorkbook.from_path(str(path))
    for name in wb.sheet_names:
        wb.get_sheet_by_name(name).to_python()
    wb.close()


def timed(fn, paths: list[Path]) -> tuple[float, list[float]]:
    per_file = []
    start = time.perf_counter()
    for p in paths:
        t = time.perf_counter()
        fn(p)
        per_file.append(time.perf_counter() - t)
    return time.perf_counter() - start, per_file


def check_valid(path: Path) -> None:
    report = validate_file(path)
    assert report.status == "valid", (path, report.issues)


def row(label: str, total: float, per_file: list[float]) -> str:
    ms = [x * 1000 for x in per_file]
    return (f"{label:<34} {total:8.3f} s  {len(ms):4d} files  mean {statistics.mean(ms):6.2f} ms  "
            f"median {statistics.median(ms):6.2f} ms  max {max(ms):6.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        copies = [Path(tmp) / f"copy_{i:04d}.xlsx" for i in range(args.copies)]
        for i, dst in enumerate(copies):
            shutil.copyfile(SAMPLES[i % len(SAMPLES)], dst)
        validate_file(SAMPLES[0])        # warm-up: imports, caches
        bare_calamine(SAMPLES[0])
        results = {
            "validate: all samples": timed(check_valid, SAMPLES),
            "bare calamine: all samples": timed(bare_calamine, SAMPLES),
            f"validate: {args.copies} copies": timed(check_valid, copies),
            f"bare calamine: {args.copies} copies": timed(bare_calamine, copies),
        }
    for label, (total, per_file) in results.items():
        print(row(label, total, per_file))
    for what in ("all samples", f"{args.copies} copies"):
        ratio = results[f"validate: {what}"][0] / results[f"bare calamine: {what}"][0]
        print(f"ratio validate / bare calamine ({what}): {ratio:.2f}×")


if __name__ == "__main__":
    main()
