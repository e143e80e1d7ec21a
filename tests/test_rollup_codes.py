"""Rollup files and the register refused with stable catalogue codes (groups „zestawienie” and „rejestr”, issue 16).

Every ``ROLLUP_*`` and ``REGISTER_*`` code is reached here by a file built for it (a regional rollup or a
register template edited the way a person or a broken program would), and its message is checked: the code on
the ``KsrError``, the location first, the catalogue's Polish text, and nothing a reader should not see – no
English, no program or command names, no internal sheet names or keys (the readable-text guard's checkers,
and its speller where Debian's hunspell-pl is installed). The end-to-end tests show the same messages in a
ministry's ``ksr run`` (run summary, „Jakość danych”) and from ``ksr rollup --register``.
"""
from __future__ import annotations

import os
import re
import shutil
import zipfile
from pathlib import Path
from typing import Callable, NamedTuple

import openpyxl
import pytest
from click.testing import CliRunner

from ksr_reports.cli import main
from ksr_reports.errors import KsrError
from ksr_reports.rollup import build_rollup, load_rollup, read_register, write_register_template, write_rollup
from ksr_reports.rollup import register as register_module
from ksr_reports.rollup.register import REGISTER_SHEET
from ksr_reports.validation.catalogue import ROLLUP_GROUPS, Code, message, place
from tests.readable.checks import Speller, agreement, dictionary_missing, english, internal_codes
from tests.readable.extract import DOCUMENT, Snippet

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "workbooks" / "samples"
META, STATS = "_rollup_meta", "Statystyki"
# what a reader must never see in these messages: program and command names, internal sheet names and keys,
# the reader library and its exception names
NEVER = ("ksr", "register-template", "python", "calamine", "openpyxl", "--", "_rollup_meta", "KSR-ROLLUP",
         "format_version", "stats_sha256", "Error", "Exception", "Panic")


# ---------------------------------------------------------------- files

@pytest.fixture(scope="module")
def regional(tmp_path_factory) -> Path:
    """A regional rollup of the four region 04 samples, as ``ksr rollup`` writes it."""
    folder = tmp_path_factory.mktemp("rsr")
    return write_rollup(build_rollup([SAMPLES / "04"], level="region"), folder / "RSR_04.xlsx")


def _edited(src: Path, dst: Path, edit: Callable) -> Path:
    """A copy of a workbook changed with openpyxl (a person editing it in a spreadsheet program)."""
    wb = openpyxl.load_workbook(src)
    edit(wb)
    wb.save(dst)
    return dst


def _set_meta(key: str, value: str) -> Callable:
    def edit(wb):
        for row in wb[META].iter_rows():
            if row[0].value == key:
                row[1].value = value
                return
        raise AssertionError(f"no meta row {key}")
    return edit


def _cell(sheet: str, ref: str, value) -> Callable:
    def edit(wb):
        wb[sheet][ref] = value
    return edit


def _drop_stats(wb) -> None:
    del wb[STATS]


def _xml_cell(src: Path, dst: Path, part: str, ref: str, cell: str) -> Path:
    """A copy whose cell ``ref`` in the zip member ``part`` is replaced by the XML ``cell`` (a broken writer)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == part:
                data, n = re.subn(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)'.encode(), cell.encode(), data, count=1)
                assert n == 1, f"no cell {ref} in {part}"
            zout.writestr(info, data)
    return dst


def _stats_part(path: Path) -> str:
    """The zip member of the statistics sheet (found through workbook.xml and its relationships)."""
    with zipfile.ZipFile(path) as zf:
        book = zf.read("xl/workbook.xml").decode()
        rels = zf.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet name="{STATS}"[^>]*r:id="(\w+)"', book).group(1)
    target = re.search(rf'<Relationship[^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels) \
        or re.search(rf'<Relationship[^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels)
    return "xl/" + target.group(1).lstrip("/").removeprefix("xl/")


class Case(NamedTuple):
    code: str
    make: Callable[[Path, Path], Path]        # (regional rollup or blank register, folder) -> the bad file
    starts: str                                # the message's beginning: its location (and first words)
    contains: str = ""


ROLLUP_CASES = [
    Case("ROLLUP_NOT_ROLLUP", lambda r, d: shutil.copy(SAMPLES / "04" / "LSR_0404011_2025.xlsx", d / "lsr.xlsx"),
         "lsr.xlsx: to nie jest zestawienie regionalne ani krajowe – brak w nim ukrytego arkusza z opisem zestawienia"),
    Case("ROLLUP_KIND", lambda r, d: _edited(r, d / "rodzaj.xlsx", _set_meta("kind", "INNY")),
         "rodzaj.xlsx: ukryty arkusz z opisem zestawienia nie oznacza zestawienia"),
    Case("ROLLUP_FORMAT", lambda r, d: _edited(r, d / "f7.xlsx", _set_meta("format_version", "7")),
         "f7.xlsx: zestawienie zapisano w formacie w wersji „7”, a ta wersja programu czyta formaty w wersjach 1 i 2."),
    Case("ROLLUP_LEVEL_PERIOD", lambda r, d: _edited(r, d / "poziom.xlsx", _set_meta("level", "gmina")),
         "poziom.xlsx: ukryty arkusz z opisem zestawienia nie podaje poprawnego poziomu zestawienia"),
    Case("ROLLUP_STATS_MISSING", lambda r, d: _edited(r, d / "bez.xlsx", _drop_stats),
         "bez.xlsx: brak ukrytego arkusza „Statystyki” ze statystykami poszczególnych LSR."),
    Case("ROLLUP_COLUMNS", lambda r, d: _edited(r, d / "kolumny.xlsx", _cell(STATS, "T1", "nowa kolumna")),
         "kolumny.xlsx, arkusz „Statystyki”, wiersz 1: układ kolumn nie odpowiada żadnej wersji formatu"),
    Case("ROLLUP_NUMBER", lambda r, d: _edited(r, d / "tekst.xlsx", _cell(STATS, "T3", "dużo")),
         "tekst.xlsx, arkusz „Statystyki”, wiersz 3, kolumna T: oczekiwano nieujemnej liczby, a jest „dużo”.",
         "Zestawień nie poprawia się ręcznie"),
    Case("ROLLUP_IDENTITY", lambda r, d: _edited(r, d / "kod.xlsx", _cell(STATS, "A2", "12345")),
         "kod.xlsx, arkusz „Statystyki”, wiersz 2: kod TERYT gminy siedziby LSR („12345”), kod województwa („04”) "
         "lub okres („2025”) jest niepoprawny"),
    Case("ROLLUP_CHECKSUM", lambda r, d: _edited(r, d / "poprawiony.xlsx", _cell(STATS, "I2", 7)),
         "poprawiony.xlsx, arkusz „Statystyki”: statystyki nie zgadzają się z sumą kontrolną zapisaną w zestawieniu",
         "poprawiono liczby ręcznie"),
    Case("ROLLUP_META_DAMAGED", lambda r, d: _edited(r, d / "jakosc.xlsx", _set_meta("quality", "{uszkodzone")),
         "jakosc.xlsx: zapisane w ukrytym arkuszu z opisem zestawienia dane o jakości i pochodzeniu danych"),
    Case("ROLLUP_SIZE", lambda r, d: _edited(r, d / "szeroki.xlsx", _cell(META, "H1", "dopisek")),
         "szeroki.xlsx, ukryty arkusz z opisem zestawienia: nietypowy rozmiar arkusza (",
         "kolumn), jakiego program nie zapisuje w zestawieniach."),
    Case("ROLLUP_REFUSED", lambda r, d: _edited(r, d / "daleko.xlsx", _cell(STATS, "XFD1048576", 1)),
         "daleko.xlsx, arkusz „Statystyki”: arkusz sięga komórki XFD1048576",
         "Plik nie jest zestawieniem w postaci, w jakiej zapisuje je program."),
    # a shared-string cell pointing past the table: the pre-flight lets it through, the reader fails on it
    Case("ROLLUP_UNREADABLE", lambda r, d: _xml_cell(r, d / "zepsuty.xlsx", _stats_part(r), "I2",
                                                     '<c r="I2" t="s"><v>99999</v></c>'),
         "zepsuty.xlsx: nie można odczytać zestawienia – program czytający arkusze zgłosił w nim błąd."),
]


def _register(path: Path, codes: list, edit: Callable | None = None) -> Path:
    """A register from the blank template, codes in column A from row 5, then ``edit``."""
    write_register_template(path, region="04")
    wb = openpyxl.load_workbook(path)
    ws = wb[REGISTER_SHEET]
    for i, code in enumerate(codes, start=5):
        ws.cell(row=i, column=1).value = code
    if edit:
        edit(wb)
    wb.save(path)
    return path


def _rename(wb) -> None:
    wb[REGISTER_SHEET].title = "Arkusz1"


def _text_register(path: Path) -> Path:
    path.write_text("Kod TERYT\n0404011\n0401011\n", encoding="utf-8")
    return path


def _abort_reading(path):
    """Stands for a register that kills the reader in its child process (the pre-flight keeps every such
    file we know of away from it, so none can be built); ends the child the way an abort does, without
    the fault handler's dump."""
    os._exit(134)


REGISTER_CASES = [
    Case("REGISTER_REFUSED", lambda _, d: _text_register(d / "rejestr_tekst.xlsx"),
         "Rejestr rejestr_tekst.xlsx: to zwykły plik tekstowy, a nie skoroszyt Excela.",
         "Przepisz kody TERYT do czystego wzoru rejestru LSR (plik rejestr_LSR.xlsx, do pobrania w programie"),
    Case("REGISTER_SHEET_MISSING", lambda _, d: _register(d / "nazwa.xlsx", ["0404011"], _rename),
         "Rejestr nazwa.xlsx: brak arkusza „Rejestr LSR”.", "i nie zmieniaj nazwy arkusza."),
    Case("REGISTER_TOO_LARGE", lambda _, d: _register(d / "szeroki.xlsx", ["0404011"], _cell(REGISTER_SHEET, "BH5", 1)),
         "Rejestr szeroki.xlsx, arkusz „Rejestr LSR”: za duży arkusz (5 wierszy × 60 kolumn); rejestr może mieć "
         "najwyżej 5\xa0000 wpisów i 50 kolumn."),
    Case("REGISTER_HEADER", lambda _, d: _register(d / "naglowek.xlsx", ["0404011"], _cell(REGISTER_SHEET, "A4", "Kod")),
         "Rejestr naglowek.xlsx, arkusz „Rejestr LSR”, komórka A4: oczekiwano nagłówka „Kod TERYT gminy siedziby LSR”."),
    Case("REGISTER_CODE", lambda _, d: _register(d / "kod.xlsx", ["0404011", "12345"]),
         "Rejestr kod.xlsx, arkusz „Rejestr LSR”, komórka A6: „12345” nie jest kodem TERYT gminy (7 cyfr, ostatnia 1, "
         "2 albo 3). Popraw kod albo usuń wiersz."),
    Case("REGISTER_DUPLICATE", lambda _, d: _register(d / "dwa.xlsx", ["0404011", "0401011", 404011]),
         "Rejestr dwa.xlsx, arkusz „Rejestr LSR”, komórka A7: kod 0404011 powtarza się (pierwszy raz w komórce A5). "
         "Usuń powtórzony wiersz."),
    Case("REGISTER_CRASH", lambda _, d: _register(d / "pada.xlsx", ["0404011"]),
         "Rejestr pada.xlsx: nie można odczytać rejestru – program czytający arkusze przerwał na nim pracę.",
         "Otwórz rejestr w Excelu lub LibreOffice i zapisz go ponownie jako .xlsx"),
]


# ---------------------------------------------------------------- what a reader sees

def _readable_problems(text: str) -> list:
    """The readable-text guard's verdicts on one message read in a document (the quality sheet)."""
    snippets = [Snippet("Jakość danych", "uwagi", text, DOCUMENT)]
    problems = agreement(snippets) + internal_codes(snippets) + english(snippets)
    if dictionary_missing() is None:
        problems += _speller().check(snippets)
    return problems


_SPELLER: list[Speller] = []


def _speller() -> Speller:
    if not _SPELLER:
        _SPELLER.append(Speller())
    return _SPELLER[0]


def _assert_for_people(text: str) -> None:
    assert not [w for w in NEVER if w in text], text
    assert not _readable_problems(text), "\n".join(map(str, _readable_problems(text)))


# ---------------------------------------------------------------- the tests

def test_every_rollup_and_register_code_has_a_case():
    codes = {c.name for c in Code if c.value.group in ROLLUP_GROUPS}
    assert {c.code for c in ROLLUP_CASES + REGISTER_CASES} == codes
    assert all(n.startswith("ROLLUP_") for n in codes if Code[n].value.group == "zestawienie")
    assert all(n.startswith("REGISTER_") for n in codes if Code[n].value.group == "rejestr")
    assert all(Code[n].severity == "error" for n in codes)


@pytest.mark.parametrize("case", ROLLUP_CASES, ids=[c.code for c in ROLLUP_CASES])
def test_rollup_file_refused_with_its_code(case, regional, tmp_path):
    bad = Path(case.make(regional, tmp_path))
    with pytest.raises(KsrError) as e:
        load_rollup(bad)
    text = str(e.value)
    assert e.value.code == case.code and e.value.exit_code == 1
    assert text.startswith(case.starts), text
    assert case.contains in text
    _assert_for_people(text)


@pytest.mark.parametrize("case", REGISTER_CASES, ids=[c.code for c in REGISTER_CASES])
def test_register_refused_with_its_code(case, tmp_path, monkeypatch):
    bad = Path(case.make(None, tmp_path))
    if case.code == "REGISTER_CRASH":
        monkeypatch.setattr(register_module, "_find_rows", _abort_reading)   # pickled by reference: any start method
    with pytest.raises(KsrError) as e:
        read_register(bad)
    text = str(e.value)
    assert e.value.code == case.code and e.value.exit_code == 1
    assert text.startswith(case.starts), text
    assert case.contains in text
    _assert_for_people(text)


def test_every_catalogue_text_of_the_two_groups_reads_as_polish():
    """Each text as the catalogue holds it, placeholders filled with plain values."""
    values = {"version": "7", "readable": "1 i 2", "sheet": "Statystyki", "value": "abc", "lsr_id": "0404011",
              "region": "04", "period": "2025-H1", "rows": 5, "cols": 2, "reason": "plik jest pusty.",
              "limit": 5000, "max_cols": 50, "expected": "Kod TERYT gminy siedziby LSR", "first": "A5"}
    for code in (c for c in Code if c.value.group in ROLLUP_GROUPS):
        text = message(code, place("plik.xlsx", "arkusz „Statystyki”"), **values)
        _assert_for_people(text)
        assert "I półrocze 2025" in text or "2025-H1" not in text


def test_message_and_place():
    assert place("a.xlsx", "", None, "wiersz 2") == "a.xlsx, wiersz 2"
    assert message("REGISTER_DUPLICATE", value="0404011", first="A5") == \
        "Kod 0404011 powtarza się (pierwszy raz w komórce A5). Usuń powtórzony wiersz."


def test_codes_travel_back_from_a_child_process(regional, tmp_path):
    """A rollup file is read in a child during a rollup; ``ksr report`` reads its input in one too: the error
    comes back with its code and message."""
    from ksr_reports.reports.render import render_report

    bad = _edited(regional, tmp_path / "poprawiony.xlsx", _cell(STATS, "I2", 7))
    with pytest.raises(KsrError) as e:
        render_report(bad, tmp_path / "raport.docx")
    assert e.value.code == "ROLLUP_CHECKSUM" and str(e.value).startswith("poprawiony.xlsx, arkusz „Statystyki”: ")


def test_ministry_run_lists_hand_edited_rollups_in_words(regional, tmp_path):
    """``ksr run`` over a ministry folder: the good regional file counts, each bad one is listed as unreadable
    with its located Polish message, in the run summary and in the quality sheet."""
    import python_calamine as pc

    folder = tmp_path / "ministerstwo"
    folder.mkdir()
    shutil.copy(regional, folder / "RSR_04.xlsx")
    source = write_rollup(build_rollup([SAMPLES / "06"], level="region"), tmp_path / "RSR_06.xlsx")
    _edited(source, folder / "RSR_06_poprawiony.xlsx", _cell(STATS, "I2", 7))
    _edited(source, folder / "RSR_06_daleko.xlsx", _cell(META, "XFD1048576", "x"))
    out = tmp_path / "wyniki"
    result = CliRunner().invoke(main, ["run", str(folder), "-o", str(out), "--level", "national", "--workers", "1"])
    assert result.exit_code == 1, result.output
    summary = (out / "podsumowanie.txt").read_text(encoding="utf-8")
    assert "Przyjęte do zestawienia: 1 plik" in summary and "Odrzucone: 2 pliki" in summary
    assert "RSR_06_poprawiony.xlsx: nieczytelny – arkusz „Statystyki”: statystyki nie " \
           "zgadzają się z sumą kontrolną" in summary
    assert "RSR_06_daleko.xlsx: nieczytelny – ukryty arkusz z opisem zestawienia: arkusz " \
           "sięga komórki XFD1048576" in summary
    rows = pc.CalamineWorkbook.from_path(str(out / "KSR_2025.xlsx")).get_sheet_by_name("Jakość danych").to_python()
    notes = {r[0]: r[-1] for r in rows if str(r[0]).startswith("RSR_06")}
    assert set(notes) == {"RSR_06_poprawiony.xlsx", "RSR_06_daleko.xlsx"}
    for note in notes.values():
        assert note.startswith("RSR_06_") and "utwórz zestawienie ponownie" in note.lower()
        _assert_for_people(note)


def test_rollup_with_a_bad_register_stops_with_the_cell(tmp_path):
    reg = _register(tmp_path / "rejestr.xlsx", ["0404011", "0404011"])
    out = tmp_path / "o.xlsx"
    result = CliRunner().invoke(main, ["rollup", str(SAMPLES / "04"), "--level", "region", "-o", str(out),
                                       "--register", str(reg)])
    assert result.exit_code == 1 and not out.exists()
    assert "Błąd: Rejestr rejestr.xlsx, arkusz „Rejestr LSR”, komórka A6: kod 0404011 powtarza się" in result.output
    assert "Traceback" not in result.output
