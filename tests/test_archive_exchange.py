"""``ksr archive import/export/info`` (issue 14 §1): the export round trip, importing workbooks, rollups and
exports, refusals, and the commands' exact output."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
import python_calamine as pc
from click.testing import CliRunner

from ksr_reports.archive import Archive
from ksr_reports.archive import layout as Y
from ksr_reports.cli import main

from .conftest import ROOT
from .test_archive_support import a_finding, lsr_record, quality, region_run, rollup_record, unit_of

SAMPLES = ROOT / "workbooks" / "samples"


def _filled(path: Path) -> Path:
    """An archive with every kind of content: runs, an invalid file with findings, explanations and texts,
    a superseded submission, a ministry run with LSR rows inside a rollup file, two-decimal statistics."""
    texts = {"barriers": [{"category": "transport", "description": "Brak dojazdu.", "support": "Bilety."}],
             "explanations": [{"sheet": "Uczestnicy", "cell": "C7", "code": "W_SKOK", "text": "Nowy partner."}]}
    counted = lsr_record("0402032", "2024", "2025-01-20", status="warnings", texts=texts,
                         issues=[a_finding(explanation="Nowy partner."), a_finding()])
    old = lsr_record("0402032", "2024", "2025-01-05", seed=1)
    invalid = lsr_record("0404011", "2024", "2025-01-07", status="invalid", issues=[a_finding("error")])
    inner = [unit_of(r) for r in region_run("06", "2024", 3)]
    rollup = rollup_record("06", "2024", inner)
    with Archive.open(path) as arc:
        regional = [counted, old, invalid]
        arc.record_run(level="region", period="2024", region="04", records=regional,
                       quality=quality(regional, {old.path: "superseded"}))
        arc.record_run(level="national", period="2024", region=None, records=[rollup], quality=quality([rollup]))
        recs = region_run("04", "2025", 2)
        arc.record_run(level="region", period="2025", region="04", records=recs, quality=quality(recs))
    return path


def _sheets(path: Path) -> dict:
    """Every sheet's cells; the export date (info sheet, marker) taken out."""
    wb = pc.CalamineWorkbook.from_path(str(path))
    out = {}
    for name in wb.sheet_names:
        rows = wb.get_sheet_by_name(name).to_python()
        out[name] = [r for r in rows if not (r and r[0] in ("exported_at", "Data eksportu (UTC)"))]
    return out


def _statistics(path: Path) -> dict:
    with Archive.open(path) as arc:
        periods = {p["period"] for p in arc.info()["periods"]}
        return {(p, lsr): (u.stats, u.sha256, u.texts) for p in periods
                for lsr, u in arc._current([p]).get(p, {}).items()}


def test_export_import_export_gives_the_same_content_and_exact_statistics(tmp_path):
    first = _filled(tmp_path / "a" / "archiwum.sqlite")
    with Archive.open(first) as arc:
        out1 = arc.export(tmp_path / "eksport ł.xlsx")
    second = tmp_path / "b" / "archiwum.sqlite"
    with Archive.open(second) as arc:
        result = arc.import_files([out1])
        out2 = arc.export(tmp_path / "eksport 2.xlsx")
    assert [(f.kind, f.outcome, f.files, f.submissions) for f in result.files] == [("export", "added", 6, 7)]
    one, two = _sheets(out1), _sheets(out2)
    assert one == two
    assert set(one) == {"Informacje", "Pliki", "Sprawozdania", "Uwagi", "Teksty", "Przebiegi", "Decyzje przebiegów",
                        Y.MARKER_SHEET}
    stats1, stats2 = _statistics(first), _statistics(second)
    assert stats1 == stats2 and len(stats1) == 6
    for key, (st, _, _) in stats1.items():                   # exactly: same values and same types
        assert [type(v) for v in st.values()] == [type(v) for v in stats2[key][0].values()]
    assert stats1[("2024", "0402032")][2]["barriers"][0]["support"] == "Bilety."
    with sqlite3.connect(second) as db:         # findings with the coordinator's explanation came along
        assert db.execute("SELECT count(*), count(explanation) FROM findings").fetchone() == (3, 1)
    with Archive.open(second) as arc:           # importing it again adds nothing
        again = arc.import_files([out1])
    assert [(f.outcome, f.files, f.submissions) for f in again.files] == [("known", 0, 0)]


def test_an_edited_export_is_refused(tmp_path):
    import openpyxl

    with Archive.open(_filled(tmp_path / "a.sqlite")) as arc:
        out = arc.export(tmp_path / "eksport.xlsx")
    wb = openpyxl.load_workbook(out)
    wb["Pliki"].delete_rows(3)
    wb.save(out)
    with Archive.open(tmp_path / "b.sqlite") as arc:
        result = arc.import_files([out])
    assert result.exit_code == 1
    assert result.files[0].message == ("eksport.xlsx, arkusz Pliki: liczba wierszy nie zgadza się z opisem eksportu "
                                       "(arkusz był edytowany?). Plik nie jest eksportem archiwum w postaci zapisanej "
                                       "przez program; wykonaj eksport ponownie.")


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "dane"))
    return tmp_path


def test_cli_import_of_workbooks_a_rollup_and_a_bad_file(env, sample_paths):
    from ksr_reports.rollup import build_rollup, write_rollup

    inbox = env / "stare pliki"
    shutil.copytree(SAMPLES / "04", inbox)
    rollup = write_rollup(build_rollup([SAMPLES / "06"], level="region", workers=1), env / "RSR_06_2025.xlsx")
    (inbox / "zły.xlsx").write_text("to nie jest skoroszyt", encoding="utf-8")
    archive = env / "archiwum ś.sqlite"
    r = CliRunner().invoke(main, ["archive", "import", str(inbox), str(rollup), "--archive", str(archive),
                                  "--workers", "1"])
    assert r.exit_code == 1, r.output
    names = sorted(p.name for p in (SAMPLES / "04").glob("*.xlsx"))
    lines = r.stdout.splitlines()
    assert lines[0] == f"Archiwum: {archive}"
    assert lines[1:5] == [f"{n}: arkusz LSR {n[4:11]} za 2025 – dodano do archiwum wraz ze statystykami." for n in names]
    assert lines[5:] == ["RSR_06_2025.xlsx: zestawienie za 2025 – dodano 4 sprawozdania LSR.",
                         "Dodano do archiwum: 6 plików, 8 sprawozdań LSR."]
    assert r.stderr.startswith("Nie przyjęto – zły.xlsx: ")
    assert r.stderr.endswith("Uwaga: nie przyjęto 1 pliku.\n")
    with Archive.open(archive) as arc:
        hist = arc.history("2026")
    assert {u.unit_id for u in hist.of_period("2025")} == {n[4:11] for n in names} | {
        p.name[4:11] for p in (SAMPLES / "06").glob("*.xlsx")}
    info = CliRunner().invoke(main, ["archive", "info", "--archive", str(archive)])
    assert info.exit_code == 0
    assert info.output == (f"Archiwum: {archive}\nWersja schematu: 2\n"
                           "Zawartość: 6 plików, 8 sprawozdań LSR ze statystykami, 1 przebieg.\n"
                           "  2025: 8 LSR, 5 plików\n"
                           "  okres nieustalony (pliki nieczytelne lub bez okresu): 1 plik\n")


def test_cli_export_and_info_use_the_default_archive(env):
    default = env / "dane" / "ksr-reports" / "archiwum.sqlite"
    r = CliRunner().invoke(main, ["archive", "info"])
    assert r.exit_code == 0 and r.output == (f"Archiwum: {default}\nArchiwum jeszcze nie istnieje: powstanie przy "
                                             "pierwszym przebiegu ksr run z archiwum.\n")
    r = CliRunner().invoke(main, ["archive", "export", "-o", str(env / "e.xlsx")])
    assert r.exit_code == 1
    assert r.stderr == (f"Błąd: Archiwum {default} nie istnieje. Powstaje przy pierwszym przebiegu ksr run z archiwum "
                        "albo poleceniem ksr archive import; podaj właściwy plik w opcji --archive.\n")
    _filled(default)
    r = CliRunner().invoke(main, ["archive", "export", "-o", str(env / "wyniki ż" / "e.xlsx")])
    assert r.exit_code == 0 and r.output == f"Archiwum: {default}\nZapisano eksport archiwum: {env / 'wyniki ż' / 'e.xlsx'}\n"
    r = CliRunner().invoke(main, ["archive", "info"])
    assert r.output == (f"Archiwum: {default}\nWersja schematu: 2\n"
                        "Zawartość: 6 plików, 7 sprawozdań LSR ze statystykami, 3 przebiegi.\n"
                        "  2024: 4 LSR, 4 pliki\n  2025: 2 LSR, 2 pliki\n")


def test_archive_commands_help_is_polish():
    usage = {"import": "Użycie: ksr archive import [OPCJE] ŚCIEŻKA...", "export": "Użycie: ksr archive export [OPCJE]",
             "info": "Użycie: ksr archive info [OPCJE]"}
    for name, first in usage.items():
        text = CliRunner().invoke(main, ["archive", name, "--help"], prog_name="ksr").output
        assert text.splitlines()[0] == first
        assert "--archive PLIK" in text and "[OPTIONS]" not in text and "PATH" not in text and "Options" not in text


def _edited(export: Path, out: Path, edit) -> Path:
    """A copy of ``export`` with ``edit(workbook)`` applied (openpyxl), the marker's row counts kept true."""
    import openpyxl

    wb = openpyxl.load_workbook(export)
    edit(wb)
    for row in wb[Y.MARKER_SHEET].iter_rows():
        if str(row[0].value).startswith("rows:"):
            ws = wb[row[0].value[5:]]
            row[1].value = str(sum(1 for r in ws.iter_rows(min_row=2, values_only=True) if any(r)))
    wb.save(out)
    return out


def _set(sheet: str, header: str, value):
    def edit(wb):
        ws = wb[sheet]
        ws.cell(2, [c.value for c in ws[1]].index(header) + 1).value = value
    return edit


def _repeat_first_finding(wb):
    ws = wb["Uwagi"]
    ws.append([c.value for c in ws[2]])


def test_cli_import_refuses_an_export_with_a_value_the_archive_cannot_hold_and_imports_the_rest(env):
    """Numbers from 2**53 up, and a row repeating its table's key (schema UNIQUE/PRIMARY KEY), refuse that
    export with a Polish message naming sheet and row; the other files of the same import are added."""
    with Archive.open(_filled(env / "a.sqlite")) as arc:
        export = arc.export(env / "eksport.xlsx")
    inbox = env / "do importu"
    inbox.mkdir()
    _edited(export, inbox / "e1 statystyka.xlsx", _set("Sprawozdania", "lsr.count", 1e20))
    _edited(export, inbox / "e2 rozmiar.xlsx", _set("Pliki", "Rozmiar (bajty)", 2.0**63))
    _edited(export, inbox / "e3 numer.xlsx", _set("Uwagi", "Nr", 2**53))
    _edited(export, inbox / "e4 ułamek.xlsx", _set("Uwagi", "Nr", 1.5))
    _edited(export, inbox / "e5 uwaga.xlsx", _repeat_first_finding)
    lsr = sorted((SAMPLES / "04").glob("*.xlsx"))[0]
    shutil.copy(lsr, inbox / lsr.name)
    archive = env / "b.sqlite"
    r = CliRunner().invoke(main, ["archive", "import", str(inbox), "--archive", str(archive), "--workers", "1"])
    assert r.exit_code == 1, r.output
    tail = " Plik nie jest eksportem archiwum w postaci zapisanej przez program; wykonaj eksport ponownie."
    finding = "LSR_0402032_2024_bb6aa8.xlsx"
    assert r.stderr.splitlines() == [
        "Nie przyjęto – e1 statystyka.xlsx, arkusz Sprawozdania, wiersz 2, kolumna lsr.count: liczba "
        "100000000000000000000 jest za duża, by mogła pochodzić z archiwum." + tail,
        "Nie przyjęto – e2 rozmiar.xlsx, arkusz Pliki, wiersz 2, kolumna Rozmiar (bajty): liczba 9223372036854775808 "
        "jest za duża, by mogła pochodzić z archiwum." + tail,
        "Nie przyjęto – e3 numer.xlsx, arkusz Uwagi, wiersz 2, kolumna Nr: liczba 9007199254740992 jest za duża, by "
        "mogła pochodzić z archiwum." + tail,
        "Nie przyjęto – e4 ułamek.xlsx, arkusz Uwagi, wiersz 2, kolumna Nr: oczekiwano liczby całkowitej, jest „1.5”."
        + tail,
        f"Nie przyjęto – e5 uwaga.xlsx, arkusz Uwagi, wiersz 5: uwaga nr 1 do pliku „{finding}” występuje drugi raz "
        "(pierwszy raz w wierszu 2)." + tail,
        "Uwaga: nie przyjęto 5 plików."]
    assert r.stdout.splitlines()[1:] == [
        f"{lsr.name}: arkusz LSR {lsr.name[4:11]} za 2025 – dodano do archiwum wraz ze statystykami.",
        "Dodano do archiwum: 1 plik, 1 sprawozdanie LSR."]
    with Archive.open(archive) as arc:
        assert {u.unit_id for u in arc.history("2026").of_period("2025")} == {lsr.name[4:11]}


def test_every_key_the_archive_keeps_unique_is_checked_on_import(tmp_path):
    """A repeated run, file, submission, finding, text field or run decision: refused, naming both rows."""
    from ksr_reports.archive.exported import read_export
    from ksr_reports.errors import KsrError

    with Archive.open(_filled(tmp_path / "a.sqlite")) as arc:
        export = arc.export(tmp_path / "eksport.xlsx")

    def repeat(sheet, row=2):
        def edit(wb):
            wb[sheet].append([c.value for c in wb[sheet][row]])
        return edit

    expected = {"Przebiegi": "przebieg ", "Pliki": "plik „", "Sprawozdania": "sprawozdanie LSR ", "Uwagi": "uwaga nr 1 ",
                "Teksty": "pole „", "Decyzje przebiegów": "decyzja przebiegu o pliku „"}
    for sheet, what in expected.items():
        out = _edited(export, tmp_path / "e.xlsx", repeat(sheet))
        with pytest.raises(KsrError) as e:
            read_export(out)
        n = sum(1 for _ in pc.CalamineWorkbook.from_path(str(out)).get_sheet_by_name(sheet).to_python())
        assert str(e.value).startswith(f"e.xlsx, arkusz {sheet}, wiersz {n}: {what}"), str(e.value)
        assert "występuje drugi raz (pierwszy raz w wierszu 2)." in str(e.value)


def test_a_value_merge_cannot_write_refuses_only_that_export(tmp_path):
    """Belt and braces behind read_export: should merging an export still fail, that export alone is
    refused (rolled back to before it) and the import's transaction goes on."""
    from ksr_reports.archive.exported import read_export
    from ksr_reports.archive.importer import ExportRecord, _outcome

    with Archive.open(_filled(tmp_path / "a.sqlite")) as arc:
        export = arc.export(tmp_path / "eksport.xlsx")
    data = read_export(export)
    data.stats[-1]["lsr.count"] = 2**64
    with Archive.open(tmp_path / "b.sqlite") as arc:
        with arc.write() as db:
            out = _outcome(db, ExportRecord(str(export), data=data), {})
            assert out.outcome == "refused"
            assert out.message == ("eksport.xlsx: zawartości eksportu nie można zapisać w archiwum. Plik "
                                   "nie jest eksportem archiwum w postaci zapisanej przez program; wykonaj eksport "
                                   "ponownie.")
            assert db.execute("SELECT count(*) FROM files").fetchone() == (0,)
            db.execute("INSERT INTO keysets (keys) VALUES ('[]')")        # the transaction is still usable
        result = arc.import_files([export])
    assert [(f.outcome, f.files, f.submissions) for f in result.files] == [("added", 6, 7)]
