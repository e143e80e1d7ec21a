"""Helpers for report tests: in-memory rollups built from the sample workbooks."""
from __future__ import annotations

from ksr_reports.indicators import lsr_stats
from ksr_reports.indicators.model import Rollup, Unit
from ksr_reports.rollup.texts import lsr_texts


def units_from_reports(reports) -> list[Unit]:
    return [Unit(r.lsr_id, r.data.form["lsr_name"], "lsr", r.lsr_id[:2], r.period, lsr_stats(r.data), str(r.path),
                 texts=lsr_texts(r.data)) for r in reports]


def quality_rows(reports) -> list[dict]:
    return [{"path": str(r.path), "lsr_id": r.lsr_id, "status": r.status, "errors": len(r.errors),
             "warnings": len(r.warnings), "note": ""} for r in reports]


def region_rollup(reports, region: str) -> Rollup:
    mine = [r for r in reports if r.lsr_id.startswith(region)]
    return Rollup("region", "2025", region, units_from_reports(mine), quality_rows(mine))


def national_rollup(reports) -> Rollup:
    return Rollup("national", "2025", None, units_from_reports(reports), quality_rows(reports))
