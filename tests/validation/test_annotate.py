"""The annotated copy a ROPS sends back, and number agreement in validation messages (issue 12)."""
from __future__ import annotations

import re

import openpyxl
import pytest

from ksr_reports.validation import annotate, validate_file
from ksr_reports.validation.annotate import COMMENT_AUTHOR, HEADER_ROW, comment_text
from ksr_reports.validation.catalogue import Code, finding, os_error_text, template_text

from .corpus import base_data, write_valid

CODE_NAME = re.compile(r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b")


@pytest.fixture(scope="module")
def annotated(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ann")
    data = base_data()
    data["tables"]["staff"][0]["fte"] = 2.0                 # warning
    data["tables"]["services"][0]["participants"] = "brak"  # error
    data["form"]["lsr_name"] = None                         # error
    report = validate_file(write_valid(tmp / "LSR_zly.xlsx", data))
    return report, openpyxl.load_workbook(annotate(report, tmp / "out"))


def test_notes_sheet_has_polish_headers_and_the_code_only_last(annotated):
    report, wb = annotated
    ws = wb["Uwagi"]
    headers = [c.value for c in ws[HEADER_ROW]]
    assert headers == ["Arkusz", "Komórka", "Kolumna lub pole", "Rodzaj", "Co jest nie tak", "Jak poprawić", "Kod"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=HEADER_ROW + 1)]
    assert len(rows) == len(report.issues) == 3
    assert {r[-1] for r in rows} == {"TYPE_PLACEHOLDER", "RANGE_MAX", "REQUIRED_FIELD"}
    for row in [*ws.iter_rows(max_row=HEADER_ROW - 1, values_only=True), *(r[:-1] for r in rows)]:
        assert not any(CODE_NAME.search(str(v)) for v in row if v), row
    required = next(r for r in rows if r[-1] == "REQUIRED_FIELD")
    assert required[:6] == ["Metryczka", "B4", "Nazwa LSR", "błąd", "Pole obowiązkowe jest puste.",
                            "Uzupełnij pole w kolumnie B."]


def test_notes_sheet_status_is_polish(annotated):
    _, wb = annotated
    status = wb["Uwagi"]["A2"].value
    assert status.startswith("Wynik sprawdzenia: plik zawiera błędy") and "2 błędy i 1 ostrzeżenie" in status
    assert "invalid" not in status


def test_notes_sheet_wraps_and_prints_on_one_page_width(annotated):
    _, wb = annotated
    ws = wb["Uwagi"]
    for col in "CEF":      # label, what, how to fix
        assert all(ws[f"{col}{r}"].alignment.wrap_text for r in range(HEADER_ROW + 1, ws.max_row + 1)), col
    assert ws.column_dimensions["E"].width >= 50 and ws.column_dimensions["G"].width <= 20
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"


def test_comments_have_no_codes_and_a_polish_author(annotated):
    _, wb = annotated
    comments = [c.comment for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.comment]
    assert len(comments) == 3
    for comment in comments:
        assert comment.author == COMMENT_AUTHOR == "Sprawdzenie arkusza LSR"
        assert "[błąd " not in comment.text and not CODE_NAME.search(comment.text)
        assert comment.text.startswith(("Błąd: ", "Ostrzeżenie: ")) and "Jak poprawić: " in comment.text
    assert wb["Metryczka"]["B4"].comment.text == ("Błąd: Pole obowiązkowe jest puste. "
                                                  "Jak poprawić: Uzupełnij pole w kolumnie B.")


def test_comment_of_two_findings_at_one_cell():
    items = [finding(Code.REQUIRED_FIELD, "Metryczka", "B4", "Nazwa LSR"),
             finding(Code.RANGE_MAX, "Metryczka", "B4", "Nazwa LSR", value="9", max="1,5")]
    assert comment_text(items).split("\n\n")[1].startswith("Ostrzeżenie: Wartość 9 jest większa niż 1,5")


@pytest.mark.parametrize("n, rows, filled, items", [
    (1, "1 wiersz", "1 wypełniony wiersz", "1 pozycję"),
    (2, "2 wiersze", "2 wypełnione wiersze", "2 pozycje"),
    (5, "5 wierszy", "5 wypełnionych wierszy", "5 pozycji"),
    (12, "12 wierszy", "12 wypełnionych wierszy", "12 pozycji"),
    (22, "22 wiersze", "22 wypełnione wiersze", "22 pozycje"),
])
def test_counts_in_messages_agree(n, rows, filled, items):
    low = finding(Code.TABLE_MIN_ROWS, "Kadra", "A5", "Rola", count=n, min=n, first=5)
    assert low.what == f"tabela ma {filled}, a powinna mieć co najmniej {rows}."
    assert low.fix == f"Wpisz co najmniej {items} od wiersza 5."
    over = finding(Code.DATA_OVERFLOW, "Kadra", "A45", count=n, capacity=n, rows="wiersz 45")
    assert over.what == f"{filled} poniżej przygotowanej tabeli (wiersz 45); tabela ma {rows}."
    big = finding(Code.FILE_DIMENSIONS, "Kadra", ref="XFD9", far="XFD9", rows=n, cols=n)
    assert f"({rows} × {n} kolumn" in big.what


def test_counts_given_as_formatted_text_agree():
    assert "co najmniej 1 234 562 komórki," in finding(Code.FILE_TOO_MANY_CELLS, cells="1 234 562", limit="1").what
    assert "co najmniej 2 000 005 komórek," in finding(Code.FILE_TOO_MANY_CELLS, cells="2 000 005", limit="1").what


def test_periods_are_shown_as_people_read_them():
    f = finding(Code.PERIOD_MISMATCH, "Metryczka", "B9", value="2025-H1", expected="2025-H2")
    assert f.what == "okres „I półrocze 2025” różni się od okresu zbieranych sprawozdań („II półrocze 2025”)."
    assert "2025-H" not in f.message
    d = finding(Code.DATE_OUTSIDE_PERIOD, value="2024-05-01", period="2025-H2", start="2025-07-01", end="2025-12-31")
    assert "(II półrocze 2025: 2025-07-01 – 2025-12-31)" in d.what


def test_docs_show_templates_readably_and_no_commands_in_messages():
    assert template_text(Code.TABLE_MIN_ROWS.value.what) == \
        "tabela ma {count} wypełnionych wierszy, a powinna mieć co najmniej {min} wierszy."
    for code in Code:
        text = code.value.what + code.value.fix
        assert "ksr " not in text and "ksr-reports" not in text, code


def test_system_errors_are_polish():
    assert os_error_text(FileNotFoundError(2, "No such file or directory")) == "nie ma takiego pliku"
    assert os_error_text(PermissionError(13, "Permission denied")) == "brak uprawnień do odczytu"


def test_preflight_errors_use_the_same_agreement():
    from ksr_reports.intake import Refusal

    e = Refusal("FILE_DIMENSIONS", sheet="Kadra", cell="B22", far="B22", ref="XFD22", rows=22, cols=16384)
    assert e.what.startswith("arkusz sięga komórki XFD22 (22 wiersze × 16\xa0384 kolumny)")
    assert "wartość jest w komórce B22" in e.what
