"""The archive (issue 14, DESIGN §11): schema and migrations, recording runs, history and current submissions.

Expected values are computed here another way than the archive computes them (plain Python over the
records given, not SQL), and the raw tables are read with a separate sqlite3 connection."""
from __future__ import annotations

import json
import random
import sqlite3
import time

import pytest

from ksr_reports.archive import Archive, SCHEMA_VERSION, default_archive_path
from ksr_reports.archive import record as archive_record
from ksr_reports.archive.schema import APPLICATION_ID, migrate
from ksr_reports.errors import KsrError
from ksr_reports.indicators import STAT_KEYS

from .test_archive_support import (a_finding, lsr_record, quality, region_run, rollup_record, stats, unit_of)


@pytest.fixture
def path(tmp_path):
    return tmp_path / "Archiwum ROPS – łódź" / "archiwum ż.sqlite"


def _rows(path, sql):
    with sqlite3.connect(path) as db:
        return db.execute(sql).fetchall()


def _record(arc, records, decisions=None, level="region", period=None, region=None):
    period = period or records[0].period
    region = region if region is not None else (records[0].region if level == "region" else None)
    return arc.record_run(level=level, period=period, region=region, records=records,
                          quality=quality(records, decisions))


def _content(path) -> dict:
    with sqlite3.connect(path) as db:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {n: sorted(map(repr, db.execute(f'SELECT * FROM "{n}"'))) for n in names}


# -- schema, migrations, refusals ---------------------------------------------------------------------

def test_a_new_archive_is_created_with_folders_at_the_current_version(path):
    with Archive.open(path) as arc:
        assert arc.version_found == 0 and arc.schema_version == SCHEMA_VERSION == 2
        assert arc.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"     # rollback journal (network shares)
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"runs", "files", "findings", "keysets", "submissions", "run_files"}


def test_migration_from_version_1_keeps_its_data(path):
    path.parent.mkdir(parents=True)
    db = sqlite3.connect(path, isolation_level=None)
    assert migrate(db, target=1) == 0
    st = {"lsr.count": 1, "funding.total": 12.34, "staff.fte": 2.5}
    db.execute("INSERT INTO runs (fingerprint, level, period, region, first_at, last_at) "
               "VALUES ('f1', 'region', '2024', '04', '2025-01-10T10:00:00+00:00', '2025-01-10T10:00:00+00:00')")
    db.execute("INSERT INTO keysets (keys) VALUES (?)", (json.dumps(list(st)),))
    db.execute("INSERT INTO files (sha256, name, first_run, kind, lsr_id, period, region, decision) "
               "VALUES ('aa', 'LSR_0402032_2024.xlsx', 1, 'lsr', '0402032', '2024', '04', 'counted')")
    db.execute("INSERT INTO submissions (sha256, lsr_id, name, region, period, filled_on, decision, first_run, keyset, "
               "vals) VALUES ('aa', '0402032', 'LSR Brodnica', '04', '2024', '2025-01-05', 'counted', 1, 1, ?)",
               (json.dumps(list(st.values())),))
    assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    db.close()
    with Archive.open(path) as arc:
        assert arc.version_found == 1 and arc.schema_version == 2
        hist = arc.history("2025")
        assert arc.info()["files"] == 1
    unit = hist.of_lsr("0402032")["2024"]
    assert unit.stats == st and type(unit.stats["lsr.count"]) is int and unit.name == "LSR Brodnica"
    indexes = {r[0] for r in _rows(path, "SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "submissions_by_period" in indexes and _rows(path, "SELECT count(*) FROM run_files") == [(0,)]


def test_an_archive_of_a_newer_program_is_refused_in_polish(path):
    with Archive.open(path):
        pass
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 7")
    with pytest.raises(KsrError) as e:
        Archive.open(path)
    assert str(e.value) == (f"Archiwum {path} zapisała nowsza wersja programu (wersja schematu 7; ta wersja programu "
                            "zna wersje do 2). Zaktualizuj program, aby korzystać z tego archiwum.")
    assert _rows(path, "PRAGMA user_version") == [(7,)]       # untouched


@pytest.mark.parametrize("content", ["other-db", "text"])
def test_a_file_that_is_not_an_archive_is_refused(tmp_path, content):
    path = tmp_path / "inny.sqlite"
    if content == "other-db":
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE t (x)")
    else:
        path.write_text("to nie jest baza danych " * 100, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(KsrError) as e:
        Archive.open(path)
    assert str(e.value) == (f"Plik {path} nie jest archiwum programu (to inna baza danych, inny plik albo plik "
                            "uszkodzony). Podaj inny plik w opcji --archive albo przenieś ten plik w inne miejsce.")
    assert path.read_bytes() == before


def test_an_archive_that_cannot_be_created_is_a_polish_error(tmp_path):
    blocker = tmp_path / "plik"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(KsrError) as e:
        Archive.open(blocker / "archiwum.sqlite")
    assert str(e.value).startswith(f"Nie można zapisać archiwum {blocker / 'archiwum.sqlite'} (")
    assert str(e.value).endswith("Sprawdź uprawnienia do pliku i katalogu albo podaj inne miejsce w opcji --archive.")


def test_default_archive_path_is_in_the_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "dane użytkownika"))
    if default_archive_path().parent.parent != tmp_path / "dane użytkownika":
        pytest.skip("not an XDG platform")
    assert default_archive_path() == tmp_path / "dane użytkownika" / "ksr-reports" / "archiwum.sqlite"


# -- recording runs -----------------------------------------------------------------------------------

def test_recording_a_run_keeps_files_decisions_findings_texts_and_statistics(path):
    texts = {"explanations": [{"sheet": "Uczestnicy", "cell": "C7", "code": "W_SKOK", "text": "Nowy partner."}]}
    counted = lsr_record("0402032", "2025", "2026-01-20", issues=[a_finding(explanation="Nowy partner."),
                                                                   a_finding()], status="warnings", texts=texts)
    old = lsr_record("0402032", "2025", "2026-01-05", seed=1)
    invalid = lsr_record("0404011", "2025", "2026-01-07", status="invalid", issues=[a_finding("error")])
    dup = lsr_record("0405011", "2025", "2026-01-08")
    copy = lsr_record("0405011", "2025", "2026-01-08")
    copy.path = "/skrzynka/kopia/" + copy.file.replace(".xlsx", "_kopia.xlsx")
    records = [counted, old, invalid, dup, copy]
    decisions = {old.path: "superseded", copy.path: "duplicate"}
    with Archive.open(path) as arc:
        _record(arc, records, decisions)
        current = arc.current("2025", ["0402032", "0404011", "0405011"])
    files = {r[0]: r[1:] for r in _rows(path, "SELECT name, decision, status, errors, warnings, explained, "
                                              "template_version FROM files")}
    assert files == {counted.file: ("counted", "warnings", 0, 2, 1, "2.0"), old.file: ("superseded", "valid", 0, 0, 0, "2.0"),
                     invalid.file: ("invalid", "invalid", 1, 0, 0, "2.0"), dup.file: ("counted", "valid", 0, 0, 0, "2.0"),
                     copy.file: ("duplicate", "valid", 0, 0, 0, "2.0")}
    findings = _rows(path, "SELECT f.name, u.severity, u.cell, u.explanation FROM findings u "
                           "JOIN files f ON f.id = u.file_id ORDER BY f.name, u.seq")
    assert sorted(findings, key=repr) == sorted([(counted.file, "warning", "C7", "Nowy partner."),
                                                 (counted.file, "warning", "C7", None),
                                                 (invalid.file, "error", "C7", None)], key=repr)
    subs = dict(_rows(path, "SELECT sha256, decision FROM submissions"))
    assert subs == {counted.sha256: "counted", old.sha256: "superseded", dup.sha256: "counted"}   # no invalid one
    assert current["0402032"].stats == counted.stats and current["0402032"].texts == texts
    assert current["0402032"].source == counted.file and current["0402032"].status == "warnings"
    assert set(current) == {"0402032", "0405011"}


def test_recording_the_same_run_again_changes_nothing_but_the_repeat_counter(path):
    records = region_run("04", "2025", 6) + [lsr_record("0409991", "2025", "2026-01-02", status="invalid",
                                                        issues=[a_finding("error")])]
    with Archive.open(path) as arc:
        first = _record(arc, records)
    before = _content(path)
    time.sleep(1.1)
    with Archive.open(path) as arc:
        again = _record(arc, records)
    after = _content(path)
    assert first == again
    assert {k: v for k, v in after.items() if k != "runs"} == {k: v for k, v in before.items() if k != "runs"}
    ((times, first_at, last_at),) = _rows(path, "SELECT times, first_at, last_at FROM runs")
    assert times == 2 and last_at > first_at


def test_received_at_is_the_first_run_and_the_latest_decision_wins(path, monkeypatch):
    a, b = lsr_record("0402032", "2025", "2026-01-05"), lsr_record("0402032", "2025", "2026-01-20", seed=2)
    monkeypatch.setattr(archive_record, "now", lambda: "2026-01-06T08:00:00+00:00")
    with Archive.open(path) as arc:
        _record(arc, [a])
    monkeypatch.setattr(archive_record, "now", lambda: "2026-01-21T08:00:00+00:00")
    with Archive.open(path) as arc:
        _record(arc, [a, b], {a.path: "superseded"})
    got = _rows(path, "SELECT f.name, f.decision, r.first_at FROM files f JOIN runs r ON r.id = f.first_run ORDER BY 1")
    assert sorted(got) == sorted([(a.file, "superseded", "2026-01-06T08:00:00+00:00"),
                                  (b.file, "counted", "2026-01-21T08:00:00+00:00")])
    assert sorted(_rows(path, "SELECT decision FROM run_files")) == [("counted",), ("counted",), ("superseded",)]


def test_a_ministry_run_records_the_lsr_rows_of_rollup_files_via_the_rollup(path):
    inner = [unit_of(r) for r in region_run("06", "2025", 3)]
    rollup = rollup_record("06", "2025", inner)
    direct = lsr_record(inner[0].unit_id, "2025", "2026-02-01", seed=5)     # newer than the row in the rollup
    records = [rollup, direct]
    rows = quality(records) + [{"file": u.source, "path": u.source, "via": rollup.file, "sha256": u.sha256,
                                "decision": "superseded" if u is inner[0] else "counted", "note": ""} for u in inner]
    with Archive.open(path) as arc:
        arc.record_run(level="national", period="2025", region=None, records=records, quality=rows)
        current = arc.current("2025", [u.unit_id for u in inner])
    subs = sorted(_rows(path, "SELECT lsr_id, via, decision FROM submissions"))
    assert subs == sorted([(u.unit_id, rollup.sha256, "superseded" if u is inner[0] else "counted") for u in inner]
                          + [(direct.lsr_id, "", "counted")])
    assert current[inner[0].unit_id].sha256 == direct.sha256
    assert all(current[u.unit_id].stats == u.stats for u in inner[1:])
    assert _rows(path, "SELECT kind, decision FROM files WHERE name = 'RSR_06_2025.xlsx'") == [("rollup", "counted")]


def test_statistics_round_trip_exactly(path):
    st = {"lsr.count": 1, "staff.fte": 12.34, "funding.total": 1234567.89, "hours.total": 0.1 + 0.2,
          "stakeholders": 3.0, "barriers": 0}
    rec = lsr_record("0402032", "2024", "2025-01-10")
    rec.stats = st
    with Archive.open(path) as arc:
        _record(arc, [rec])
        got = arc.history("2025").of_lsr("0402032")["2024"].stats
    assert got == st and list(got) == list(st)
    assert [type(v) for v in got.values()] == [int, float, float, float, int, int]     # 3.0 is stored as 3
    assert got["hours.total"] == 0.30000000000000004


# -- history and the current submission ----------------------------------------------------------------

def test_history_gives_the_current_submission_of_each_lsr_in_each_earlier_period(path, monkeypatch):
    rng = random.Random(14)
    ids = [f"04{i:04d}1" for i in range(12)] + [f"06{i:04d}1" for i in range(5)]
    runs = []
    for period in ("2021", "2022", "2023", "2024", "2025", "2024-H1", "2024-H2"):
        for k in range(rng.randint(1, 3)):          # several runs per period: resubmissions
            chosen = [i for i in ids if rng.random() < 0.7]
            recs = [lsr_record(i, period, f"{period[:4]}-{rng.randint(1, 2):02d}-{rng.randint(1, 3):02d}", seed=(k, rng.random()))
                    for i in chosen]
            runs.append((period, recs))
    expected: dict = {}
    for n, (period, recs) in enumerate(runs):
        at = f"2030-01-01T00:{n:02d}:00+00:00"
        monkeypatch.setattr(archive_record, "now", lambda at=at: at)
        with Archive.open(path) as arc:
            arc.record_run(level="national", period=period, region=None, records=recs, quality=quality(recs))
        for r in recs:                  # newest by (fill date, received at, SHA-256), computed here in Python
            key = (r.filled_on, at, r.sha256)
            if (period, r.lsr_id) not in expected or key > expected[(period, r.lsr_id)][0]:
                expected[(period, r.lsr_id)] = (key, r)
    with Archive.open(path) as arc:
        hist = arc.history("2026")
        regional = arc.history("2026", region="06")
        chosen = arc.history("2026", lsr_ids=ids[:3], depth=2)
        halves = arc.history("2025-H1")
    assert hist.periods == ["2022", "2023", "2024", "2025"]
    for p in hist.periods:
        want = {lsr: r for (pp, lsr), (_, r) in expected.items() if pp == p}
        got = {u.unit_id: u for u in hist.of_period(p)}
        assert set(got) == set(want)
        assert all(got[i].sha256 == want[i].sha256 and got[i].stats == want[i].stats for i in want)
        assert {u.unit_id for u in regional.of_period(p)} == {i for i in want if i.startswith("06")}
    assert chosen.periods == ["2024", "2025"] and {u.unit_id for p in chosen.periods for u in chosen.of_period(p)} <= set(ids[:3])
    # years and half-years never mixed: the half-year history holds only half-years
    assert halves.periods == ["2023-H1", "2023-H2", "2024-H1", "2024-H2"] and set(halves.units) <= {"2024-H1", "2024-H2"}
    assert all(u.period == p for p, us in halves.units.items() for u in us)


def test_current_ignores_the_runs_own_inputs(path, monkeypatch):
    old, new = lsr_record("0402032", "2025", "2026-01-05"), lsr_record("0402032", "2025", "2026-01-20", seed=3)
    with Archive.open(path) as arc:
        _record(arc, [old])
        _record(arc, [new])             # the run that was killed after its commit …
        assert arc.current("2025", ["0402032"])["0402032"].sha256 == new.sha256
        # … re-run: it passes its own inputs, and still compares with what was there before it
        assert arc.current("2025", ["0402032"], exclude=[new.sha256])["0402032"].sha256 == old.sha256
        assert arc.current("2025", ["0402032"], exclude=[new.sha256, old.sha256]) == {}


def _national_id(i: int) -> str:
    return f"{i % 16 * 2 + 2:02d}{i:04d}1"


def test_history_of_a_national_report_is_fast(path):
    """5 periods × 2,477 LSRs archived, the history of the last one (4 × 2,477 units) read (benchmarks/
    bench_archive.py prints the figure; the bound here is generous so CI noise cannot fail it)."""
    base = stats(1)
    with Archive.open(path) as arc:
        for period in ("2021", "2022", "2023", "2024", "2025"):
            recs = []
            for i in range(2477):
                rec = lsr_record(_national_id(i), period, f"{period}-12-01", seed=i)
                rec.stats = dict(base, **{"lsr.count": 1, "stakeholders": i})
                recs.append(rec)
            arc.record_run(level="national", period=period, region=None, records=recs, quality=quality(recs))
        started = time.perf_counter()
        hist = arc.history("2025")
        took = time.perf_counter() - started
    assert sum(len(hist.of_period(p)) for p in hist.periods) == 4 * 2477
    assert {u.unit_id: u for u in hist.of_period("2024")}[_national_id(5)].stats["stakeholders"] == 5
    assert took < 2.0, took
    assert len(STAT_KEYS) == len(hist.of_period("2024")[0].stats)


def test_packed_values_keep_order_types_and_wide_ints():
    from ksr_reports.archive import codec

    st = {"a": 2**40, "b": 0.5, "c": -3, "d": 7.0, "e": 1e-7, "f": 2**31}
    keys, blob = codec.encode(st)
    got = codec.decode(keys, blob)
    assert got == {"a": 2**40, "b": 0.5, "c": -3, "d": 7, "e": 1e-7, "f": 2**31} and list(got) == list(st)
    assert [type(v) for v in got.values()] == [int, float, int, int, float, int]
    small = codec.encode({"a": 1, "b": 2})[1]
    assert len(small) == 3 + 2 * 4 and codec.decode(("a", "b"), small) == {"a": 1, "b": 2}
    assert codec.decode(("a", "b"), "[1, 2.5]") == {"a": 1, "b": 2.5}       # JSON arrays are still read


@pytest.mark.parametrize("seeds", [(1, 2), (2, 1), (5, 9), (9, 5)])
def test_two_versions_of_one_fill_date_in_one_run_the_counted_one_is_current(path, seeds):
    """The run ranked them by file time (which the archive does not keep): the archive follows its decision,
    whatever the SHA-256 order of the two versions (review of issue 14)."""
    a, b = (lsr_record("0402032", "2025", "2026-01-10", seed=s) for s in seeds)
    with Archive.open(path) as arc:
        _record(arc, [a, b], decisions={a.path: "superseded", b.path: "counted"})
        assert arc.current("2025", ["0402032"])["0402032"].sha256 == b.sha256
        assert arc.history("2026").of_lsr("0402032")["2025"].sha256 == b.sha256
