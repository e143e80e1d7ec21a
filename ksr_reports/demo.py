"""``ksr demo``: the whole chain on bundled sample data, for anyone who wants to see it work."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .samples import write_samples
from .template import build_template
from .validation import validate_paths


@dataclass
class DemoResult:
    outdir: Path
    outputs: list[tuple[str, Path]] = field(default_factory=list)   # (Polish description, path)
    summary: dict = field(default_factory=dict)


def run_demo(outdir: str | Path, *, seed: int = 2025, period: str = "2025",
             say: Callable[[str], None] = lambda _: None) -> DemoResult:
    """Generate the template and samples, then validate them; returns what was written where."""
    outdir = Path(outdir)
    result = DemoResult(outdir)
    template = build_template(outdir / "szablon_LSR.xlsx", period=period)
    result.outputs.append(("pusty arkusz LSR", template))
    say("Generuję przykładowe arkusze LSR…")
    samples_dir = outdir / "probki"
    write_samples(samples_dir, seed=seed, period=period)
    result.outputs.append(("przykładowe arkusze LSR (po katalogu na województwo)", samples_dir))
    say("Sprawdzam arkusze…")
    report = validate_paths([samples_dir])
    result.summary = report.summary()
    return result
