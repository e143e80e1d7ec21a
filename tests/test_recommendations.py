"""Recommendation rules: the sample weaknesses, aggregation, reform, thresholds, catalogue."""
from __future__ import annotations

from pathlib import Path

import pytest

from ksr_reports.errors import KsrError
from ksr_reports.indicators import lsr_stats
from ksr_reports.recommendations import (RULES, criteria_met, criteria_met_all, flagged_units, for_lsr, for_units,
                                         load_thresholds, reform)
from ksr_reports.recommendations.catalogue import render_catalogue
from ksr_reports.samples.generate import pilot_lsrs
from ksr_reports.validation import validate_file

from .report_fixtures import units_from_reports

ROOT = Path(__file__).resolve().parent.parent

# The rules each deliberate weakness of the samples calls for (and nothing else).
EXPECTED = {
    "strong": set(), "no_type_c": {"TYP_C"}, "no_case_manager": {"CASE_MANAGER", "TRIADA"},
    "project_only": {"FINANSOWANIE"}, "low_social_hours": {"GODZINY_SPOLECZNE"},
    "short_support": {"DLUGOSC_WSPARCIA"}, "no_auspices": {"AUSPICJE"},
    "no_measures": {"MIARY_NIEZATRUDNIENIOWE"}, "narrow_profile": {"NOWE_OBSZARY"},
    "barriers_unanswered": {"BARIERY"}, "informal_only": {"PARTNERSTWO_FORMALNE"},
}


@pytest.fixture(scope="session")
def sample_reports(sample_paths):
    return [validate_file(p) for p in sample_paths]


def test_every_profile_has_an_expectation():
    assert {lsr.profile for lsr in pilot_lsrs()} == set(EXPECTED)


def test_each_sample_gets_exactly_the_rules_its_weakness_calls_for(sample_reports):
    for lsr, report in zip(pilot_lsrs(), sample_reports):
        assert report.lsr_id == lsr.teryt
        fired = {r.rule.id for r in for_lsr(lsr_stats(report.data))}
        assert fired == EXPECTED[lsr.profile], (lsr.teryt, lsr.profile)


def test_evidence_quotes_the_figures(sample_reports):
    lsr, report = next((l, r) for l, r in zip(pilot_lsrs(), sample_reports) if l.profile == "low_social_hours")
    st = lsr_stats(report.data)
    rec = for_lsr(st)[0]
    assert f"{st['hours.social']:,}".replace(",", "\u00a0") in rec.evidence
    assert "66,7%" in rec.threshold
    assert rec.rule.source.startswith("002, element drugi")


def test_aggregate_counts_and_names_the_lsrs(sample_reports):
    units = units_from_reports(sample_reports)
    recs = {r.rule.id: r for r in for_units(units)}
    no_c = [u.name for u, l in zip(units, pilot_lsrs()) if l.profile == "no_type_c"]
    assert recs["TYP_C"].count == len(no_c) == 2
    assert recs["TYP_C"].evidence.startswith(f"W 2 z {len(units)} LSR nie ma interesariusza typu C")
    assert all(name in recs["TYP_C"].evidence for name in no_c)


def test_formal_partnership_without_type_c_rule(sample_reports):
    strong = next(r for l, r in zip(pilot_lsrs(), sample_reports) if l.profile == "strong")
    st = dict(lsr_stats(strong.data), **{"partnerships.formal_with_c": 0, "lsr.with_formal_partnership_c": 0})
    assert [r.rule.id for r in for_lsr(st)] == ["PARTNERSTWO_TYP_C"]


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


def test_reform_needs_weakness_in_enough_regions(sample_reports):
    units = units_from_reports(sample_reports)
    recs = {r.rule.id: r for r in reform(units)}
    # each weakness of the samples appears in at least two of the six regions, except these two
    assert "BARIERY" not in recs and "PARTNERSTWO_FORMALNE" not in recs
    assert len(recs["TYP_C"].regions) == 2
    tasks = recs["TYP_C"].as_dict()["tasks"]
    assert [t["level"].split()[0] for t in tasks] == ["Gmina", "ROPS", "Ministerstwo"]
    strict = load_thresholds()
    strict["reform"]["min_regions"] = 3
    assert reform(units, strict) == []


def test_threshold_override_file(tmp_path, sample_reports):
    low = next(r for l, r in zip(pilot_lsrs(), sample_reports) if l.profile == "low_social_hours")
    f = tmp_path / "progi.toml"
    f.write_text("[social_hours]\nmin_share = 0.4\n", encoding="utf-8")
    th = load_thresholds(f)
    assert th["social_hours"]["min_share"] == 0.4 and th["short_support"]["max_share_under_12m"] == 0.5
    assert for_lsr(lsr_stats(low.data), th) == []


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
    assert len({r.id for r in RULES}) == len(RULES) >= 12
    for r in RULES:
        assert r.source.startswith(("001", "002")) and r.action and r.pattern
        assert set(r.reform) == {"gmina", "rops", "ministerstwo"}


def test_catalogue_in_docs_is_current():
    assert (ROOT / "docs" / "recommendations.md").read_text(encoding="utf-8") == render_catalogue()
