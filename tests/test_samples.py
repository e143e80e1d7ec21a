"""Sample workbooks: deterministic, realistic, consistent, and in sync with the committed set."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ksr_reports import spec as S
from ksr_reports.balances import check_balances
from ksr_reports.reader import read_raw, to_typed
from ksr_reports.samples import PROFILES, write_samples
from ksr_reports.samples.generate import pilot_lsrs

from .conftest import ROOT, TERC

COMMITTED = ROOT / "workbooks" / "samples"


def _typed(path: Path):
    d = to_typed(read_raw(path))
    return d.form, d.grids, {k: [{c: v for c, v in r.items()} for r in rows] for k, rows in d.tables.items()}


def test_every_sample_satisfies_every_balance_and_types(sample_paths):
    assert len(sample_paths) >= 18
    for path in sample_paths:
        data = to_typed(read_raw(path))
        assert data.problems == [], path
        assert check_balances(data.grids) == [], path
        for sex, _ in S.lists.SEX:
            completed = data.grids["flow"][("completed", sex)]
            assert sum(data.grids["outcomes"].get((o, sex), 0) for o, _ in S.lists.OUTCOME) <= completed
            assert ("cis", sex) not in data.grids["outcomes"], "2.0 asks the transfer to CIS once, in the flow"


def test_samples_are_deterministic_and_seed_dependent(tmp_path, sample_paths):
    again = write_samples(tmp_path / "again")
    other = write_samples(tmp_path / "other", seed=7)
    assert [p.name for p in again] == [p.name for p in sample_paths]
    assert all(_typed(a) == _typed(b) for a, b in zip(again, sample_paths))
    assert any(_typed(a) != _typed(b) for a, b in zip(other, sample_paths))


def test_committed_samples_are_in_sync(sample_paths):
    committed = sorted(COMMITTED.rglob("*.xlsx"))
    assert [p.name for p in committed] == sorted(p.name for p in sample_paths), "run: ksr samples -o workbooks/samples"
    by_name = {p.name: p for p in sample_paths}
    for path in committed:
        assert _typed(path) == _typed(by_name[path.name]), path


def test_profiles_cover_every_weakness_and_regions():
    lsrs = pilot_lsrs()
    assert {l.profile for l in lsrs} == set(PROFILES)
    assert {l.teryt[:2] for l in lsrs} == {"04", "06", "22", "24", "26", "32"}


def test_deliberate_weaknesses_are_in_the_data(sample_paths):
    by_teryt = {to_typed(read_raw(p)).form["teryt"]: to_typed(read_raw(p)) for p in sample_paths}
    for lsr in pilot_lsrs():
        d = by_teryt[lsr.teryt]
        types = {r["type"] for r in d.tables["stakeholders"]}
        roles = {r["role"] for r in d.tables["staff"]}
        hours = d.grids["hours"]
        if lsr.profile == "no_type_c":
            assert "C" not in types
        else:
            assert "C" in types
        assert ("case_manager" in roles) == (lsr.profile != "no_case_manager")
        social_share = hours[("social", "hours")] / hours[("total", "hours")]
        assert (social_share < 2 / 3) == (lsr.profile == "low_social_hours")
        if lsr.profile == "project_only":
            assert {r["source"] for r in d.tables["funding"]} == {"esf"}
            assert all(r["time_limited"] == "yes" for r in d.tables["funding"])
        assert (d.form["auspices"] == "no") == (lsr.profile == "no_auspices")
        measured = sum(v for (m, c), v in d.grids["measures"].items() if c == "measured")
        assert (measured == 0) == (lsr.profile == "no_measures")
        areas = {r["area"] for r in d.tables["services"]}
        assert bool(areas & set(S.lists.NEW_PROFILE_AREAS)) == (lsr.profile != "narrow_profile")


def test_deliberate_v2_weaknesses_are_in_the_data(sample_paths):
    """Each 2.0 profile shows its weakness (for the 2.0 rules: cases that fire) and the others do not."""
    from ksr_reports.indicators import derive, lsr_stats
    from ksr_reports.samples.v2 import V2_PROFILES

    seen = set()
    by_teryt = {}
    for p in sample_paths:
        d = to_typed(read_raw(p))
        by_teryt[d.form["teryt"]] = (d, derive(lsr_stats(d)))
    for lsr in pilot_lsrs():
        data, ind = by_teryt[lsr.teryt]
        p = lsr.v2_profile
        seen.add(p)
        assert (ind["share.ipr_coverage"] < 0.5) == (p == "low_ipr"), lsr
        if ind["caseload.case_manager"] is not None:
            assert (ind["caseload.case_manager"] > 60) == (p == "high_caseload"), lsr
        assert (ind["followup.followed_up"] == 0) == (p == "no_followup"), lsr
        assert (data.form["supervision"] == "no") == (p == "no_supervision"), lsr
        leads = [r["kis_leads"] for r in data.tables["partnerships"]]
        assert ("yes" not in leads) == (p == "kis_not_leading" or not leads), lsr
        ops = data.grids["referrals"][("ops", "persons")]
        assert (ops == 0) == (p == "no_ops"), lsr
        assert (ind["spheres.diagnosed_per_participant"] < 1.5) == (p == "shallow_deficits"), lsr
        if lsr.profile != "project_only":
            assert (ind["share.own_income"] == 0) == (p == "low_own_income"), lsr
    assert seen == set(V2_PROFILES)


@pytest.mark.skipif(not TERC.exists(), reason="official TERC file not available")
def test_sample_teryt_codes_and_names_are_official():
    with TERC.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    gminy = {r["WOJ"] + r["POW"] + r["GMI"] + r["RODZ"]: r["NAZWA"] for r in rows if r["GMI"]}
    for lsr in pilot_lsrs():
        assert gminy.get(lsr.teryt) == lsr.gmina, lsr
