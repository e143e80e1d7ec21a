"""``ksr demo``: the whole chain on bundled sample data, for anyone who wants to see it work.

Template → sample LSR workbooks (six pilot regions) with two earlier years of history and one corrected
resubmission → the demo's own archive seeded with the earlier years (``ksr archive import``) → for each
region the ROPS chain (``ksr run``: validation, feedback, regional rollup, regional Word report with
trends) → the national chain from the six regional rollups (national rollup and report) → one LSR card
with its own history and the KIS annual report figures from the same workbook (`ksr cas`).
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .cas import cas_from_workbook
from .indicators.model import REGION_NAMES
from .periods import earlier_periods
from .run import run_inbox
from .samples import write_samples
from .samples.history import write_correction, write_history_samples
from .template import build_template

ARCHIVE_NAME = "archiwum.sqlite"     # the demo keeps its own archive inside its output folder
HISTORY_YEARS = 2                    # earlier periods of sample history: three years in every series


@dataclass
class DemoResult:
    outdir: Path
    outputs: list[tuple[str, Path]] = field(default_factory=list)   # (Polish description, path)
    regions: list[tuple[str, int, int]] = field(default_factory=list)  # (region name, accepted, rejected)


def _history(outdir: Path, archive: Path, seed: int, period: str, say) -> Path:
    """Sample workbooks of the earlier periods, imported into the demo's archive (as an office would seed it)."""
    from .archive import Archive
    from .lang import join, period as period_text

    periods = earlier_periods(period, HISTORY_YEARS)
    folder = outdir / "probki_wczesniejsze_okresy"
    say(f"Archiwum: wczytuję sprawozdania LSR za {join([period_text(p) for p in periods])} (historia)...")
    paths = write_history_samples(folder, seed=seed, base_period=period, periods=tuple(periods))
    with Archive.open(archive) as arc:
        arc.import_files(paths)
    return folder


def run_demo(outdir: str | Path, *, seed: int = 2025, period: str = "2025",
             say: Callable[[str], None] = lambda _: None) -> DemoResult:
    """Run every stage on freshly generated samples; returns what was written where."""
    from .archive import Archive
    from .reports import render_report

    outdir = Path(outdir)
    result = DemoResult(outdir)
    result.outputs.append(("pusty arkusz LSR", build_template(outdir / "szablon_LSR.xlsx", period=period)))
    say("Generuję przykładowe arkusze LSR (6 województw pilotażu KSR)...")
    samples_dir = outdir / "probki"
    paths = write_samples(samples_dir, seed=seed, period=period)
    write_correction(samples_dir, seed=seed, period=period)       # a first version, corrected later (region 04)
    result.outputs.append((f"przykładowe arkusze LSR ({len(paths)})", samples_dir))
    archive = outdir / ARCHIVE_NAME
    archive.unlink(missing_ok=True)          # the demo's own archive starts afresh on every demo
    history = _history(outdir, archive, seed, period, say)
    result.outputs.append(("przykładowe arkusze LSR z wcześniejszych lat", history))
    national_inbox = outdir / "ministerstwo" / "skrzynka"
    national_inbox.mkdir(parents=True, exist_ok=True)
    for region_dir in sorted(p for p in samples_dir.iterdir() if p.is_dir()):
        name = REGION_NAMES.get(region_dir.name, region_dir.name)
        say(f"Województwo {name} (ROPS): walidacja, informacje zwrotne, zestawienie i raport...")
        run = run_inbox(region_dir, outdir / "rops" / region_dir.name, level="region", archive=archive)
        result.regions.append((name, len(run.rows("counted")), len(run.rejected)))
        rollup_file = dict(run.outputs)["zestawienie (xlsx)"]
        shutil.copy(rollup_file, national_inbox / rollup_file.name)
    result.outputs.append(("wyniki ROPS (po katalogu na województwo)", outdir / "rops"))
    say("Ministerstwo: zestawienie krajowe z 6 zestawień regionalnych i raport krajowy...")
    national = run_inbox(national_inbox, outdir / "ministerstwo" / "wyniki", level="national", archive=archive)
    result.outputs += [(f"krajowe – {d}", p) for d, p in national.outputs]

    def lsr_history(lsr_id: str, of_period: str):
        with Archive.open(archive) as arc:
            return arc.history(of_period, lsr_ids=[lsr_id])

    card = render_report(paths[0], outdir / "karta_LSR_przyklad.docx", history=lsr_history)
    result.outputs.append(("karta monitoringowa LSR (przykład)", card))
    cas = outdir / "cas_LSR_przyklad.xlsx"      # the KIS annual report figures from the same workbook (issue 13)
    cas_from_workbook(paths[0], cas)
    result.outputs.append(("dane do sprawozdania rocznego KIS (przykład)", cas))
    result.outputs.append(("archiwum przebiegów (historia do raportów)", archive))
    return result
