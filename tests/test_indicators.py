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
