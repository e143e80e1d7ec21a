"""Benchmark of the archive (not part of the test suite): a national archive of 5 years × 2,477 LSRs.

Usage:  python benchmarks/bench_archive.py [--lsrs 2477] [--periods 5] [--repeat 5]

1. Records five national runs (one per year, 2,477 LSRs each, every statistic of STAT_KEYS with
   realistic values: counts as ints, FTE/money/hours with two decimals) into a fresh archive in a
   temporary folder, timing each ``record_run`` (one transaction).
2. Times ``history`` of the last year (4 earlier years × 2,477 LSRs loaded: the national report's
   history, issue 14 §6: under 0.5 s), ``current`` of all LSRs of the last year, and ``export``.
3. Baseline measured in the same run: ``json.loads`` of one statistics dict per unit loaded (what a
   JSON-object-per-row store would cost for the decoding alone).
Prints medians of ``--repeat`` runs and the archive's size.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ksr_reports.archive import Archive  # noqa: E402
from tests.test_archive_support import lsr_record, quality  # noqa: E402


def _median(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lsrs", type=int, default=2477)
    ap.add_argument("--periods", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    years = [str(2025 - args.periods + 1 + i) for i in range(args.periods)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "archiwum.sqlite"
        with Archive.open(path) as arc:
            for year in years:
                recs = [lsr_record(f"{i % 16 * 2 + 2:02d}{i:04d}1", year, f"{year}-12-01", seed=i)
                        for i in range(args.lsrs)]
                t = time.perf_counter()
                arc.record_run(level="national", period=year, region=None, records=recs, quality=quality(recs))
                print(f"record_run {year}: {args.lsrs} LSRs in {time.perf_counter() - t:.2f} s")
            last = years[-1]
            took, hist = _median(lambda: arc.history(last), args.repeat)
            units = [u for p in hist.periods for u in hist.of_period(p)]
            print(f"history({last}): {len(units)} units of {len(hist.reported)} periods in {took:.3f} s "
                  f"(median of {args.repeat})")
            ids = [u.unit_id for u in hist.of_period(hist.reported[-1])]
            took, cur = _median(lambda: arc.current(last, ids), args.repeat)
            print(f"current({last}, {len(ids)} LSRs): {len(cur)} units in {took:.3f} s")
            blobs = [json.dumps(u.stats) for u in units]
            took, _ = _median(lambda: [json.loads(b) for b in blobs], args.repeat)
            print(f"baseline: json.loads of {len(blobs)} statistics dicts: {took:.3f} s")
            t = time.perf_counter()
            arc.export(Path(tmp) / "eksport.xlsx")
            print(f"export: {time.perf_counter() - t:.1f} s, "
                  f"{(Path(tmp) / 'eksport.xlsx').stat().st_size / 1e6:.1f} MB")
        print(f"archive size: {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
