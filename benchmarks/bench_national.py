"""National-scale benchmark of the whole chain (issue 6; not part of the test suite).

Usage:  python benchmarks/bench_national.py [--terc PATH] [--workers 2] [--repeat 3] [--archive]

With ``--archive`` every repeat runs the chain twice, alternately without and with a fresh archive
(issue 14: the archive may add at most 10 %), and both ratios are printed.

Input: one filled LSR workbook per gmina of the official TERC file (2,477 gminy, all 16
województwa; generated and cached by ``bench_rollup.generate`` in benchmarks/out/lsr/).
Stages, timed in this process (wall clock) with peak memory (ru_maxrss of this process and
of its worker processes):
  1. baseline: bare python-calamine reading of the same files (open + to_python of every sheet),
     single process, files already in the page cache;
  2. ROPS: ``run_inbox`` for each of the 16 województwa (validation + statistics with a process
     pool, per-LSR feedback files, regional rollup workbook, regional Word report);
  3. ministry: ``run_inbox`` over the 16 regional rollup files (national rollup + national report).

The machine's speed drifts by tens of per cent within a minute (a shared VM), so the baseline is
read next to the work it is compared with: each region's files are read bare right before (even
regions) or right after (odd regions) that region's ROPS run, and all files once more around the
ministry run. The ratio is chain time / baseline time over the same stretches of time.
"""
from __future__ import annotations

import argparse
import json
import platform
import resource
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import bench_rollup  # noqa: E402  (generation of the input files is shared)

OUT = HERE / "out" / "national_chain"


def bare_calamine(paths: list[Path]) -> float:
    import python_calamine as pc
    t = time.perf_counter()
    for p in paths:
        wb = pc.CalamineWorkbook.from_path(str(p))
        for name in wb.sheet_names:
            wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        wb.close()
    return time.perf_counter() - t


def chain(workers: int | None, archive: bool = False) -> dict:
    """The whole chain, each stretch next to its baseline (see the module's docstring); with ``archive``
    every run reads its history from and is recorded in one fresh archive (ROPS and ministry alike)."""
    from ksr_reports.run import run_inbox
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    arc = OUT / "archiwum.sqlite" if archive else None
    national_inbox = OUT / "ministerstwo_skrzynka"
    national_inbox.mkdir(parents=True)
    regions = sorted(p for p in bench_rollup.LSR_DIR.iterdir() if p.is_dir())
    accepted, regional_s, bare_regional = 0, 0.0, 0.0
    stages = {"validation_s": 0.0, "rollup_s": 0.0, "outputs_s": 0.0}
    for i, region in enumerate(regions):
        files = sorted(region.glob("*.xlsx"))
        if i % 2 == 0:
            bare_regional += bare_calamine(files)
        t = time.perf_counter()
        res = run_inbox(region, OUT / "rops" / region.name, level="region", workers=workers, archive=arc)
        regional_s += time.perf_counter() - t
        if i % 2 == 1:
            bare_regional += bare_calamine(files)
        accepted += len(res.rows("counted"))
        for k in stages:
            stages[k] += res.timings[k]
        xlsx = dict(res.outputs)["zestawienie (xlsx)"]
        shutil.copy(xlsx, national_inbox / xlsx.name)
    every = [f for region in regions for f in sorted(region.glob("*.xlsx"))]
    before = bare_calamine(every)
    t = time.perf_counter()
    national = run_inbox(national_inbox, OUT / "ministerstwo_wyniki", level="national", workers=workers, archive=arc)
    national_s = time.perf_counter() - t
    after = bare_calamine(every)
    from ksr_reports.rollup import load_rollup
    lsrs = len(load_rollup(dict(national.outputs)["zestawienie (xlsx)"]).lsrs)
    total, bare_ministry = regional_s + national_s, (before + after) / 2
    # the ministry run is compared with the same baseline (all files) read just around it
    calamine_s = bare_regional * regional_s / total + bare_ministry * national_s / total
    return {"regional_s": regional_s, "national_s": national_s, "total_s": total, "accepted": accepted,
            "national_lsrs": lsrs, "regions": len(regions), "calamine_s": calamine_s,
            "calamine_regional_s": bare_regional, "calamine_around_ministry_s": bare_ministry,
            "ratio": total / calamine_s,
            # the reading stage alone: validation + statistics of every LSR file (both cores) against
            # the bare read of the same files next to it
            "validation_ratio": stages["validation_s"] / bare_regional,
            "rops_stages": {k: round(v, 2) for k, v in stages.items()},
            "ministry_stages": {k: round(v, 2) for k, v in national.timings.items()}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--terc", type=Path, default=bench_rollup.DEFAULT_TERC)
    ap.add_argument("--workers", type=int, default=None, help="processes for validation (default: by input size)")
    ap.add_argument("--repeat", type=int, default=1, help="runs of the chain with its interleaved baseline (median reported)")
    ap.add_argument("--archive", action="store_true", help="also run with an archive, alternating (issue 14)")
    args = ap.parse_args()
    paths = bench_rollup.generate(args.terc, 2)
    for p in paths:                   # warm the page cache: both sides then read from memory
        p.read_bytes()
    runs, archived = [], []
    for i in range(max(1, args.repeat)):
        if args.archive:
            with_archive = chain(args.workers, archive=True)
            archived.append(with_archive)
            print(f"run {i + 1} with an archive: chain {with_archive['total_s']:.1f} s, ratio "
                  f"{with_archive['ratio']:.2f}×", file=sys.stderr)
        res = chain(args.workers)
        runs.append(res)
        base = res["calamine_s"]
        print(f"run {i + 1}: bare calamine {base:.1f} s (next to the ROPS runs {res['calamine_regional_s']:.1f}, "
              f"around the ministry run {res['calamine_around_ministry_s']:.1f}); chain "
              f"{res['total_s']:.1f} s (16 ROPS runs {res['regional_s']:.1f} s: validation "
              f"{res['rops_stages']['validation_s']:.1f} s, outputs {res['rops_stages']['outputs_s']:.1f} s; ministry "
              f"run {res['national_s']:.1f} s); ratio {res['ratio']:.2f}× (validation stage alone "
              f"{res['validation_ratio']:.2f}×)", file=sys.stderr)
    res = sorted(runs, key=lambda r: r["ratio"])[len(runs) // 2]       # the median run
    res.update(files=len(paths), ratios=[round(r["ratio"], 2) for r in runs],
               peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
               workers_peak_mb=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
               machine=f"{platform.machine()}, {platform.python_version()}, cores={__import__('os').cpu_count()}")
    print(json.dumps(res, indent=2))
    print(f"\n{res['files']} LSR files, median of {len(runs)} run(s): bare calamine {res['calamine_s']:.1f} s; "
          f"chain {res['total_s']:.1f} s (16 ROPS runs {res['regional_s']:.1f} s + ministry run "
          f"{res['national_s']:.1f} s); ratio {res['ratio']:.2f}× (all runs: {res['ratios']}); peak memory "
          f"{res['peak_mb']:.0f} MB (+ workers {res['workers_peak_mb']:.0f} MB)")
    if archived:
        arc = sorted(archived, key=lambda r: r["ratio"])[len(archived) // 2]
        print(f"with an archive: chain {arc['total_s']:.1f} s, ratio {arc['ratio']:.2f}× (all runs: "
              f"{[round(r['ratio'], 2) for r in archived]}); without: {res['ratio']:.2f}×; the archive adds "
              f"{(arc['ratio'] / res['ratio'] - 1) * 100:+.1f} % (median against median)")


if __name__ == "__main__":
    main()
