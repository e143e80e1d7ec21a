"""Benchmark of the rollup (not part of the test suite): ≥ 2,000 LSR workbooks, one per real gmina.

Usage:  python benchmarks/bench_rollup.py [--terc PATH] [--workers 2] [--sizes 500,1000,2000]

1. Generates one filled LSR workbook per gmina of the official TERC file (all 16 województwa)
   with 2 processes, cached in benchmarks/out/lsr/ (git-ignored; reused when present).
2. Times, each stage in a fresh subprocess (so peak memory is per stage): bare python-calamine
   reading of the same files (open + to_python of every sheet) – the baseline; national rollup
   directly from all files (1 process and ``--workers``); 16 regional rollups (written to
   files) + the national rollup from the 16 regional files; and the direct national rollup at
   growing sizes to show linear growth.
Peak memory is ``ru_maxrss`` of the stage process and of its worker processes.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import resource
import subprocess
import sys
import time
from multiprocessing import Pool
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
LSR_DIR = OUT / "lsr"
# The official register lies in shared/ beside the checkout (or beside a worktree folder).
DEFAULT_TERC = next((p for p in (HERE.parent.parent / "shared" / "data" / "TERC_Urzedowy_2022-01-01.csv",
                                 HERE.parent.parent.parent / "shared" / "data" / "TERC_Urzedowy_2022-01-01.csv")
                     if p.exists()), HERE.parent.parent / "shared" / "data" / "TERC_Urzedowy_2022-01-01.csv")
PERIOD = "2025"


def gminy_from_terc(terc: Path) -> list[tuple[str, str, str, str]]:
    """(teryt, gmina, powiat, województwo) of every gmina (types 1, 2, 3) in the TERC file."""
    with terc.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    powiaty = {(r["WOJ"], r["POW"]): r["NAZWA"] for r in rows if r["POW"] and not r["GMI"]}
    woj = {r["WOJ"]: r["NAZWA"] for r in rows if not r["POW"]}
    return [(r["WOJ"] + r["POW"] + r["GMI"] + r["RODZ"], r["NAZWA"], powiaty[(r["WOJ"], r["POW"])], woj[r["WOJ"]])
            for r in rows if r["GMI"] and r["RODZ"] in ("1", "2", "3")]


def _generate_one(item) -> str:
    from ksr_reports.samples import PROFILES, SampleLsr, generate_lsr
    from ksr_reports.template import build_template

    i, (teryt, gmina, powiat, woj) = item
    path = LSR_DIR / teryt[:2] / f"LSR_{teryt}_{PERIOD}.xlsx"
    if not path.exists():
        lsr = SampleLsr(teryt, gmina, powiat, woj.lower(), PROFILES[i % len(PROFILES)])
        data = generate_lsr(lsr, PERIOD, random.Random(f"bench:{teryt}"))
        tmp = path.with_suffix(".tmp.xlsx")
        build_template(tmp, data=data)
        tmp.rename(path)
    return str(path)


def generate(terc: Path, workers: int) -> list[Path]:
    gminy = gminy_from_terc(terc)
    for code in {g[0][:2] for g in gminy}:
        (LSR_DIR / code).mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    with Pool(workers) as pool:
        paths = pool.map(_generate_one, list(enumerate(gminy)), chunksize=16)
    print(f"generated/cached {len(paths)} files in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    return [Path(p) for p in paths]


# ---------------------------------------------------------------- stages (run in a subprocess each)

def stage_calamine(paths: list[Path]) -> None:
    import python_calamine as pc
    for p in paths:
        wb = pc.CalamineWorkbook.from_path(str(p))
        for name in wb.sheet_names:
            wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        wb.close()


def stage_national(paths: list[Path], workers: int) -> None:
    from ksr_reports.rollup import build_rollup, write_rollup
    r = build_rollup(paths, level="national", workers=workers)
    write_rollup(r, OUT / f"national_direct_{len(paths)}.xlsx")
    assert len(r.lsrs) == len(paths)


def stage_regional(paths: list[Path], workers: int) -> None:
    from ksr_reports.rollup import build_rollup, write_rollup
    by_region: dict[str, list[Path]] = {}
    for p in paths:
        by_region.setdefault(p.parent.name, []).append(p)
    regional = OUT / "regional"
    for code, files in sorted(by_region.items()):
        write_rollup(build_rollup(files, level="region", workers=workers), regional / f"RSR_{code}.xlsx")


def stage_from_regional(workers: int) -> None:
    from ksr_reports.rollup import build_rollup, write_rollup
    r = build_rollup([OUT / "regional"], level="national", workers=workers)
    write_rollup(r, OUT / "national_from_regional.xlsx")


def run_stage(args) -> None:
    paths = json.loads(Path(args.paths_file).read_text())[: args.n]
    paths = [Path(p) for p in paths]
    t = time.perf_counter()
    if args.stage == "calamine":
        stage_calamine(paths)
    elif args.stage == "national":
        stage_national(paths, args.workers)
    elif args.stage == "regional":
        stage_regional(paths, args.workers)
    elif args.stage == "from_regional":
        stage_from_regional(args.workers)
    elapsed = time.perf_counter() - t
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"seconds": elapsed, "maxrss_mb": own, "workers_maxrss_mb": children}))


def measure(stage: str, n: int, workers: int, paths_file: Path) -> dict:
    cmd = [sys.executable, __file__, "--stage", stage, "--n", str(n), "--workers", str(workers),
           "--paths-file", str(paths_file)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    res = json.loads(out.strip().splitlines()[-1])
    res.update(stage=stage, files=n, workers=workers, per_file_ms=1000 * res["seconds"] / n)
    return res


def report(rows: list[dict]) -> None:
    base = {r["files"]: r["seconds"] for r in rows if r["stage"] == "calamine"}
    print(f"\n{'stage':<16}{'files':>7}{'workers':>8}{'time s':>9}{'ms/file':>9}{'× calamine':>12}"
          f"{'peak MB':>9}{'workers MB':>12}")
    for r in rows:
        ratio = r["seconds"] / base[r["files"]] if r["files"] in base else float("nan")
        print(f"{r['stage']:<16}{r['files']:>7}{r['workers']:>8}{r['seconds']:>9.2f}{r['per_file_ms']:>9.2f}"
              f"{ratio:>12.2f}{r['maxrss_mb']:>9.0f}{r['workers_maxrss_mb']:>12.0f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--terc", type=Path, default=DEFAULT_TERC)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sizes", default="500,1000,2000")
    ap.add_argument("--stage")
    ap.add_argument("--n", type=int)
    ap.add_argument("--paths-file")
    args = ap.parse_args()
    if args.stage:
        return run_stage(args)
    if not args.terc.exists():
        sys.exit(f"TERC file not found: {args.terc} (pass --terc)")
    paths = generate(args.terc, args.workers)
    paths_file = OUT / "paths.json"
    random.Random(1).shuffle(paths)          # subsets span all regions
    paths_file.write_text(json.dumps([str(p) for p in paths]))
    for p in paths:                           # warm the page cache so every stage reads from memory
        p.read_bytes()
    n_all = len(paths)
    rows = [measure("calamine", n_all, 1, paths_file),
            measure("national", n_all, 1, paths_file),
            measure("national", n_all, args.workers, paths_file),
            measure("regional", n_all, args.workers, paths_file),
            measure("from_regional", n_all, args.workers, paths_file)]
    for n in (int(x) for x in args.sizes.split(",")):
        if n < n_all:
            rows += [measure("calamine", n, 1, paths_file), measure("national", n, args.workers, paths_file)]
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    report(rows)


if __name__ == "__main__":
    main()
