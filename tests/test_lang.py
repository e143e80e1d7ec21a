"""The Polish language layer: plural agreement (CLDR via Babel), numbers, percentages, dates, periods."""
from __future__ import annotations

import datetime as dt

import pytest
from babel.numbers import format_decimal, format_percent
from hypothesis import given, settings
from hypothesis import strategies as st

from ksr_reports import lang

NBSP = "\u00a0"
FORMS = ("plik", "pliki", "plików", "pliku")


@pytest.mark.parametrize("n, expected", [
    (0, "0 plików"), (1, "1 plik"), (2, "2 pliki"), (4, "4 pliki"), (5, "5 plików"), (11, "11 plików"),
    (12, "12 plików"), (14, "14 plików"), (21, "21 plików"), (22, "22 pliki"), (104, "104 pliki"),
    (112, "112 plików"), (1231, f"1{NBSP}231 plików"), (1232, f"1{NBSP}232 pliki"),
])
def test_count_agrees_with_the_number(n, expected):
    assert lang.count(n, *FORMS) == expected


def test_fractions_take_the_genitive_singular():
    assert lang.count(1.5, "etat", "etaty", "etatów", "etatu", decimals=1) == "1,5 etatu"
    assert lang.count(2.5, "osoba", "osoby", "osób", decimals=1) == "2,5 osoby"      # other defaults to few
    assert lang.count(2.0, "etat", "etaty", "etatów", "etatu") == "2 etaty"            # a whole float is a count


def test_the_form_agrees_with_the_number_as_shown():
    assert lang.count(4.6, "osoba", "osoby", "osób") == "5 osób"          # rounded before the form is chosen
    assert lang.count(1.04, "etat", "etaty", "etatów", "etatu", decimals=1) == "1,0 etatu"   # decimals shown
    assert lang.count(2.0, "etat", "etaty", "etatów", "etatu", decimals=2) == "2,00 etatu"
    assert lang.count(1, "etat", "etaty", "etatów", "etatu") == "1 etat"


def test_whole_phrases_agree():
    phrase = ("formalne partnerstwo", "formalne partnerstwa", "formalnych partnerstw")
    assert [lang.count(n, *phrase) for n in (1, 4, 5)] == [
        "1 formalne partnerstwo", "4 formalne partnerstwa", "5 formalnych partnerstw"]


def test_numbers_percentages_and_money_in_polish():
    assert lang.num(1234567.891, 2) == f"1{NBSP}234{NBSP}567,89"
    assert lang.num(None) == "–"
    assert lang.pct(0.6667) == "66,7%"
    assert lang.pct(None) == "–"
    assert lang.pln(12345.6) == f"12{NBSP}346{NBSP}zł"
    assert lang.num(-0.004, 2) == "0,00"          # no "-0,00" for a value that rounds to zero


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.integers(-10**12, 10**12),
                 st.floats(-1e9, 1e9, allow_nan=False, allow_infinity=False)), st.integers(0, 3))
def test_numbers_match_babels_own_formatting(value, decimals):
    """lang formats with Babel's locale symbols but without its slow pattern engine: same text."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    expected = format_decimal(value, format=pattern, locale="pl_PL")
    if expected.lstrip("-").strip("0,") == "":          # Babel writes "-0,00" for tiny negatives
        expected = expected.lstrip("-")
    assert lang.num(value, decimals) == expected
    share = value / 10**6
    expected_pct = format_percent(share, format=pattern + "%", locale="pl_PL")
    if expected_pct.lstrip("-").strip("0,%") == "":
        expected_pct = expected_pct.lstrip("-")
    assert lang.pct(share, decimals) == expected_pct


def test_dates_and_periods_for_readers():
    assert lang.date(dt.date(2026, 3, 31)) == "31 marca 2026"
    assert lang.date("2025-01-05") == "5 stycznia 2025"
    assert lang.date(None) == "–"
    assert [lang.period(p) for p in ("2025", "2025-H1", "2025-H2")] == ["2025", "I półrocze 2025", "II półrocze 2025"]
    assert lang.period("coś innego") == "coś innego"
    assert [lang.period_in(p) for p in ("2025", "2025-H1", "2025-H2")] == [
        "w 2025 r.", "w I półroczu 2025 r.", "w II półroczu 2025 r."]


def test_enumeration():
    assert lang.join(["a", "b", "c"]) == "a, b i c"
    assert lang.join(["a", "b"], "lub") == "a lub b"
    assert lang.join(["a"]) == "a"


def test_huge_and_non_finite_numbers_are_written_not_raised():
    """1e28 typed into a workbook cell exceeded decimal's default 28 digits (property test of the validator)."""
    from ksr_reports import lang

    assert lang.num(1.0000000000000006e+28).replace("\u00a0", "") == "10000000000000006000000000000"
    assert lang.num(1.5e300).replace("\u00a0", "") == "15" + "0" * 299
    assert lang.num(float("inf")) == "inf"
    assert lang.num(-2.5e29, 2).replace("\u00a0", "").lstrip("-\u2212").startswith("25" + "0" * 28)
