"""Synthetic inputs for the archive tests (also imported by the child processes those tests start).

Records are built in code, not read from workbooks: the archive stores what examination produced,
so the tests decide exactly what that is (statistics with ints and two-decimal floats, findings,
texts, rollup files carrying LSR rows)."""
from __future__ import annotations

import hashlib
import random

from ksr_reports.indicators import STAT_KEYS
from ksr_reports.indicators.model import Rollup, Unit
from ksr_reports.rollup.inputs import InputRecord
from ksr_reports.validation.report import Finding

DECIMAL_KEYS = {k for k in STAT_KEYS if k.startswith(("staff.fte", "funding.", "hours.", "v2.staff.fte"))}


def stats(seed) -> dict:
    """Statistics in STAT_KEYS order: counts as ints, FTE/money/hours with two decimals."""
    rng = random.Random(repr(seed))
    return {k: (round(rng.uniform(0, 5000), 2) if k in DECIMAL_KEYS else rng.randint(0, 300)) for k in STAT_KEYS}


def sha(*parts) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def lsr_record(lsr_id: str, period: str, filled_on: str, seed=0, *, status="valid", issues=(), texts=None,
               name: str | None = None) -> InputRecord:
    """The record ``examine`` gives for one LSR workbook (statistics only when it is valid)."""
    digest = sha(lsr_id, period, filled_on, seed, status)
    ok = status in ("valid", "warnings")
    return InputRecord(path=f"/skrzynka/LSR_{lsr_id}_{period}_{digest[:6]}.xlsx", sha256=digest, kind="lsr",
                       status=status, errors=sum(1 for f in issues if f.severity == "error"),
                       warnings=sum(1 for f in issues if f.severity == "warning"), lsr_id=lsr_id, period=period,
                       name=name or f"LSR w gminie {lsr_id}", filled_on=filled_on,
                       stats=stats((lsr_id, period, seed)) if ok else None, issues=list(issues),
                       texts=texts or {}, template_version="2.0")


def rollup_record(region: str, period: str, units: list[Unit], seed=0) -> InputRecord:
    digest = sha("rollup", region, period, seed)
    rollup = Rollup("region", period, region, units)
    return InputRecord(path=f"/ministerstwo/RSR_{region}_{period}.xlsx", sha256=digest, kind="rollup", status="valid",
                       period=period, rollup=rollup)


def unit_of(rec: InputRecord) -> Unit:
    return Unit(rec.lsr_id, rec.name, "lsr", rec.region, rec.period, rec.stats, source=rec.file, sha256=rec.sha256,
                filled_on=rec.filled_on, status=rec.status, texts=rec.texts)


def quality(records, decisions: dict | None = None) -> list[dict]:
    """Quality rows as the selection writes them: ``decisions`` by path, else counted/invalid/unreadable."""
    decisions = decisions or {}
    default = {"valid": "counted", "warnings": "counted", "invalid": "invalid", "unreadable": "unreadable"}
    return [{"file": r.file, "path": r.path, "via": "", "kind": r.kind, "lsr_id": r.lsr_id, "period": r.period,
             "region": r.region, "status": r.status, "decision": decisions.get(r.path, default[r.status]),
             "errors": r.errors, "warnings": r.warnings, "sha256": r.sha256, "note": ""} for r in records]


def region_run(region: str, period: str, n: int, seed=0) -> list[InputRecord]:
    """``n`` valid LSR records of one region and period (TERYT-like ids ``RR0001x``)."""
    return [lsr_record(f"{region}{i:04d}1", period, f"{period[:4]}-12-{1 + i % 28:02d}", seed) for i in range(n)]


def a_finding(severity="warning", explanation=None) -> Finding:
    return Finding(severity, "W_SKOK", "Uczestnicy", "C7", "Arkusz Uczestnicy, komórka C7: liczba wzrosła trzykrotnie.",
                   explanation=explanation)
