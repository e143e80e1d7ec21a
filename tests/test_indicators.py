"""Indicator model: labels for every derived indicator, exact order-independent sums, calendar months."""
from __future__ import annotations

import datetime as dt
import random

from hypothesis import given, strategies as st

from ksr_reports.indicators import DERIVED, STAT_KEYS, add_stats, derive, empty_stats
from ksr_reports.indicators.stats import add_months


def test_every_derived_indicator_has_a_polish_label():
    assert set(derive(empty_stats())) == set(DERIVED)
    assert all(label and kind in ("count", "share", "number") for label, kind in DERIVED.values())
    assert len(STAT_KEYS) == len(set(STAT_KEYS))


def test_ratios_without_denominator_are_none():
    d = derive(empty_stats())
    assert d["share.completion"] is None and d["participants"] == 0


@given(st.lists(st.integers(0, 10**11), min_size=1, max_size=60), st.integers(0, 1000))
def test_decimal_sums_exact_and_order_independent(cents, seed):
    items = [{"funding.total": c / 100} for c in cents]
    shuffled = list(items)
    random.Random(seed).shuffle(shuffled)
    total = add_stats(items)["funding.total"]
    assert total == add_stats(shuffled)["funding.total"] == round(sum(cents) / 100, 2)


def test_add_months_keeps_month_ends():
    assert add_months(dt.date(2025, 6, 30), 6) == dt.date(2025, 12, 31)
    assert add_months(dt.date(2025, 12, 31), 6) == dt.date(2026, 6, 30)
    assert add_months(dt.date(2025, 8, 31), 6) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2025, 1, 15), 6) == dt.date(2025, 7, 15)


def test_docs_list_every_indicator():
    from pathlib import Path

    from ksr_reports.rollup.docs import indicators_markdown
    doc = (Path(__file__).parent.parent / "docs" / "rollup.md").read_text(encoding="utf-8")
    assert indicators_markdown() in doc, "regenerate: python -m ksr_reports.rollup.docs"


def _recount(data: dict) -> dict:
    """The 2.0 statistics of a sample, counted by hand from the generator's data (Polish list values, plain
    loops), without the reader or ``lsr_stats``."""
    from ksr_reports import spec as S
    L = S.lists
    g, t, f = data["grids"], data["tables"], data["form"]
    out = {"lsr.v2": 1, "volunteers.f": f["volunteers_women"], "volunteers.m": f["volunteers_men"],
           "lsr.meetings": f["lsr_meetings"], "lsr.supervision": int(f["supervision"] == "TAK"),
           "lsr.konwent": int(f["konwent"] == "TAK"), "lsr.local_monitoring": int(f["local_monitoring"] == "TAK")}
    for sex in ("f", "m"):
        out[f"v2.participants.{sex}"] = g["flow"][("start", sex)] + g["flow"][("entered", sex)]
        for group, _ in L.ART1_GROUP:
            out[f"started.{group}.{sex}"] = g["started"].get((group, sex), 0)
        for row, _ in L.PROCESS:
            out[f"process.{row}.{sex}"] = g["process"].get((row, sex), 0)
    for row, _ in L.FOLLOWUP:
        out[f"followup.{row}"] = g["followup"].get((row, "persons"), 0)
    formal = {"umowa partnerska", "stowarzyszenie", "fundacja"}
    out["partnerships.kis_leads"] = sum(p["kis_leads"] == "TAK" for p in t["partnerships"])
    out["partnerships.formal_kis_leads"] = sum(p["kis_leads"] == "TAK" and p["form"] in formal for p in t["partnerships"])
    out["partnerships.evaluations"] = sum(p["evaluations"] for p in t["partnerships"])
    out["staff.supervised_fte"] = round(sum(r["fte"] for r in t["staff"] if r["supervised"] == "TAK"), 2)
    out["v2.staff.fte.case_manager"] = round(sum(r["fte"] for r in t["staff"] if r["role"] == "case manager"), 2)
    for key, label in L.ART18_SERVICE:
        rows = [r for r in t["services"] if r["art18"] == label]
        out[f"services.art18.{key}.count"] = len(rows)
        out[f"services.art18.{key}.participants"] = sum(r["participants"] for r in rows)
        out[f"services.art18.{key}.hours"] = sum(r["hours"] for r in rows)
    for key, label in (("alcohol_program", "gminny program profilaktyki i rozwiązywania problemów alkoholowych"),
                       ("pfron", "PFRON")):
        out[f"funding.source.{key}"] = sum(r["amount"] for r in t["funding"] if r["source"] == label)
    out["explanations"] = len(t["explanations"])
    return out


def test_v2_statistics_of_samples_recomputed_by_hand(sample_paths):
    from ksr_reports.reader import read_raw, to_typed
    from ksr_reports.indicators import lsr_stats
    from ksr_reports.indicators.stats import V2_KEYS
    from ksr_reports.samples.generate import generate_lsr, pilot_lsrs

    by_name = {p.name: p for p in sample_paths}
    checked, nonzero = 0, set()
    for lsr in pilot_lsrs():
        data = generate_lsr(lsr, "2025", random.Random(f"2025:{lsr.teryt}:2025"))     # write_samples' seed
        st = lsr_stats(to_typed(read_raw(by_name[f"LSR_{lsr.teryt}_2025.xlsx"])))
        expected = _recount(data)
        assert {k: st[k] for k in expected} == expected, lsr
        nonzero |= {k for k in (*V2_KEYS, *expected) if st[k]}
        checked += 1
    assert checked == 24
    # the samples exercise the new items (none of these is 0 everywhere)
    assert {"process.co_decided.f", "followup.fu_employed", "services.art18.legal_advice.count",
            "funding.source.pfron", "funding.source.alcohol_program", "partnerships.formal_kis_leads",
            "staff.supervised_fte", "explanations", "volunteers.m"} <= nonzero


def test_v2_indicators_not_reported_without_v2_lsrs_and_use_v2_denominators():
    from ksr_reports.indicators.derive import V2_DERIVED
    v1 = empty_stats() | {"lsr.count": 1, "flow.start.f": 10, "staff.fte.role.case_manager": 1.0}
    assert all(derive(v1)[k] is None for k in V2_DERIVED)
    v2 = empty_stats() | {"lsr.count": 1, "lsr.v2": 1, "flow.start.f": 20, "v2.participants.f": 20,
                          "process.with_plan.f": 15, "v2.staff.fte.case_manager": 0.5,
                          "v2.participants_with_cm": 20}
    mixed = add_stats([v1, v2])
    d = derive(mixed)
    assert d["share.ipr_coverage"] == 15 / 20          # not 15 / 30: the 1.0 LSR did not report plans
    assert d["caseload.case_manager"] == 20 / 0.5 and d["lsr.v2"] == 1
    assert d["share.followup_coverage"] is None and d["share.lsr_supervision"] == 0


def test_caseload_counts_only_participants_of_lsrs_with_a_case_manager(sample_paths):
    """Two 2.0 LSRs, one without case-manager FTE: its participants are not spread over the other's case
    managers, so the regional caseload equals the caseload of the LSR that has one."""
    import copy

    from ksr_reports.indicators import lsr_stats
    from ksr_reports.reader import read_raw, to_typed
    datas = [to_typed(read_raw(p)) for p in sample_paths[:2]]
    with_cm = next(d for d in datas if any(r.get("role") == "case_manager" for r in d.tables["staff"]))
    without = copy.deepcopy(with_cm)
    without.tables["staff"] = [r for r in without.tables["staff"] if r.get("role") != "case_manager"]
    a, b = lsr_stats(with_cm), lsr_stats(without)
    assert a["v2.participants_with_cm"] == a["v2.participants.f"] + a["v2.participants.m"] > 0
    assert b["v2.staff.fte.case_manager"] == 0 and b["v2.participants_with_cm"] == 0
    assert b["v2.participants.f"] + b["v2.participants.m"] > 0      # it does have participants
    region = derive(add_stats([a, b]))["caseload.case_manager"]
    assert region == derive(a)["caseload.case_manager"]
    assert region == (a["v2.participants.f"] + a["v2.participants.m"]) / a["v2.staff.fte.case_manager"]
