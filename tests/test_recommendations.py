"""Recommendation rules: the sample weaknesses, aggregation, reform, thresholds, catalogue."""
from __future__ import annotations

from pathlib import Path

import pytest

from ksr_reports.errors import KsrError
from ksr_reports.indicators import lsr_stats
from ksr_reports.recommendations import (RULES, criteria_met, criteria_met_all, flagged_units, for_lsr, for_units,
                                         load_thresholds, reform, reform_intro)
from ksr_reports.recommendations.catalogue import render_catalogue
from ksr_reports.samples.generate import pilot_lsrs
from ksr_reports.validation import validate_file

from .report_fixtures import units_from_reports

ROOT = Path(__file__).resolve().parent.parent

# The rules each deliberate weakness of the samples calls for (the 1.0 profile). A network without type C
# stakeholders has no employer either (employers are type C, 001 l. 696–705); the narrow profile's type C
# stakeholders stay outside its formal partnership (001 l. 766–776).
EXPECTED = {
    "strong": set(), "no_type_c": {"TYP_C", "KLUCZOWI_PARTNERZY"}, "no_case_manager": {"CASE_MANAGER", "TRIADA"},
    "project_only": {"FINANSOWANIE"}, "low_social_hours": {"GODZINY_SPOLECZNE"},
    "short_support": {"DLUGOSC_WSPARCIA"}, "no_auspices": {"AUSPICJE"},
    "no_measures": {"MIARY_NIEZATRUDNIENIOWE"}, "narrow_profile": {"NOWE_OBSZARY", "PARTNERSTWO_TYP_C"},
    "barriers_unanswered": {"BARIERY"}, "informal_only": {"PARTNERSTWO_FORMALNE"},
}
# ... and of the 2.0 profile (``samples.v2``; absent in 1.0 samples). Few plans, mostly imposed (001 l. 2474–2486);
# no supervision and no konwent: both what the region offers a KIS (001 KIS nr 5, l. 7070–7077).
EXPECTED_V2 = {
    "strong": set(), "low_ipr": {"PLAN_IPR", "WSPOLDECYZJA"}, "high_caseload": {"OBCIAZENIE_CM"},
    "no_followup": {"MONITORING_PO_WYJSCIU"}, "no_supervision": {"SUPERWIZJA", "KONWENT"},
    "kis_not_leading": {"LIDER_KIS", "PARTNERSTWO_FORMALNE"}, "no_ops": {"OPS_KIS"},
    "shallow_deficits": {"DEFICYTY"}, "low_own_income": {"FINANSOWANIE"},
}


def expected_rules(lsr) -> set[str]:
    """Rules a sample LSR must show: its 1.0 weakness, its 2.0 weakness and the nationwide pattern (support cut
    to project cycles, ``pilot_lsrs``)."""
    return (EXPECTED[lsr.profile] | EXPECTED_V2.get(getattr(lsr, "v2_profile", "strong"), set())
            | ({"DLUGOSC_WSPARCIA"} if lsr.project_cycles else set()))


@pytest.fixture(scope="session")
def sample_reports(sample_paths):
    return [validate_file(p) for p in sample_paths]


def test_every_profile_has_an_expectation():
    assert {lsr.profile for lsr in pilot_lsrs()} == set(EXPECTED)


def test_each_sample_gets_exactly_the_rules_its_weakness_calls_for(sample_reports):
    for lsr, report in zip(pilot_lsrs(), sample_reports):
        assert report.lsr_id == lsr.teryt
        fired = {r.rule.id for r in for_lsr(lsr_stats(report.data))}
        assert fired == expected_rules(lsr), (lsr.teryt, lsr.profile, lsr.v2_profile)


def test_the_samples_show_every_rule(sample_reports):
    """The demo shows each rule on at least one LSR, and a strong LSR meets every rule."""
    fired = {lsr.teryt: {r.rule.id for r in for_lsr(lsr_stats(rep.data))}
             for lsr, rep in zip(pilot_lsrs(), sample_reports)}
    assert set().union(*fired.values()) == {r.id for r in RULES}
    strong = [l.teryt for l in pilot_lsrs() if l.profile == "strong" and l.v2_profile == "strong"]
    assert len(strong) == 6 and all(fired[t] == set() for t in strong)


def test_samples_count_the_deepest_deficits_as_the_rule_does():
    from ksr_reports.recommendations.rules_kis import DEEPEST_DEFICIT_GROUPS as RULE_GROUPS
    from ksr_reports.samples.v2 import DEEPEST_DEFICIT_GROUPS as SAMPLE_GROUPS
    assert SAMPLE_GROUPS == RULE_GROUPS and "refugees" in SAMPLE_GROUPS


def test_evidence_quotes_the_figures(sample_reports):
    lsr, report = next((l, r) for l, r in zip(pilot_lsrs(), sample_reports) if l.profile == "low_social_hours")
    st = lsr_stats(report.data)
    rec = next(r for r in for_lsr(st) if r.rule.id == "GODZINY_SPOLECZNE")
    assert f"{st['hours.social']:,}".replace(",", "\u00a0") in rec.evidence
    assert "66,7%" in rec.threshold
    assert rec.rule.source.startswith("002 l. 263–269 (element drugi")


def test_aggregate_counts_and_names_the_lsrs(sample_reports):
    units = units_from_reports(sample_reports)
    recs = {r.rule.id: r for r in for_units(units)}
    no_c = [u.name for u, l in zip(units, pilot_lsrs()) if l.profile == "no_type_c"]
    assert recs["TYP_C"].count == len(no_c) == 2
    assert recs["TYP_C"].evidence.startswith(f"W 2 z {len(units)} LSR sieć ma za mało interesariuszy typu C")
    assert all(name in recs["TYP_C"].evidence for name in no_c)


def test_formal_partnership_without_type_c_rule(sample_reports):
    strong = next(r for l, r in zip(pilot_lsrs(), sample_reports) if l.profile == "strong")
    st = dict(lsr_stats(strong.data), **{"partnerships.formal_with_c": 0, "lsr.with_formal_partnership_c": 0})
    assert "PARTNERSTWO_TYP_C" in [r.rule.id for r in for_lsr(st)]
    assert "PARTNERSTWO_TYP_C" not in [r.rule.id for r in for_lsr(lsr_stats(strong.data))]


def test_rules_evaluated_once_give_the_same_answers(sample_reports):
    """Reports evaluate every rule once (flagged_units) and reuse it: same scores, recommendations and reforms."""
    units = units_from_reports(sample_reports)
    th = load_thresholds()
    flagged = flagged_units(units, th)
    scores = criteria_met_all(flagged)
    assert [scores.get(id(u), (len(RULES), len(RULES))) for u in units] == [criteria_met(u.stats, th) for u in units]
    assert any(met < total for met, total in scores.values())
    assert [r.as_dict() for r in for_units(units, th, flagged)] == [r.as_dict() for r in for_units(units, th)]
    assert [r.as_dict() for r in reform(units, th, flagged)] == [r.as_dict() for r in reform(units, th)]


def test_reform_needs_weakness_in_enough_lsrs_and_regions(sample_reports):
    units = units_from_reports(sample_reports)
    th = load_thresholds()
    flagged = flagged_units(units, th)
    recs = {r.rule.id: r for r in reform(units, th, flagged)}
    regions = len({u.region for u in units})
    for rule_id, hit in flagged.items():
        broad = len(hit) / len(flagged.evaluated[rule_id]) >= 0.25 if hit else False
        assert (rule_id in recs) == (broad and len({u.region for u in hit}) >= 3), rule_id
    # the samples' profile weaknesses each sit in 2 or 3 of 24 LSRs: too thin for a reform recommendation; only
    # the nationwide pattern (support cut to project cycles in every region) is broad enough
    assert set(recs) == {"DLUGOSC_WSPARCIA"}
    for r in recs.values():
        row = r.as_dict()
        assert f"z {regions} województw" in row["evidence"] and [t["level"].split()[0] for t in row["tasks"]] == [
            "Gmina", "ROPS", "Ministerstwo"]
    strict = load_thresholds()
    strict["reform"]["min_regions"] = regions + 1
    assert reform(units, strict) == []
    assert "nie uzasadniają rekomendacji reformy" in reform_intro([], strict)


def test_threshold_override_file(tmp_path, sample_reports):
    low = next(r for l, r in zip(pilot_lsrs(), sample_reports) if l.profile == "low_social_hours")
    f = tmp_path / "progi.toml"
    f.write_text("[social_hours]\nmin_share = 0.4\n", encoding="utf-8")
    th = load_thresholds(f)
    assert th["social_hours"]["min_share"] == 0.4 and th["short_support"]["max_share_up_to_18m"] == 0.75
    assert "GODZINY_SPOLECZNE" in {r.rule.id for r in for_lsr(lsr_stats(low.data))}
    assert "GODZINY_SPOLECZNE" not in {r.rule.id for r in for_lsr(lsr_stats(low.data), th)}


@pytest.mark.parametrize("text, message", [
    ("[social_hourz]\nmin_share = 0.4\n", "nieznana sekcja [social_hourz]"),
    ("[social_hours]\nmax_share = 0.4\n", "nieznany próg social_hours.max_share"),
    ("[social_hours]\nmin_share = \"dużo\"\n", "próg social_hours.min_share musi być nieujemną liczbą"),
    ("[social_hours\n", "nie jest poprawnym plikiem TOML"),
])
def test_bad_threshold_files(tmp_path, text, message):
    f = tmp_path / "progi.toml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(KsrError, match=message.replace("[", r"\[").replace(".", r"\.")):
        load_thresholds(f)


def test_rules_have_ids_sources_and_reform_tasks():
    assert len({r.id for r in RULES}) == len(RULES) >= 20
    for r in RULES:
        assert r.source.startswith(("001", "002")) and r.action and r.pattern
        assert set(r.reform) == {"gmina", "rops", "ministerstwo"}


def test_catalogue_maps_every_seed_recommendation():
    from ksr_reports.recommendations.rules import SEED_RECOMMENDATIONS
    text = render_catalogue()
    names = [name for name, _, _ in SEED_RECOMMENDATIONS]
    for want in ["KIS nr 3", "KIS nr 5", "Wdrożeniowa nr 1", "Wdrożeniowa nr 3", "Wdrożeniowa nr 5",
                 *(f"Tabela 9 nr {i}" for i in range(1, 7)), "Najważniejsza rekomendacja"]:
        assert want in names
    for name, _, target in SEED_RECOMMENDATIONS:
        if isinstance(target, tuple):
            assert all(t in {r.id for r in RULES} for t in target), name
        else:
            assert f"| {name} |" in text and f"nie do zmierzenia z arkusza: {target}" in text
    assert {t for _, _, x in SEED_RECOMMENDATIONS if isinstance(x, tuple) for t in x} == {r.id for r in RULES} - {
        "PLAN_IPR", "WSPOLDECYZJA", "BARIERY"}   # rest on §1.3.9, l. 2474–2486 and §1.3.13, not on a numbered recommendation


def test_catalogue_in_docs_is_current():
    assert (ROOT / "docs" / "recommendations.md").read_text(encoding="utf-8") == render_catalogue()
