"""Both routes to the national figures agree: LSR → national == LSR → region → national, exactly."""
from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from ksr_reports.indicators import STAT_KEYS, add_stats
from ksr_reports.indicators.model import REGION_NAMES, Rollup, Unit
from ksr_reports.rollup import build_rollup, load_rollup, write_rollup

DECIMAL_PREFIXES = ("staff.fte", "services.hours", "services.in_kind", "funding.")


def _is_decimal(key: str) -> bool:
    return key.startswith(DECIMAL_PREFIXES) or (key.startswith("services.") and key.endswith(".hours"))


def test_national_from_regional_files_equals_direct(sample_paths, tmp_path):
    by_region: dict[str, list[Path]] = {}
    for p in sample_paths:
        by_region.setdefault(p.parent.name, []).append(p)
    regional = [write_rollup(build_rollup(ps, level="region"), tmp_path / "rsr" / f"RSR_{code}.xlsx")
                for code, ps in sorted(by_region.items())]
    assert len(regional) == 6
    via_regions = build_rollup(regional, level="national")
    direct = build_rollup(sample_paths, level="national")
    assert len(direct.lsrs) == 24
    assert [(u.unit_id, u.sha256) for u in via_regions.lsrs] == [(u.unit_id, u.sha256) for u in direct.lsrs]
    for a, b in zip(via_regions.lsrs, direct.lsrs):
        assert a.stats == b.stats                      # every stat key of every LSR, exactly
    assert via_regions.totals == direct.totals
    assert [u.stats for u in via_regions.units] == [u.stats for u in direct.units]
    # a mix of both routes counts every LSR once and reports the duplication
    mixed = build_rollup(regional + sample_paths[:5], level="national")
    assert mixed.totals == direct.totals and len(mixed.lsrs) == 24
    duplicates = [x for x in mixed.lineage if x["via"] and x["decision"] == "duplicate"]
    assert len(duplicates) == 5 and all("policzono raz" in x["note"] for x in duplicates)
    # the national workbook reads back to the same figures
    back = load_rollup(write_rollup(via_regions, tmp_path / "ksr.xlsx"))
    assert back.totals == direct.totals


def _stats_strategy():
    """Random valid statistics of one LSR: counts are ints, FTE/hours/PLN have two decimals."""
    def value(key):
        if key == "lsr.count":
            return st.just(1)
        if _is_decimal(key):
            return st.integers(0, 10**9).map(lambda cents: round(cents / 100, 2))
        return st.integers(0, 5000)
    return st.fixed_dictionaries({k: value(k) for k in STAT_KEYS})


REGIONS = [code for code, _ in REGION_NAMES.items()]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(stats=st.lists(_stats_strategy(), min_size=1, max_size=8), seed=st.integers(0, 2**32),
       data=st.data())
def test_regional_then_national_equals_direct(tmp_path_factory, stats, seed, data):
    regions = data.draw(st.lists(st.sampled_from(REGIONS), min_size=len(stats), max_size=len(stats)))
    units = [Unit(f"{reg}{i:04d}1", f"LSR {i}", "lsr", reg, "2025", s, source=f"LSR_{i}.xlsx",
                  sha256=f"{i:064x}", filled_on="2026-01-10")
             for i, (reg, s) in enumerate(zip(regions, stats))]
    out = tmp_path_factory.mktemp("prop")
    files = []
    for reg in sorted(set(regions)):
        mine = [u for u in units if u.region == reg]
        files.append(write_rollup(Rollup("region", "2025", reg, mine, generated_on="2026-01-10"), out / f"{reg}.xlsx"))
    national = build_rollup(files, level="national")
    shuffled = list(stats)
    random.Random(seed).shuffle(shuffled)
    assert national.totals == add_stats(shuffled)
    assert {u.unit_id: u.stats for u in national.lsrs} == {u.unit_id: u.stats for u in units}
