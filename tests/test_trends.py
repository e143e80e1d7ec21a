"""monitoring.trends: the figures of the reports' section on change over time (issue 14 §2).

Every expected figure is recomputed here from the units' statistics by hand (key by key, or through
``add_stats`` over all statistics), never through the functions under test.
"""
from __future__ import annotations

import pytest

from ksr_reports.indicators import add_stats, derive
from ksr_reports.indicators.model import Unit
from ksr_reports.monitoring import trends as T
from ksr_reports.monitoring.history import History
from ksr_reports.validation import validate_file

from .report_fixtures import units_from_reports

SEX = ("f", "m")


def scaled(u: Unit, period: str, factor: float, **override) -> Unit:
    """A copy of ``u`` for an earlier period: every count and sum scaled (0/1 flags ``lsr.*`` kept),
    then the ``override`` statistics (keys with "." written as "__")."""
    st = {k: v if k.startswith("lsr.") else (round(v * factor) if isinstance(v, int) else round(v * factor, 2))
          for k, v in u.stats.items()}
    st.update({k.replace("__", "."): v for k, v in override.items()})
    return Unit(u.unit_id, u.name, "lsr", u.region, period, st, f"{u.unit_id}_{period}.xlsx")


def three_years(units: list[Unit]) -> History:
    """2023, 2024 (and nothing earlier) for the 2025 samples: the first LSR of each region did not report
    in 2024, the last LSR of each region is new in 2025 (absent from both earlier years)."""
    first = {min(u.unit_id for u in units if u.region == r) for r in {u.region for u in units}}
    last = {max(u.unit_id for u in units if u.region == r) for r in {u.region for u in units}}
    return History("2025", ["2021", "2022", "2023", "2024"], {
        "2023": [scaled(u, "2023", 0.8) for u in units if u.unit_id not in last],
        "2024": [scaled(u, "2024", 0.9) for u in units if u.unit_id not in first | last],
    })


@pytest.fixture(scope="session")
def sample_units(sample_paths) -> list[Unit]:
    return units_from_reports([validate_file(p) for p in sample_paths])


def _participants(st: dict) -> int:
    return sum(st[f"flow.{stage}.{s}"] for stage in ("start", "entered") for s in SEX)


def test_periods_are_the_runs_and_the_earlier_ones_with_data(sample_units):
    history = three_years(sample_units)
    trend = T.build("2025", sample_units, history)
    assert trend.periods == ["2023", "2024", "2025"] and trend.previous == "2024"
    assert [trend.figures[p].lsrs for p in trend.periods] == [len(history.units["2023"]), len(history.units["2024"]),
                                                             len(sample_units)]


def test_at_most_four_earlier_periods_and_never_later_or_other_kinds(sample_units):
    units = sample_units[:3]
    earlier = {str(y): [scaled(u, str(y), 1.0) for u in units] for y in range(2017, 2025)}
    earlier.update({"2024-H1": [scaled(units[0], "2024-H1", 0.5)], "2026": [scaled(units[0], "2026", 1.0)],
                    "2019": []})
    trend = T.build("2025", units, History("2025", list(earlier), earlier))
    assert trend.periods == ["2021", "2022", "2023", "2024", "2025"]


def test_a_half_year_run_never_shows_years(sample_units):
    units = sample_units[:4]
    earlier = {p: [scaled(u, p, 0.7) for u in units] for p in ("2023-H2", "2024", "2024-H1", "2024-H2", "2023")}
    trend = T.build("2025-H1", units, History("2025-H1", ["2023-H1", "2023-H2", "2024-H1", "2024-H2"], earlier))
    assert trend.periods == ["2023-H2", "2024-H1", "2024-H2", "2025-H1"]
    assert trend.previous == "2024-H1" and trend.common is not None


def test_history_of_another_period_is_refused(sample_units):
    with pytest.raises(ValueError):
        T.build("2025", sample_units, History.empty("2024"))


def test_period_sums_equal_add_stats_of_all_statistics(sample_units):
    history = three_years(sample_units)
    trend = T.build("2025", sample_units, history)
    for p in trend.periods:
        units = history.units[p] if p != "2025" else sample_units
        full = add_stats(u.stats for u in units)
        assert trend.figures[p].totals == {k: full[k] for k in T.KEYS}, p


def test_indicators_recomputed_by_hand(sample_units):
    trend = T.build("2025", sample_units, three_years(sample_units))
    for p in trend.periods:
        units, f = trend.units[p], trend.figures[p]
        stats = [u.stats for u in units]
        completed = sum(st[f"flow.completed.{s}"] for st in stats for s in SEX)
        employed = sum(st[f"outcomes.{o}.{s}"] for st in stats for s in SEX
                       for o in ("open_market", "social_coop", "supported", "own_business"))
        expect = {
            "participants": sum(_participants(st) for st in stats),
            "entered": sum(st["flow.entered.f"] + st["flow.entered.m"] for st in stats),
            "completed": completed,
            "employment": employed / completed if completed else None,
            "type_c": sum(st["stakeholders.type.C"] for st in stats),
            "type_c_share": sum(st["stakeholders.type.C"] for st in stats) / sum(st["stakeholders"] for st in stats),
            "lsr_type_c": sum(1 for st in stats if st["stakeholders.type.C"] > 0),
            "formal": sum(st["partnerships.formal"] for st in stats),
            "lsr_formal_c": sum(st["lsr.with_formal_partnership_c"] for st in stats),
            "cm_fte": round(sum(st["staff.fte.role.case_manager"] for st in stats), 2),
            "social_hours": sum(st["hours.social"] for st in stats) / sum(st["hours.total"] for st in stats),
            "funding": round(sum(st["funding.total"] for st in stats), 2),
            "time_limited": sum(st["funding.time_limited"] for st in stats) / sum(st["funding.total"] for st in stats),
        }
        assert set(expect) == set(T.BY_ID)
        for key, value in expect.items():
            assert f.value(T.BY_ID[key]) == pytest.approx(value), (p, key)


def test_summing_only_the_keys_gives_the_shares_of_all_statistics(sample_units):
    """``KEYS`` holds every input ``derive`` reads for the shares shown (else a share would come out wrong)."""
    for units in (sample_units, sample_units[:1], sample_units[5:9]):
        full = derive(add_stats(u.stats for u in units))
        figures = T.sums(units)
        for ind in T.INDICATORS:
            if ind.derived:
                assert figures.value(ind) == full[ind.derived], ind.id


def test_year_on_year_change_counts_only_lsrs_in_both_periods(sample_units):
    history = three_years(sample_units)
    trend = T.build("2025", sample_units, history)
    both = {u.unit_id for u in history.units["2024"]} & {u.unit_id for u in sample_units}
    assert both and len(both) < len(sample_units)
    before = sum(_participants(u.stats) for u in history.units["2024"] if u.unit_id in both)
    now = sum(_participants(u.stats) for u in sample_units if u.unit_id in both)
    assert trend.change(T.BY_ID["participants"]) == (before, now)
    assert now != sum(_participants(u.stats) for u in sample_units)         # a new LSR is not growth
    hours = [(sum(u.stats["hours.social"] for u in us if u.unit_id in both),
              sum(u.stats["hours.total"] for u in us if u.unit_id in both)) for us in (history.units["2024"], sample_units)]
    assert trend.change(T.BY_ID["social_hours"]) == pytest.approx(tuple(a / b for a, b in hours))


def test_no_change_without_the_same_period_a_year_earlier(sample_units):
    earlier = {"2023": [scaled(u, "2023", 0.8) for u in sample_units]}
    trend = T.build("2025", sample_units, History("2025", ["2021", "2022", "2023", "2024"], earlier))
    assert trend.periods == ["2023", "2025"] and trend.common is None
    assert trend.change(T.BY_ID["participants"]) == (None, None)


def test_lsr_history_is_contiguous_from_its_first_report(sample_units):
    u = sample_units[0]
    earlier = {"2022": [scaled(u, "2022", 0.5)], "2023": [scaled(u, "2023", 0.7)], "2024": []}
    trend = T.build("2025", [u], History("2025", ["2021", "2022", "2023", "2024"], earlier), contiguous=True)
    assert trend.periods == ["2022", "2023", "2024", "2025"]
    assert list(trend.reported(u.unit_id)) == ["2022", "2023", "2025"]
    assert trend.common is None


def test_exact_sum_does_not_depend_on_order():
    values = [0.1, 0.2, 0.3, 1234.57, 0.01] * 7
    assert T.exact_sum(values) == T.exact_sum(values[::-1]) == round(sum(round(v * 100) for v in values) / 100, 2)
    assert T.exact_sum([1, 2, 3]) == 6 and isinstance(T.exact_sum([1, 2, 3]), int)
