"""Time the three Word reports (with charts) on the bundled samples.

Run: ``python benchmarks/bench_report.py``. Target (issue 5): national report < 5 s.
Prints the LSR card, the regional and the national report times (best of 3) and, as a
baseline from the same run, the time to validate all sample workbooks.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ksr_reports.indicators import lsr_stats  # noqa: E402
from ksr_reports.indicators.model import Rollup, Unit  # noqa: E402
from ksr_reports.reports import render_lsr_card, render_rollup_report  # noqa: E402
from ksr_reports.samples import write_samples  # noqa: E402
from ksr_reports.validation import validate_file  # noqa: E402


def best_of(fn, n: int = 3) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    paths = write_samples(tmp / "samples")
    t = time.perf_counter()
    reports = [validate_file(p) for p in paths]
    validate_time = time.perf_counter() - t
    units = [Unit(r.lsr_id, r.data.form["lsr_name"], "lsr", r.lsr_id[:2], r.period, lsr_stats(r.data)) for r in reports]
    region = Rollup("region", "2025", "04", [u for u in units if u.region == "04"])
    national = Rollup("national", "2025", None, units)
    card = best_of(lambda: render_lsr_card(reports[0], tmp / "karta.docx"))
    reg = best_of(lambda: render_rollup_report(region, tmp / "rsr.docx"))
    nat = best_of(lambda: render_rollup_report(national, tmp / "ksr.docx"))
    print(f"baseline: validate {len(paths)} sample workbooks: {validate_time:.2f} s")
    print(f"LSR card:          {card:.2f} s ({card / validate_time:.1f}x baseline)")
    print(f"regional report:   {reg:.2f} s ({reg / validate_time:.1f}x baseline, {len(region.lsrs)} LSR)")
    print(f"national report:   {nat:.2f} s ({nat / validate_time:.1f}x baseline, {len(units)} LSR) – target < 5 s")


if __name__ == "__main__":
    main()
