"""``ksr run`` on a realistic ROPS inbox: valid, invalid, duplicate, superseded, other-region, unreadable."""
from __future__ import annotations

import hashlib
import json
import shutil

import pytest
from click.testing import CliRunner

from ksr_reports import spec as S
from ksr_reports.cli import main
from ksr_reports.entry import register_errors

from .conftest import ROOT
from .inbox import EXPECTED_DECISIONS, make_mixed_inbox

SAMPLES = ROOT / "workbooks" / "samples"


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def inbox(tmp_path):
    return make_mixed_inbox(tmp_path / "skrzynka")


# The verdict sentence of each file's feedback (the line after the heading) in the mixed inbox.
VERDICTS = {
    "LSR_0404011_2025.xlsx": "Plik został przyjęty do zestawienia bez uwag. Dziękujemy.",
    "LSR_0463011_2025.xlsx": "Plik został przyjęty do zestawienia bez uwag. Dziękujemy.",
    "LSR_0405011_2025.xlsx": "Plik został przyjęty do zestawienia, z 1 ostrzeżeniem – sprawdź, czy dane są prawidłowe.",
    "LSR_0402032_2025.xlsx": "Plik nie został przyjęty do zestawienia, bo zawiera 1 błąd. Popraw wskazane komórki "
                             "w swoim pliku, zmień datę wypełnienia i wyślij go ponownie.",
    "LSR_0404011_kopia.xlsx": "Plik jest identyczną kopią pliku LSR_0404011_2025.xlsx, więc nie został policzony "
                              "drugi raz. Nic nie trzeba robić.",
    "LSR_0463011_stara_wersja.xlsx": "Plik nie został uwzględniony w zestawieniu, bo zastąpiła go nowsza wersja "
                                     "sprawozdania tej LSR: plik LSR_0463011_2025.xlsx. Jeśli właściwy jest ten plik, "
                                     "zmień w nim datę wypełnienia i wyślij go ponownie.",
    "LSR_0663011_2025.xlsx": "Plik nie został przyjęty do zestawienia, bo dotyczy LSR z innego województwa (lubelskie), "
                             "a zestawienie obejmuje województwo kujawsko-pomorskie. Prześlij go do Regionalnego "
                             "Ośrodka Polityki Społecznej właściwego dla siedziby LSR.",
    "LSR_0405011_2024.xlsx": "Plik nie został przyjęty do zestawienia, bo dotyczy innego okresu (2024), a zestawienie "
                             "obejmuje okres 2025. Jeśli to pomyłka, prześlij sprawozdanie za okres 2025.",
}
UNREADABLE = ("Pliku nie można odczytać, więc nie został przyjęty do zestawienia. "
              "Przyczyna i sposób poprawy są opisane poniżej.")
FEEDBACK_NAMES = {"LSR_uszkodzony.xlsx": "LSR_uszkodzony", "pismo_przewodnie.docx": "pismo_przewodnie",
                  "skan.jpg": "skan_jpg", "skan.png": "skan_png"}

SUMMARY_LINES = [
    "Podsumowanie przebiegu: województwo kujawsko-pomorskie, okres 2025",
    "Sprawdzono 12 plików wejściowych.",
    "Przyjęte do zestawienia: 3 pliki",
    "  • LSR_0404011_2025.xlsx (LSR 0404011): przyjęty",
    "  • LSR_0405011_2025.xlsx (LSR 0405011): przyjęty, z 1 ostrzeżeniem",
    "Odrzucone: 7 plików",
    "  • LSR_0402032_2025.xlsx (LSR 0402032): odrzucony – zawiera 1 błąd; szczegóły w informacji zwrotnej",
    "  • LSR_0405011_2024.xlsx (LSR 0405011): odrzucony – dotyczy innego okresu (2024)",
    "  • LSR_0663011_2025.xlsx (LSR 0663011): odrzucony – LSR z innego województwa (lubelskie); przekaż plik "
    "właściwemu Regionalnemu Ośrodkowi Polityki Społecznej",
    "Zastąpione nowszą wersją: 1 plik",
    "  • LSR_0463011_stara_wersja.xlsx (LSR 0463011): zastąpiony nowszą wersją: LSR_0463011_2025.xlsx",
    "Duplikaty (policzone raz): 1 plik",
    "  • LSR_0404011_kopia.xlsx (LSR 0404011): identyczna kopia pliku LSR_0404011_2025.xlsx – policzony raz",
]


def _verdicts(feedback):
    """File name → verdict line of every feedback text in the folder (the third line)."""
    out = {}
    for p in sorted(feedback.glob("*_uwagi.txt")):
        lines = p.read_text(encoding="utf-8").splitlines()
        out[lines[0].split(" (")[0].removeprefix("Informacja zwrotna do pliku ")] = (p.name, lines[2])
    return out


def _check_mixed_run(result, out):
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    summary = json.loads((out / "podsumowanie.json").read_text(encoding="utf-8"))
    assert summary["level"] == "region" and summary["region"] == "04" and summary["exit_code"] == 1
    assert {q["file"]: q["decision"] for q in summary["inputs"] if not q.get("via")} == EXPECTED_DECISIONS
    text = (out / "podsumowanie.txt").read_text(encoding="utf-8")
    assert text == result.output
    lines = text.splitlines()
    for line in SUMMARY_LINES:
        assert line in lines
    for name in ("RSR_04_2025.xlsx", "RSR_04_2025.docx"):
        assert (out / name).stat().st_size > 10_000
    verdicts = _verdicts(out / "informacje_zwrotne")
    assert set(verdicts) == set(EXPECTED_DECISIONS)
    for file, (feedback_name, verdict) in verdicts.items():
        assert verdict == VERDICTS.get(file, UNREADABLE), file
        assert feedback_name == FEEDBACK_NAMES.get(file, file.rsplit(".", 1)[0]) + "_uwagi.txt"
    assert sorted(p.name for p in (out / "informacje_zwrotne").glob("*.xlsx")) == [
        "LSR_0402032_2025_uwagi.xlsx", "LSR_0405011_2025_uwagi.xlsx"]
    bad = (out / "informacje_zwrotne" / "LSR_0402032_2025_uwagi.txt").read_text(encoding="utf-8")
    assert f"BŁĄD: Uczestnicy!{S.grid('flow').cell_of('end', 'm')}" in bad and "w kopii arkusza LSR_0402032_2025_uwagi.xlsx:" in bad
    assert "to nie jest skoroszyt Excel" in (out / "informacje_zwrotne" / "skan_png_uwagi.txt").read_text(encoding="utf-8")
    return summary


@pytest.mark.parametrize("workers", [1, 2])   # 2: validation, workbook, charts and annotated copies on a pool
def test_run_on_a_mixed_inbox(inbox, tmp_path, workers):
    before = _digest(inbox)
    out = tmp_path / "wyniki"
    result = CliRunner().invoke(main, ["run", str(inbox), "-o", str(out), "--workers", str(workers)])
    _check_mixed_run(result, out)
    assert _digest(inbox) == before, "inputs must never be modified"


def test_run_twice_into_the_inbox_is_the_same_regional_run(inbox):
    """The output folder inside the inbox is never read: the second run takes the same decisions,
    writes the same workbook and feedback, and replaces (not mixes) the earlier feedback."""
    out = inbox / "wyniki"
    first = CliRunner().invoke(main, ["run", str(inbox), "-o", str(out)])
    summary = _check_mixed_run(first, out)
    workbook, feedback = (out / "RSR_04_2025.xlsx").read_bytes(), _digest(out / "informacje_zwrotne")
    (out / "informacje_zwrotne" / "LSR_0409011_2025_uwagi.txt").write_text("stara informacja", encoding="utf-8")   # stale
    (out / "informacje_zwrotne" / "notatka ROPS.txt").write_text("moja notatka", encoding="utf-8")                # not ours
    second = CliRunner().invoke(main, ["run", str(inbox), "-o", str(out)])
    assert _check_mixed_run(second, out)["inputs"] == summary["inputs"]
    assert "Pominięto 20 plików z katalogów wyników programu (wyniki nie są danymi wejściowymi)." in second.output
    assert (out / "RSR_04_2025.xlsx").read_bytes() == workbook
    assert not (out / "informacje_zwrotne" / "LSR_0409011_2025_uwagi.txt").exists()
    assert (out / "informacje_zwrotne" / "notatka ROPS.txt").read_text(encoding="utf-8") == "moja notatka"
    (out / "informacje_zwrotne" / "notatka ROPS.txt").unlink()
    again = _digest(out / "informacje_zwrotne")
    assert again.keys() == feedback.keys()
    assert {k: v for k, v in again.items() if k.endswith(".txt")} == {k: v for k, v in feedback.items() if k.endswith(".txt")}
    assert not [p for p in inbox.rglob("*") if "_uwagi_uwagi" in p.name or "KSR_" in p.name]


def test_run_with_a_stated_region(inbox, tmp_path):
    """--region states the region of the run: the one file of województwo 06 is counted, the rest refused."""
    out = tmp_path / "lubelskie"
    result = CliRunner().invoke(main, ["run", str(inbox), "-o", str(out), "--region", "06"])
    assert result.exit_code == 1, result.output
    assert result.output.startswith("Podsumowanie przebiegu: województwo lubelskie, okres 2025\n")
    assert "Przyjęte do zestawienia: 1 plik\n  • LSR_0663011_2025.xlsx (LSR 0663011): przyjęty\n" in result.output
    assert (out / "RSR_06_2025.xlsx").exists()
    verdict = _verdicts(out / "informacje_zwrotne")["LSR_0404011_2025.xlsx"][1]
    assert verdict == ("Plik nie został przyjęty do zestawienia, bo dotyczy LSR z innego województwa "
                       "(kujawsko-pomorskie), a zestawienie obejmuje województwo lubelskie. Prześlij go do "
                       "Regionalnego Ośrodka Polityki Społecznej właściwego dla siedziby LSR.")


@pytest.mark.parametrize("args, message", [
    (["--region", "99"], "Błąd: Nieznany kod województwa „99”. Podaj dwucyfrowy kod, np. 02 (dolnośląskie), "
                         "04 (kujawsko-pomorskie).\n"),
    (["--region", "04", "--level", "national"],
     "Błąd: Województwo (--region) podaje się tylko dla zestawienia regionalnego, a nie krajowego.\n"),
])
def test_run_with_a_wrong_region_stops_before_reading(tmp_path, args, message):
    out = tmp_path / "w"
    result = CliRunner().invoke(main, ["run", str(SAMPLES / "04"), "-o", str(out), *args])
    assert result.exit_code == 2 and result.output == message
    assert not out.exists()


def test_inbox_files_skip_what_a_run_wrote(tmp_path):
    """In a folder holding a run summary, the summaries, feedback and report are skipped; the rollup
    workbook stays an input (a ministry folder holds the regions' output folders)."""
    from ksr_reports.run_files import inbox_files

    region = tmp_path / "krajowe" / "04"
    (region / "informacje_zwrotne").mkdir(parents=True)
    (region / "podsumowanie.json").write_text(json.dumps({"level": "region", "inputs": []}), encoding="utf-8")
    for name in ("podsumowanie.txt", "RSR_04_2025.xlsx", "RSR_04_2025.docx", "informacje_zwrotne/LSR_1_uwagi.txt"):
        (region / name).write_text("x", encoding="utf-8")
    (tmp_path / "krajowe" / "LSR_0663011_2025.xlsx").write_text("x", encoding="utf-8")
    (tmp_path / "krajowe" / "wyniki").mkdir()
    (tmp_path / "krajowe" / "wyniki" / "KSR_2025.xlsx").write_text("x", encoding="utf-8")
    found = inbox_files(tmp_path / "krajowe", tmp_path / "krajowe" / "wyniki")
    rel = lambda ps: sorted(p.relative_to(tmp_path / "krajowe").as_posix() for p in ps)   # noqa: E731
    assert rel(found.files) == ["04/RSR_04_2025.xlsx", "LSR_0663011_2025.xlsx"]
    assert rel(found.skipped) == ["04/RSR_04_2025.docx", "04/informacje_zwrotne/LSR_1_uwagi.txt", "04/podsumowanie.json",
                                  "04/podsumowanie.txt", "wyniki/KSR_2025.xlsx"]


def test_feedback_names_are_distinct_and_readable(tmp_path):
    from ksr_reports.run_files import feedback_names

    paths = [tmp_path / n for n in ("X.jpg", "X.png", "a/LSR.xlsx", "b/LSR.xlsx", "Y.xlsx", "y.XLSX", "Z.xlsx")]
    # Y.xlsx and y.XLSX: one name on Windows, same folder: numbered
    assert list(feedback_names(paths).values()) == ["X_jpg", "X_png", "a_LSR_xlsx", "b_LSR_xlsx", "Y_xlsx",
                                                    "y_XLSX_2", "Z"]


def test_run_is_repeatable_and_exits_0_when_all_accepted(tmp_path):
    """The same inbox gives the same outputs, in one process or on a pool of two."""
    box = tmp_path / "skrzynka"
    shutil.copytree(SAMPLES / "22", box)
    outs = []
    for n in (1, 2):
        out = tmp_path / f"wyniki{n}"
        result = CliRunner().invoke(main, ["run", str(box), "-o", str(out), "--workers", str(n)])
        assert result.exit_code == 0, result.output
        outs.append(out)
    assert _digest(outs[0] / "informacje_zwrotne") == _digest(outs[1] / "informacje_zwrotne")
    assert (outs[0] / "RSR_22_2025.xlsx").read_bytes() == (outs[1] / "RSR_22_2025.xlsx").read_bytes()
    assert (outs[0] / "podsumowanie.json").read_text() == (outs[1] / "podsumowanie.json").read_text()


def test_run_national_from_regional_rollups_matches_direct(tmp_path):
    """The ministry's run over regional files gives the same national statistics as over all LSR files."""
    from ksr_reports.rollup import load_rollup

    regional = tmp_path / "regionalne"
    regional.mkdir()
    for region in sorted(p.name for p in SAMPLES.iterdir() if p.is_dir()):
        r = CliRunner().invoke(main, ["run", str(SAMPLES / region), "-o", str(tmp_path / region)])
        assert r.exit_code == 0, r.output
        shutil.copy(tmp_path / region / f"RSR_{region}_2025.xlsx", regional)
    for source, name in ((regional, "z_regionow"), (SAMPLES, "bezposrednio")):
        r = CliRunner().invoke(main, ["run", str(source), "-o", str(tmp_path / name), "--level", "national"])
        assert r.exit_code == 0, r.output
    a = load_rollup(tmp_path / "z_regionow" / "KSR_2025.xlsx")
    b = load_rollup(tmp_path / "bezposrednio" / "KSR_2025.xlsx")
    assert a.totals == b.totals
    assert [(u.unit_id, u.stats) for u in a.lsrs] == [(u.unit_id, u.stats) for u in b.lsrs]


def test_run_usage_errors_are_polish(tmp_path):
    empty = tmp_path / "pusta"
    empty.mkdir()
    result = CliRunner().invoke(main, ["run", str(empty), "-o", str(tmp_path / "w")])
    assert result.exit_code == 2
    assert "jest pusty" in result.output


def test_run_with_a_broken_thresholds_file_stops_before_any_work(tmp_path):
    bad = tmp_path / "progi.toml"
    bad.write_text("to nie jest = [toml\n", encoding="utf-8")
    out = tmp_path / "wyniki"
    result = CliRunner().invoke(main, ["run", str(SAMPLES / "04"), "-o", str(out), "--thresholds", str(bad)])
    assert result.exit_code == 1
    assert "Plik progów" in result.output and "TOML" in result.output and "Traceback" not in result.output
    assert "wiersz 1, kolumna" in result.output and "bez --thresholds" in result.output     # where, how to fix
    assert not out.exists()


def _ksr() -> list[str]:
    """The installed console script (it sets the console's error handling), next to this Python."""
    import os
    import sys
    from pathlib import Path

    script = Path(sys.executable).with_name("ksr.exe" if os.name == "nt" else "ksr")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from ksr_reports.entry import main; main()"]


@pytest.mark.parametrize("encoding", ["cp852", "cp65001"])
def test_run_on_a_windows_console_with_spawned_workers(tmp_path, encoding):
    """As on a ROPS computer: a console code page (output redirected to a file), a folder with spaces
    and Polish letters, child processes started with "spawn" (Windows has no fork). The run ends
    normally (exit 1: the inbox has rejected files), with what the code page can show."""
    import os
    import subprocess

    inbox = make_mixed_inbox(tmp_path / "Skrzynka ROPS – łódzkie")
    out = inbox / "wyniki ąę"
    env = {**os.environ, "PYTHONIOENCODING": encoding, "KSR_START_METHOD": "spawn"}
    with (tmp_path / "ekran.txt").open("wb") as screen:
        done = subprocess.run(_ksr() + ["run", str(inbox), "-o", str(out), "--workers", "2"], stdout=screen,
                              stderr=subprocess.PIPE, env=env, timeout=300)
    errors = done.stderr.decode(encoding)
    assert done.returncode == 1 and "Błąd" not in errors and "Traceback" not in errors, errors
    text = (tmp_path / "ekran.txt").read_bytes().decode(encoding)
    assert text.startswith("Podsumowanie przebiegu: województwo kujawsko-pomorskie, okres 2025\n")
    shown = lambda line: line.encode(encoding, register_errors()).decode(encoding)   # noqa: E731
    assert shown("  • LSR_0405011_2024.xlsx (LSR 0405011): odrzucony – dotyczy innego okresu (2024)\n") in text
    assert shown(f"  raport (docx): {out / 'RSR_04_2025.docx'}\n") in text
    if encoding == "cp852":      # no "•" nor "–" in cp852: look-alikes, Polish letters kept
        assert "  * LSR_0405011_2024.xlsx (LSR 0405011): odrzucony - dotyczy innego okresu (2024)\n" in text
    saved = json.loads((out / "podsumowanie.json").read_text(encoding="utf-8"))
    assert {q["file"]: q["decision"] for q in saved["inputs"]} == EXPECTED_DECISIONS
    assert (out / "podsumowanie.txt").read_text(encoding="utf-8").startswith("Podsumowanie przebiegu: województwo")


def _report(errors=0, warnings=0, unreadable=False, period="2025-H1"):
    from pathlib import Path

    from ksr_reports.validation import FileReport, Finding

    issues = [Finding("error", "X", "Uczestnicy", "C22", f"Uczestnicy!C22: błąd {i}.") for i in range(errors)]
    issues += [Finding("warning", "Y", "Finansowanie", "B5", f"Finansowanie!B5: uwaga {i}.") for i in range(warnings)]
    return FileReport(Path("/skrzynka/LSR_0404011.xlsx"), issues=issues, lsr_id="0404011", period=period,
                      unreadable=unreadable)


@pytest.mark.parametrize("outcome, report, verdict", [
    (("counted",), {}, "Plik został przyjęty do zestawienia bez uwag. Dziękujemy."),
    (("counted",), {"warnings": 1},
     "Plik został przyjęty do zestawienia, z 1 ostrzeżeniem – sprawdź, czy dane są prawidłowe."),
    (("counted",), {"warnings": 5},
     "Plik został przyjęty do zestawienia, z 5 ostrzeżeniami – sprawdź, czy dane są prawidłowe."),
    (("invalid",), {"errors": 2},
     "Plik nie został przyjęty do zestawienia, bo zawiera 2 błędy. Popraw wskazane komórki w swoim pliku, zmień "
     "datę wypełnienia i wyślij go ponownie."),
    (("invalid",), {"errors": 5, "warnings": 1},
     "Plik nie został przyjęty do zestawienia, bo zawiera 5 błędów i 1 ostrzeżenie. Popraw wskazane komórki w swoim "
     "pliku, zmień datę wypełnienia i wyślij go ponownie."),
    (("unreadable",), {"errors": 1, "unreadable": True},
     "Pliku nie można odczytać, więc nie został przyjęty do zestawienia. Przyczyna i sposób poprawy są opisane poniżej."),
    (("other_region", "", "kujawsko-pomorskie", "lubelskie"), {},
     "Plik nie został przyjęty do zestawienia, bo dotyczy LSR z innego województwa (lubelskie), a zestawienie obejmuje "
     "województwo kujawsko-pomorskie. Prześlij go do Regionalnego Ośrodka Polityki Społecznej właściwego dla "
     "siedziby LSR."),
    (("other_region", "", "kujawsko-pomorskie", ""), {"errors": 1},
     "Plik nie został przyjęty do zestawienia, bo nie ma w nim poprawnego kodu TERYT gminy, więc nie wiadomo, którego "
     "województwa dotyczy (zestawienie obejmuje województwo kujawsko-pomorskie). Wpisz kod TERYT gminy siedziby LSR "
     "i wyślij plik ponownie."),
    (("other_period", "", "", "", "2025-H2"), {},
     "Plik nie został przyjęty do zestawienia, bo dotyczy innego okresu (I półrocze 2025), a zestawienie obejmuje "
     "okres II półrocze 2025. Jeśli to pomyłka, prześlij sprawozdanie za okres II półrocze 2025."),
    (("superseded", "LSR_0404011_poprawiony.xlsx"), {"warnings": 1},
     "Plik nie został uwzględniony w zestawieniu, bo zastąpiła go nowsza wersja sprawozdania tej LSR: plik "
     "LSR_0404011_poprawiony.xlsx. Jeśli właściwy jest ten plik, zmień w nim datę wypełnienia i wyślij go ponownie."),
    (("duplicate", "LSR_0404011_2025.xlsx"), {},
     "Plik jest identyczną kopią pliku LSR_0404011_2025.xlsx, więc nie został policzony drugi raz. "
     "Nic nie trzeba robić."),
])
def test_feedback_verdict_for_every_outcome(outcome, report, verdict):
    """Every decision a run can take has its own sentence; the findings follow it."""
    from ksr_reports.validation.feedback import OUTCOMES, Outcome, feedback_text

    assert outcome[0] in OUTCOMES
    rep = _report(**report)
    lines = feedback_text(rep, Outcome(*outcome)).splitlines()
    assert lines[:4] == ["Informacja zwrotna do pliku LSR_0404011.xlsx (LSR 0404011, okres I półrocze 2025)", "",
                         verdict, ""]
    assert lines[4:] == [f"{'BŁĄD' if f.severity == 'error' else 'UWAGA'}: {f.message}" for f in rep.issues]


def test_feedback_covers_every_outcome():
    from ksr_reports.validation.feedback import OUTCOMES, Outcome, verdict

    sentences = {verdict(Outcome(kind, "X.xlsx", "a", "b", "2025"), _report()) for kind in OUTCOMES}
    assert len(sentences) == len(OUTCOMES)


def test_run_outputs_into_the_inbox_itself_is_a_usage_error(tmp_path):
    box = tmp_path / "skrzynka"
    shutil.copytree(SAMPLES / "04", box)
    result = CliRunner().invoke(main, ["run", str(box), "-o", str(box)])
    assert result.exit_code == 2
    assert result.output == (f"Błąd: Katalog wyników nie może być samym katalogiem skrzynki ({box}). Podaj inny "
                             f"katalog albo podkatalog skrzynki, np. {box / 'wyniki'}.\n")


def test_inbox_inside_the_output_folder_is_read(tmp_path):
    """-o a folder that holds the inbox: nothing of the inbox is skipped."""
    from ksr_reports.run_files import inbox_files

    box = tmp_path / "skrzynka"
    shutil.copytree(SAMPLES / "04", box)
    assert len(inbox_files(box, tmp_path).files) == 4
