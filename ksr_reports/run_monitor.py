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
    period: str = ""                      # the run's period and (regionally) województwo, decided once here
    region: str | None = None
    history: History | None = None        # earlier periods from the archive (None without one)
    outliers: list[dict] = field(default_factory=list)
    resubmissions: dict = field(default_factory=dict)     # lsr_id -> monitoring.diffs.Resubmission


def before_selection(records: list[InputRecord], archive: Path | None, *, level: str, period: str | None,
                     region: str | None, thresholds=None) -> Monitoring:
    """Read the history the run needs and flag outliers on ``records`` (they gain warnings)."""
    from .archive import Archive
    from .monitoring.outliers import flag_outliers
    from .recommendations.config import load_thresholds

    run_period, run_region = decide_scope(records, level, period, region)
    mon = Monitoring(Path(archive) if archive is not None else None, run_period, run_region)
    if mon.archive is not None:
        with Archive.open(mon.archive) as arc:
            mon.history = arc.history(run_period, region=run_region)
    loaded = thresholds if isinstance(thresholds, dict) else load_thresholds(thresholds)   # files read here, once
    mon.outliers = flag_outliers(records, mon.history or History.empty(run_period), loaded, region=run_region)
    return mon


def _versions(records: list[InputRecord]) -> dict:
    """Every LSR submission the run saw (direct files and rows inside rollup files), by SHA-256, with what
    ``indicators.model.recency`` ranks it by: (unit, file time, rollup file name, path)."""
    out = {}
    for r in records:
        if r.kind == "lsr" and r.stats is not None:
            out[r.sha256] = (r.unit(), r.mtime, "", r.path)
        elif r.kind == "rollup" and r.rollup is not None:
            for u in r.rollup.lsrs:
                out.setdefault(u.sha256, (u, 0.0, r.file, r.path))
    return out


def _newest_superseded(rollup, versions: dict) -> dict:
    """lsr_id -> the newest version this run superseded (the one a correction replaces), ranked as the
    selection ranks versions."""
    from .indicators.model import recency

    best: dict = {}
    for row in rollup.lineage:
        version = versions.get(row.get("sha256") or "")
        if row.get("decision") != "superseded" or version is None:
            continue
        unit = version[0]
        if unit.unit_id not in best or recency(*version) > recency(*best[unit.unit_id]):
            best[unit.unit_id] = version
    return {lsr: v[0] for lsr, v in best.items()}


def after_selection(mon: Monitoring, records: list[InputRecord], rollup) -> None:
    """Resubmission diffs, then the run recorded in the archive (one transaction)."""
    from .archive import Archive
    from .monitoring.diffs import resubmissions

    versions = _versions(records)
    superseded = _newest_superseded(rollup, versions)
    archived: dict = {}
    rollup.outliers = mon.outliers
    if mon.archive is not None:
        own = {r.sha256 for r in records if r.sha256} | set(versions)
        with Archive.open(mon.archive) as arc:
            archived = arc.current(rollup.period, [u.unit_id for u in rollup.lsrs], exclude=own)
            rows = list({id(q): q for q in rollup.quality + rollup.lineage}.values())   # shared rows once
            arc.record_run(level=rollup.level, period=rollup.period, region=rollup.region, records=records,
                           quality=rows)
    mon.resubmissions = resubmissions(rollup.lsrs, superseded, archived)
