"""The library API: samples are clean, inputs untouched, tolerance, hints, robustness."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from ksr_reports import spec as S
from ksr_reports.validation import Code, RunReport, validate_file, validate_paths
from ksr_reports.validation import engine
from ksr_reports.validation.check_cells import DATE_RULES

from .conftest import TERC_PATH
from .corpus import base_data, cell_in, form, tref, write_valid

COMMITTED_SAMPLES = Path(__file__).resolve().parents[2] / "workbooks" / "samples"


def _codes(report):
    return [(f.code, f.sheet, f.cell) for f in report.issues]


def test_bundled_samples_have_no_findings_at_all():
    run = validate_paths([COMMITTED_SAMPLES], terc=TERC_PATH)
    assert len(run.files) >= 18
    unexplained = [(f.path.name, _codes(f)) for f in run.files for i in f.issues if not i.explanation]
    assert unexplained == [] and {f.status for f in run.files} <= {"valid", "warnings"}
    assert sum(len(f.explained) for f in run.files) == 1      # the sample with an explained warning
    assert all(f.lsr_id and f.period == "2025" and len(f.sha256) == 64 for f in run.files)


def test_generated_samples_have_no_findings(sample_paths):
    """Samples are clean, except one warning its coordinator explained on the „Wyjaśnienia” sheet (a 2.0 item)."""
    run = validate_paths(sample_paths)
    summary = run.summary()
    assert summary["valid"] + summary["warnings"] == len(sample_paths) and summary["errors"] == 0
    assert summary["warnings_count"] == summary["warnings_explained"] == 1
    explained = [f for r in run.files for f in r.issues]
    assert [f.code for f in explained] == ["PLAUS_CASE_MANAGER_STAFF"]
    assert explained[0].explanation.startswith("Rolę case managera pełni pracownik socjalny OPS")
    assert explained[0].to_dict()["explanation"] == explained[0].explanation


def test_input_files_are_never_modified(tmp_path, valid_path):
    bad = write_valid(tmp_path / "bad.xlsx", _with(cell_in("services", 0, "participants", "brak")))
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (bad, valid_path)}
    from click.testing import CliRunner
    from ksr_reports.cli import main

    CliRunner().invoke(main, ["validate", "--annotate", str(tmp_path / "out"), str(bad), str(valid_path)])
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (bad, valid_path)} == before


def _with(*mutations):
    data = base_data()
    for m in mutations:
        m(data)
    return data


def test_missing_path_is_reported_not_raised(tmp_path):
    report = validate_file(tmp_path / "nie_ma.xlsx")
    assert report.status == "unreadable" and report.issues[0].code == "FILE_NOT_FOUND"
    assert report.issues[0].message.startswith("Plik: plik nie istnieje")


def test_a_failing_check_is_reported_and_the_others_still_run(tmp_path, monkeypatch):
    def broken(ctx):
        raise RuntimeError("boom")
        yield  # pragma: no cover

    monkeypatch.setattr(engine, "CHECKS", (broken,) + engine.CHECKS)
    path = write_valid(tmp_path / "x.xlsx", _with(form("email", "zły adres")))
    report = validate_file(path)
    assert [f.code for f in report.issues] == ["CHECK_FAILED", "EMAIL_FORMAT"]
    assert "(sprawdzenie nr 1)" in report.issues[0].message and report.status == "invalid"
    assert "broken" not in report.issues[0].message and "boom" not in report.issues[0].message


def test_closed_lists_are_case_whitespace_and_diacritics_insensitive(tmp_path):
    data = _with(cell_in("services", 0, "area", "  SPORT i Rekreacja "), cell_in("staff", 0, "own", "tak"),
                 cell_in("stakeholders", 0, "field", "pomoc spoleczna"),
                 cell_in("services", 1, "area", "kultura i dziedzictwo narodowe".replace("ę", "e\u0328")))
    assert validate_file(write_valid(tmp_path / "x.xlsx", data)).issues == []


def test_did_you_mean_hint_and_short_list_of_allowed_values(tmp_path):
    data = _with(cell_in("services", 0, "area", "sport i rekreacj"), cell_in("staff", 0, "own", "może"))
    report = validate_file(write_valid(tmp_path / "x.xlsx", data))
    messages = {f.cell: f.message for f in report.issues}
    assert messages[tref(S.SERVICES, 0, "area")] == (
        "Usługi!B5 (Obszar): wartość „sport i rekreacj” nie należy do listy dozwolonych wartości. "
        "Czy chodziło o „sport i rekreacja”? Wybierz wartość z listy rozwijanej.")
    assert "Dozwolone: TAK, NIE." in messages[tref(S.STAFF, 0, "own")]


def test_balance_message_shows_the_formula(tmp_path):
    data = base_data()
    flow = data["grids"]["flow"]
    flow[("end", "m")] += 1
    report = validate_file(write_valid(tmp_path / "x.xlsx", data))
    st, en, co, dr, ci = (flow[(k, "m")] for k in ("start", "entered", "completed", "dropped", "to_cis"))
    expected = st + en - co - dr - ci
    ref = S.grid("flow").cell_of("end", "m")
    assert report.issues[0].message == (
        f"Uczestnicy!{ref} (Przepływ uczestników w okresie: Uczestnicy na koniec okresu – Mężczyźni): "
        f"liczba osób na koniec okresu ({expected + 1}) nie zgadza się z bilansem: "
        f"{st} + {en} − {co} − {dr} − {ci} = {expected} ≠ {expected + 1}. "
        "Popraw liczby w tabeli „Przepływ uczestników w okresie”.")


def test_text_starting_with_equals_emoji_and_odd_unicode_are_just_text(tmp_path):
    data = _with(cell_in("barriers", 0, "description", "=SUMA(A1:A9) 🙂 zażółć\u200b gęślą jaźń \u202e"),
                 cell_in("services", 0, "name", "=HYPERLINK(\"http://x\")"), form("coordinator", "Zoë Ölçer 李"))
    report = validate_file(write_valid(tmp_path / "x.xlsx", data))
    assert report.issues == []
    assert report.data.tables["barriers"][0]["description"].startswith("=SUMA")


def test_tolerated_forms_are_read_and_warned(tmp_path):
    data = _with(cell_in("staff", 0, "fte", "0,5"), form("created_on", "2023-03-15"))
    report = validate_file(write_valid(tmp_path / "x.xlsx", data))
    assert _codes(report) == [("NUMBER_AS_TEXT", "Kadra", "B5")]   # ISO date text is fine
    assert report.status == "warnings" and report.valid
    assert report.data.tables["staff"][0]["fte"] == 0.5


def test_pesel_is_masked_in_messages(tmp_path):
    data = _with(cell_in("barriers", 0, "support", "kontakt: 44051401359"))
    report = validate_file(write_valid(tmp_path / "x.xlsx", data))
    assert report.issues[0].code == "PRIVACY_PESEL"
    assert "44051401359" not in report.issues[0].message and "44•••••••59" in report.issues[0].message


def test_invalid_checksum_eleven_digits_is_not_a_pesel(tmp_path):
    data = _with(cell_in("barriers", 0, "support", "nr umowy 44051401358"))
    assert validate_file(write_valid(tmp_path / "x.xlsx", data)).issues == []


def test_every_date_column_has_a_period_rule():
    date_cols = {("form", f.key) for f in S.FORM.fields if f.type == "date"}
    date_cols |= {(t.key, c.key) for t in S.TABLES for c in t.columns if c.type == "date"}
    assert date_cols == set(DATE_RULES)


def test_every_reader_problem_code_is_in_the_catalogue():
    import re
    from ksr_reports.reader import coerce

    source = Path(coerce.__file__).read_text(encoding="utf-8")
    codes = set(re.findall(r'"((?:TYPE|RANGE|LIST|REF|TERYT|PERIOD|EMAIL)_[A-Z_]+)"', source))
    assert codes and codes <= set(Code.__members__)


def test_run_report_json_shape(tmp_path, valid_path):
    bad = tmp_path / "pusty.xlsx"
    bad.write_bytes(b"")
    run = validate_paths([valid_path, bad])
    doc = json.loads(run.to_json())
    assert set(doc) == {"files", "summary"}
    assert doc["summary"] == {"files": 2, "valid": 1, "warnings": 0, "invalid": 0, "unreadable": 1, "errors": 1,
                              "warnings_count": 0, "warnings_explained": 0}
    assert set(doc["files"][1]) >= {"path", "status", "lsr_id", "period", "issues"}
    assert doc["files"][1]["issues"][0] == {"severity": "error", "code": "FILE_EMPTY", "sheet": "", "cell": "",
                                            "message": "Plik: plik jest pusty (0 bajtów). Poproś o ponowne "
                                                       "przesłanie arkusza zapisanego jako .xlsx."}
    assert isinstance(run, RunReport) and not run.valid


def test_folders_are_searched_recursively_for_every_file_but_locks_and_hidden_ones(tmp_path, valid_path):
    """As ``ksr run`` reads an inbox: a .txt or .ods in the folder is named for what it is, not skipped."""
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.xlsx").write_bytes(valid_path.read_bytes())
    (tmp_path / "a" / "notatka.txt").write_text("Proszę o informację.")
    (tmp_path / "a" / "~$x.xlsx").write_bytes(b"lock")
    (tmp_path / "a" / ".~lock.x.xlsx#").write_text("lock")
    (tmp_path / "a" / ".ukryty").mkdir()
    (tmp_path / "a" / ".ukryty" / "y.xlsx").write_bytes(valid_path.read_bytes())
    run = validate_paths([tmp_path / "a"])
    assert [f.path.name for f in run.files] == ["x.xlsx", "notatka.txt"]
    assert [f.code for f in run.files[1].issues] == ["FILE_TEXT"]


@pytest.mark.parametrize("content", [b"PK\x03\x04" + b"\x00" * 40, b"PK\x05\x06" + b"\x00" * 18, bytes(range(256)) * 4,
                                     b"\xd0\xcf\x11\xe0", "ąę".encode("utf-16")])
def test_garbage_never_raises(tmp_path, content):
    path = tmp_path / "g.xlsx"
    path.write_bytes(content)
    report = validate_file(path)
    assert report.status == "unreadable" and len(report.issues) == 1
