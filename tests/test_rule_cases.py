"""Every recommendation rule has a case that triggers it and one that does not (enforced, as for validation
codes), each built on one LSR whose statistics meet every rule; plus the "not reported" rule for 2.0 items
and the reform thresholds (both outcomes: recommendations, or the sentence that the evidence is too thin)."""
from __future__ import annotations

import re

import pytest

from ksr_reports.indicators.model import Unit
from ksr_reports.indicators.stats import empty_stats
from ksr_reports.recommendations import (RULES, RULES_BY_ID, criteria_met, flagged_units, for_lsr, for_units,
                                         load_thresholds, reform, reform_headline, reform_intro)
from ksr_reports.recommendations._base import TABLE5


def good_stats(**over) -> dict:
    """A 2.0 LSR meeting every rule with the default thresholds (each value near its threshold is noted)."""
    st = dict(empty_stats())
    st.update({
        "lsr.count": 1, "lsr.v2": 1, "lsr.counted_v2": 1, "lsr.auspices": 1,
        # network: 10 stakeholders, 4 of type C (40%); key partners and OPS present
        "stakeholders": 10, "stakeholders.type.A": 3, "stakeholders.type.B": 3, "stakeholders.type.C": 4,
        "stakeholders.field.social_assistance": 1, "stakeholders.field.labour_market": 1,
        "stakeholders.field.employer": 1, "stakeholders.sector.ngo": 2, "stakeholders.sector.private": 0,
        "partnerships": 2, "partnerships.formal": 2, "partnerships.formal_with_c": 1,
        "partnerships.kis_leads": 2, "partnerships.formal_kis_leads": 1, "lsr.konwent": 1,
        # staff: own case manager and triad, supervision
        "lsr.with_case_manager": 1, "lsr.with_core_triad": 1, "lsr.with_kis_case_manager": 1,
        "lsr.with_kis_core_triad": 1, "staff.fte": 5, "staff.fte.own": 4,
        "staff.fte.role.case_manager": 1, "v2.staff.fte.case_manager": 1, "lsr.supervision": 1,
        "staff.supervised_fte": 4,
        # 30 participants (start 20 + entered 10): caseload 30 per FTE; 10 of the deepest-deficit groups (33%)
        "flow.start.f": 10, "flow.start.m": 10, "flow.entered.f": 5, "flow.entered.m": 5,
        "v2.participants.f": 15, "v2.participants.m": 15,
        "participants.group.alcohol.m": 10, "participants.group.long_unemployed.f": 20,
        "referrals.ops": 4, "referrals.pup": 6,
        # plans: 25 of 30 (83%), co-decided 20 of 25 (80%)
        "process.with_plan.f": 13, "process.with_plan.m": 12, "process.co_decided.f": 10, "process.co_decided.m": 10,
        # 8 completed, 5 followed up (62%); leavers' durations: 5 over 18 months of 10
        "flow.completed.f": 4, "flow.completed.m": 4, "followup.followed_up": 5,
        "duration.12to18": 5, "duration.gt18": 5,
        "measures.communication.measured": 20,
        "hours.total": 300, "hours.social": 210,
        "lsr.new_areas_covered": 4, **{f"lsr.area_covered.{a}": 1 for a in ("health", "culture", "general_education",
                                                                             "sport")},
        "funding.total": 100000, "funding.time_limited": 20000, "funding.ending_6m": 0, "funding.own_income": 10000,
        "barriers": 2, "barriers.category.transport": 1, "barriers.category.financial": 1,
        "barriers.participation": 1, "barriers.without_action": 0, "barriers.participation_without_action": 0,
    })
    st.update(over)
    return st


# rule id -> (statistics that trigger it, statistics just on the right side of its threshold)
CASES: dict[str, tuple[dict, dict]] = {
    "TYP_C": ({"stakeholders.type.C": 2, "stakeholders.type.A": 5}, {"stakeholders.type.C": 3, "stakeholders.type.A": 4}),
    "PARTNERSTWO_FORMALNE": ({"partnerships.formal_kis_leads": 0}, {"partnerships.formal_kis_leads": 1}),
    "PARTNERSTWO_TYP_C": ({"partnerships.formal_with_c": 0}, {"partnerships.formal_with_c": 1}),
    # the posts exist, but only in a partner's staff: the KIS has none of its own
    "CASE_MANAGER": ({"lsr.with_kis_case_manager": 0}, {"lsr.with_kis_case_manager": 1}),
    "TRIADA": ({"lsr.with_kis_core_triad": 0}, {"lsr.with_kis_core_triad": 1}),
    "GODZINY_SPOLECZNE": ({"hours.social": 150}, {"hours.social": 201}),
    "NOWE_OBSZARY": ({"lsr.new_areas_covered": 3, "lsr.area_covered.sport": 0}, {"lsr.new_areas_covered": 4}),
    "DLUGOSC_WSPARCIA": ({"duration.gt18": 2, "duration.12to18": 8}, {"duration.gt18": 3, "duration.12to18": 7}),
    "FINANSOWANIE": ({"funding.own_income": 2000}, {"funding.own_income": 5000}),
    "AUSPICJE": ({"lsr.auspices": 0}, {"lsr.auspices": 1}),
    "MIARY_NIEZATRUDNIENIOWE": ({"measures.communication.measured": 1}, {"measures.communication.measured": 15}),
    "BARIERY": ({"barriers.participation_without_action": 1, "barriers.without_action": 1},
                {"barriers.without_action": 1, "barriers.category.financial": 1}),   # the institution's own barrier
    "LIDER_KIS": ({"partnerships": 3, "partnerships.kis_leads": 1}, {"partnerships": 4, "partnerships.kis_leads": 2}),
    "KLUCZOWI_PARTNERZY": ({"stakeholders.field.employer": 0}, {"stakeholders.field.employer": 0,
                                                                "stakeholders.sector.private": 1}),
    "OPS_KIS": ({"referrals.ops": 1, "referrals.pup": 9}, {"referrals.ops": 2, "referrals.pup": 8}),
    "KONWENT": ({"lsr.konwent": 0}, {"lsr.konwent": 1}),
    "OBCIAZENIE_CM": ({"v2.staff.fte.case_manager": 0.5}, {"v2.staff.fte.case_manager": 0.6}),
    "PLAN_IPR": ({"process.with_plan.f": 11}, {"process.with_plan.f": 12}),
    "WSPOLDECYZJA": ({"process.co_decided.f": 9}, {"process.co_decided.f": 10}),
    "SUPERWIZJA": ({"lsr.supervision": 0}, {"lsr.supervision": 1}),
    "DEFICYTY": ({"participants.group.alcohol.m": 5, "participants.group.long_unemployed.f": 25},
                 {"participants.group.alcohol.m": 8, "participants.group.long_unemployed.f": 22}),
    "MONITORING_PO_WYJSCIU": ({"followup.followed_up": 3}, {"followup.followed_up": 4}),
}


def _fired(st) -> set[str]:
    return {r.rule.id for r in for_lsr(st)}


def test_every_rule_has_both_cases():
    assert set(CASES) == set(RULES_BY_ID)


def test_the_good_lsr_meets_every_rule():
    assert _fired(good_stats()) == set()
    assert criteria_met(good_stats()) == (len(RULES), len(RULES))


@pytest.mark.parametrize("rule_id", sorted(RULES_BY_ID))
def test_rule_fires_alone_and_not_on_the_other_side(rule_id):
    fires, passes = CASES[rule_id]
    assert _fired(good_stats(**fires)) == {rule_id}
    assert rule_id not in _fired(good_stats(**passes))
    rec = next(r for r in for_lsr(good_stats(**fires)) if r.rule.id == rule_id)
    assert rec.evidence.endswith(".") and not re.search(r"\{|\}|None", rec.evidence + rec.threshold)


@pytest.mark.parametrize("rule_id", sorted(r.id for r in RULES if r.since == "2.0"))
def test_rule_on_a_2_0_item_is_not_evaluated_for_a_1_0_workbook(rule_id):
    fires, _ = CASES[rule_id]
    st = good_stats(**fires, **{"lsr.v2": 0})
    assert rule_id not in _fired(st)
    met, total = criteria_met(st)
    assert total == len(RULES) - sum(r.since == "2.0" for r in RULES) and met == total


def test_formal_partnership_leadership_checked_only_when_reported():
    assert "PARTNERSTWO_FORMALNE" not in _fired(good_stats(**{"lsr.v2": 0, "partnerships.formal_kis_leads": 0}))
    assert "PARTNERSTWO_FORMALNE" in _fired(good_stats(**{"lsr.v2": 0, "partnerships.formal": 0,
                                                          "partnerships.formal_with_c": 0}))


def test_type_c_share_counts_not_only_the_number():
    st = good_stats(**{"stakeholders": 20, "stakeholders.type.A": 8, "stakeholders.type.B": 8})   # 4 of 20 = 20%
    assert "TYP_C" in _fired(st)


def test_caseload_without_case_manager_is_left_to_case_manager_rule():
    st = good_stats(**{"v2.staff.fte.case_manager": 0, "lsr.with_case_manager": 0, "lsr.with_kis_case_manager": 0})
    assert _fired(st) == {"CASE_MANAGER"}
    # not "evaluated and passed": without case-manager FTE the caseload rule is not checked at all
    assert not RULES_BY_ID["OBCIAZENIE_CM"].evaluated(st) and RULES_BY_ID["OBCIAZENIE_CM"].evaluated(good_stats())
    assert criteria_met(st)[1] == criteria_met(good_stats())[1] - 1


FORMAT_1 = {"lsr.v2": 0, "lsr.counted_v2": 0, "lsr.with_kis_case_manager": 0, "lsr.with_kis_core_triad": 0,
            "barriers.participation": 0, "barriers.participation_without_action": 0}


def test_lsr_from_a_format_1_rollup_file_is_not_judged_on_what_it_lacks():
    """Its own-staff flags and participation barriers were not counted: any post counts, BARIERY is not evaluated."""
    st = good_stats(**FORMAT_1, **{"barriers.without_action": 2})
    assert _fired(st) == set()
    met, total = criteria_met(st)
    assert total == len(RULES) - sum(r.since == "2.0" for r in RULES) - 1 and met == total
    assert _fired(good_stats(**FORMAT_1, **{"lsr.with_case_manager": 0})) == {"CASE_MANAGER"}
    rec = for_lsr(good_stats(**FORMAT_1, **{"lsr.with_core_triad": 0}))[0]
    assert "starszym formacie" in rec.evidence or "brakuje" in rec.evidence


def _staff_row(role, own, contract, fte=1.0):
    return {"role": role, "fte": fte, "own": own, "contract": contract, "funding": "budget"}


@pytest.mark.parametrize("own, contract, counts", [
    ("yes", "employment", True), ("no", "seconded", True),       # delegated from the OPS: own staff (001 l. 7011–7016)
    ("no", "employment", False), ("no", "civil", False),         # a partner's staff
    ("yes", "volunteer", False),                                 # a volunteer is not a post
])
def test_own_staff_of_the_kis_in_the_statistics(own, contract, counts):
    from types import SimpleNamespace

    from ksr_reports.indicators.stats import _staff, kis_post
    rows = [_staff_row("case_manager", own, contract)] + [_staff_row(r, own, contract) for r in
                                                          ("psychologist", "social_worker", "pedagogue")]
    st = dict(empty_stats())
    _staff(st, SimpleNamespace(tables={"staff": rows}))
    assert kis_post(rows[0]) is counts
    assert st["lsr.with_case_manager"] == 1 and st["lsr.with_core_triad"] == 1     # the posts exist
    assert st["lsr.with_kis_case_manager"] == st["lsr.with_kis_core_triad"] == int(counts)


def test_participation_barriers_in_the_statistics():
    from types import SimpleNamespace

    from ksr_reports.indicators.stats import _activity
    barriers = [{"category": "financial", "action": ""}, {"category": "transport", "action": "Dowóz busem gminy"},
                {"category": "care_duties", "action": " "}, {"category": "other", "action": ""}]
    st = dict(empty_stats())
    _activity(st, SimpleNamespace(tables={"animation": [], "barriers": barriers, "practices": []}))
    assert st["barriers.without_action"] == 3
    assert st["barriers.participation"] == 2 and st["barriers.participation_without_action"] == 1


def test_measured_one_person_is_not_measurement():
    rec = for_lsr(good_stats(**{"measures.communication.measured": 1}))[0]
    assert rec.evidence == ("Przy 30 osobach uczestniczących w okresie najczęściej mierzoną miarą niezatrudnieniową "
                            "objęto 1 osobę (3,3%).")


def test_rules_have_sources_with_lines_and_table5_tasks():
    for r in RULES:
        assert re.match(r"00[12] l\. \d+", r.source), r.id
        assert set(r.reform) == set(r.reform_basis) == set(TABLE5)
        for level, task in r.reform_basis.items():
            assert task in TABLE5[level], (r.id, level, task)


# ---------------------------------------------------------------- reform (national report)

def _units(spec: dict[str, tuple[int, int]], weak: dict) -> list[Unit]:
    """region -> (LSRs, of which weak); weak LSRs get the ``weak`` statistics."""
    out = []
    for region, (n, k) in spec.items():
        for i in range(n):
            st = good_stats(**(weak if i < k else {}))
            out.append(Unit(f"{region}{i:02d}011", f"LSR {region}-{i}", "lsr", region, "2025", st))
    return out


THREE_WEAKNESSES = {"lsr.auspices": 0, "lsr.supervision": 0, "lsr.konwent": 0}


def test_reform_needs_a_broad_and_repeated_pattern():
    th = load_thresholds()
    # weak in 3 of 6 regions, 6 of 12 LSRs (50%): all three weaknesses meet both thresholds
    units = _units({"02": (2, 2), "04": (2, 2), "06": (2, 2), "08": (2, 0), "10": (2, 0), "12": (2, 0)},
                   THREE_WEAKNESSES)
    recs = reform(units, th)
    assert {r.rule.id for r in recs} == {"AUSPICJE", "SUPERWIZJA", "KONWENT"}
    row = recs[0].as_dict()
    assert "występuje w 6 z 12 LSR (50%) i w 3 z 6 województw" in row["evidence"]
    assert [t["table5"] in TABLE5[k] for t, k in zip(row["tasks"], TABLE5)] == [True] * 3
    assert row["tasks"][0]["task"].endswith(f"(zadanie z tab. 5: {row['tasks'][0]['table5']})")
    head = reform_headline(recs, th)
    assert head and head["headline"] and "koncepcją reformy" in head["title"] and "001 l. 6870–6881" in head["source"]
    assert "Warunek spełniły 3 słabości." in reform_intro(recs, th)


def test_two_regions_or_a_small_share_is_not_a_reform_pattern():
    th = load_thresholds()
    two_regions = _units({"02": (2, 2), "04": (2, 2), "06": (2, 0)}, THREE_WEAKNESSES)   # 4 of 6 LSRs, 2 regions
    thin = _units({"02": (8, 1), "04": (8, 1), "06": (8, 1)}, THREE_WEAKNESSES)         # 3 regions, 3 of 24 LSRs
    for units in (two_regions, thin):
        assert reform(units, th) == []
        intro = reform_intro([], th)
        assert "dane nie uzasadniają rekomendacji reformy instytucjonalnej" in intro
    assert reform_headline([], th) is None


def test_headline_needs_enough_reform_level_weaknesses():
    th = load_thresholds()
    units = _units({"02": (2, 2), "04": (2, 2), "06": (2, 2)}, {"lsr.auspices": 0, "lsr.konwent": 0})
    recs = reform(units, th)
    assert len(recs) == 2 and reform_headline(recs, th) is None
    assert "w tym okresie dane jej nie uzasadniają" in reform_intro(recs, th)


def test_reform_share_counts_only_lsrs_that_reported_the_item():
    th = load_thresholds()
    v2 = _units({"02": (1, 1), "04": (1, 1), "06": (1, 1)}, {"lsr.supervision": 0})
    v1 = _units({"08": (9, 0)}, {"lsr.v2": 0})
    for u in v1:
        u.stats["lsr.v2"] = 0
    units = v2 + v1
    recs = {r.rule.id: r for r in reform(units, th)}
    # evaluated in 3 of 12 LSRs (25% < min_evaluated_share): thin evidence gives no reform recommendation
    assert th["reform"]["min_evaluated_share"] == 0.5 and "SUPERWIZJA" not in recs
    agg = {r.rule.id: r for r in for_units(units, th)}["SUPERWIZJA"]
    assert agg.as_dict()["total"] == 3 and agg.as_dict()["lsr_all"] == 12
    assert "spośród 3 LSR, które podały te dane; pozostałych 9 nie raportowało" in agg.evidence
    scores = flagged_units(units, th).scores
    assert scores[id(v1[0])] == (len(RULES) - 7, len(RULES) - 7)


def _mixed(n_v1: int) -> list[Unit]:
    """3 2.0 LSRs without supervision in 3 regions plus ``n_v1`` 1.0 LSRs (which did not report it)."""
    v1 = _units({"08": (n_v1, 0)}, {})
    for u in v1:
        u.stats["lsr.v2"] = 0
    return _units({"02": (1, 1), "04": (1, 1), "06": (1, 1)}, {"lsr.supervision": 0}) + v1


@pytest.mark.parametrize("n_v1, given", [(2, True), (3, True), (4, False)])
def test_reform_on_2_0_data_needs_enough_lsrs_evaluated(n_v1, given):
    """3 of 5 and 3 of 6 LSRs evaluated (≥ 50%): a reform recommendation saying the data are partial;
    3 of 7 (< 50%): none."""
    recs = {r.rule.id: r for r in reform(_mixed(n_v1), load_thresholds())}
    assert ("SUPERWIZJA" in recs) is given
    if given:
        row = recs["SUPERWIZJA"].as_dict()
        assert row["lsr_total"] == 3
        assert (f"Dane częściowe: regułę sprawdzono w 3 z {3 + n_v1} LSR" in row["evidence"]
                and row["evidence"].endswith("nie podały potrzebnych danych."))


def test_reform_evaluated_everywhere_says_nothing_about_coverage():
    recs = reform(_units({"02": (1, 1), "04": (1, 1), "06": (1, 1)}, {"lsr.supervision": 0}), load_thresholds())
    row = next(r for r in recs if r.rule.id == "SUPERWIZJA").as_dict()
    assert "Dane częściowe" not in row["evidence"] and row["lsr_total"] == 3


def test_reform_condition_names_the_minimum_coverage():
    from ksr_reports.recommendations import reform_condition
    assert "potrzebne dane podało co najmniej 50% wszystkich LSR" in reform_condition(load_thresholds())


# ---------------------------------------------------------------- version-1 data (frozen fixtures)

def test_v1_data_is_never_judged_on_items_it_did_not_report():
    """1.0 workbooks: the 2.0-only rules are not evaluated, the own-staff rules are (1.0 asks own/contract);
    a format-1 regional file: neither the 2.0-only rules nor BARIERY are evaluated, and the own-staff rules
    fall back to any post, so its LSRs get exactly the weaknesses today's code finds in their workbooks
    (apart from those needing the keys it lacks)."""
    from pathlib import Path

    from ksr_reports.indicators import lsr_stats
    from ksr_reports.rollup import load_rollup
    from ksr_reports.validation import validate_file

    v1 = Path(__file__).resolve().parent / "fixtures" / "v1"
    direct = {r.lsr_id: lsr_stats(r.data) for r in map(validate_file, sorted((v1 / "lsr").glob("LSR_04*.xlsx")))}
    v2_only = {r.id for r in RULES if r.since == "2.0"}
    for st in direct.values():
        assert st["lsr.v2"] == 0 and st["lsr.counted_v2"] == 1
        assert not v2_only & _fired(st)
        assert criteria_met(st)[1] == len(RULES) - len(v2_only)
    for u in load_rollup(v1 / "RSR_04_2025_v1.xlsx").lsrs:
        assert u.stats["lsr.counted_v2"] == 0
        assert criteria_met(u.stats)[1] == len(RULES) - len(v2_only) - 1          # BARIERY not evaluated
        assert _fired(u.stats) == _fired(direct[u.unit_id]) - {"BARIERY"}, u.unit_id


@pytest.mark.parametrize("n, persons, verb", [(1, "1 osoby kończącej", "korzystała"),
                                               (2, "2 osób kończących", "korzystały"),
                                               (5, "5 osób kończących", "korzystało")])
def test_duration_evidence_agrees_with_the_number(n, persons, verb):
    from ksr_reports.indicators import derive
    from ksr_reports.recommendations.rules_results import _duration_evidence
    st = good_stats(**{"duration.12to18": n, "duration.gt18": 0})
    text = _duration_evidence(st, derive(st), load_thresholds())
    assert text.startswith(f"Spośród {persons} udział w okresie") and f" {verb} " in text, text


@pytest.mark.parametrize("n, phrase", [(1, "Przy 1 osobie uczestniczącej w okresie"),
                                       (2, "Przy 2 osobach uczestniczących w okresie"),
                                       (5, "Przy 5 osobach uczestniczących w okresie")])
def test_measures_evidence_agrees_with_the_number(n, phrase):
    from ksr_reports.recommendations.rules_results import _measures_evidence
    st = good_stats(**{"measures.communication.measured": 1})
    assert _measures_evidence(st, {"participants": n}, load_thresholds()).startswith(phrase)


@pytest.mark.parametrize("n, phrase", [(1, "przy 1 osobie kończącej udział"), (2, "przy 2 osobach kończących udział"),
                                       (5, "przy 5 osobach kończących udział")])
def test_followup_evidence_agrees_with_the_number(n, phrase):
    from ksr_reports.recommendations.rules_results import _followup_evidence
    assert phrase in _followup_evidence(good_stats(), {"completed": n}, load_thresholds())
