"""Monitoring over time inside ``ksr run`` (DESIGN §11, issue 14): the glue between the run and the archive.

Before the decisions: the archive's history of earlier periods (same kind) and the outlier warnings
(``monitoring.outliers``), so feedback, annotated copies and the quality sheet show them. After the
decisions: resubmission diffs (an older version in the same inbox, else the archive's current submission
that did not come with this run) and one transaction recording the run. Without an archive the run still
flags outliers against the region's LSRs and diffs within the inbox; history, trends and archive diffs need
the archive. The archive is opened twice for short moments (read, then write), never held during outputs.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .monitoring.history import History
from .rollup.inputs import InputRecord
from .rollup.select import decide_scope


@dataclass
class Monitoring:
    archive: Path | None
    history: History | None = None        # earlier periods from the archive (None without one)
    outliers: list[dict] = field(default_factory=list)
    resubmissions: dict = field(default_factory=dict)     # lsr_id -> monitoring.diffs.Resubmission


def before_selection(records: list[InputRecord], archive: Path | None, *, level: str, period: str | None,
                     region: str | None, thresholds=None) -> Monitoring:
    """Read the history the run needs and flag outliers on ``records`` (they gain warnings)."""
    from .archive import Archive
    from .monitoring.outliers import flag_outliers

    mon = Monitoring(Path(archive) if archive is not None else None)
    run_period, run_region = decide_scope(records, level, period, region)
    if mon.archive is not None:
        with Archive.open(mon.archive) as arc:
            mon.history = arc.history(run_period, region=run_region)
    mon.outliers = flag_outliers(records, mon.history or History.empty(run_period), thresholds)
    return mon


def _units_by_sha(records: list[InputRecord]) -> dict:
    """Every LSR unit the run saw (direct files and rows inside rollup files), by SHA-256."""
    from .indicators.model import Unit

    out = {}
    for r in records:
        if r.kind == "lsr" and r.stats is not None:
            out[r.sha256] = Unit(r.lsr_id, r.name, "lsr", r.region, r.period, r.stats, source=r.file,
                                 sha256=r.sha256, filled_on=r.filled_on, status=r.status, texts=r.texts)
        elif r.kind == "rollup" and r.rollup is not None:
            for u in r.rollup.lsrs:
                out.setdefault(u.sha256, u)
    return out


def after_selection(mon: Monitoring, records: list[InputRecord], rollup) -> None:
    """Resubmission diffs, then the run recorded in the archive (one transaction)."""
    from .archive import Archive
    from .monitoring.diffs import resubmissions

    units = _units_by_sha(records)
    superseded: dict = {}
    for row in rollup.lineage:
        unit = units.get(row.get("sha256") or "")
        if row.get("decision") == "superseded" and unit is not None:
            best = superseded.get(unit.unit_id)
            if best is None or (unit.filled_on, unit.sha256) > (best.filled_on, best.sha256):
                superseded[unit.unit_id] = unit
    archived: dict = {}
    rollup.outliers = mon.outliers
    if mon.archive is not None:
        own = {r.sha256 for r in records if r.sha256} | set(units)
        with Archive.open(mon.archive) as arc:
            archived = arc.current(rollup.period, [u.unit_id for u in rollup.lsrs], exclude=own)
            rows = list({id(q): q for q in rollup.quality + rollup.lineage}.values())   # shared rows once
            arc.record_run(level=rollup.level, period=rollup.period, region=rollup.region, records=records,
                           quality=rows)
    mon.resubmissions = resubmissions(rollup.lsrs, superseded, archived)
