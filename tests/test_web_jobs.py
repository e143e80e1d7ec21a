"""The local page's job queue (``ksr_reports.web.jobs``): real checks and runs on the sample workbooks,
one job at a time, failures in Polish, state that survives a restart, cleanup and safe downloads."""
from __future__ import annotations

import json
import os
import shutil
import threading
import time
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from ksr_reports.errors import KsrError
from ksr_reports.web import runners
from ksr_reports.web.jobs import GENERIC_FAILURE, INTERRUPTED, Job, Jobs, valid_job_id
from ksr_reports.web.settings import default_settings

ROOT = Path(__file__).resolve().parent.parent
REGION_04 = sorted((ROOT / "workbooks" / "samples" / "04").glob("LSR_*.xlsx"))
BROKEN = ("Uczestnicy", "B10")          # a count cell of the samples


def broken_copy(folder: Path, name: str = "LSR_zepsuty.xlsx", value="dużo") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    wb = openpyxl.load_workbook(REGION_04[0])
    wb[BROKEN[0]][BROKEN[1]] = value
    path = folder / name
    wb.save(path)
    return path


def make_jobs(data_dir: Path, **overrides) -> Jobs:
    return Jobs(default_settings(data_dir=data_dir, archive=None, **overrides))


@pytest.fixture
def jobs(tmp_path):
    q = make_jobs(tmp_path / "dane")
    q.start()
    yield q
    q.stop()


def uploaded(jobs: Jobs, paths: list[Path]) -> list[Path]:
    """The files as ``save_uploads`` leaves them: in an upload folder inside the data folder."""
    folder = jobs.settings.uploads_dir / "u1"
    folder.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy(p, folder / p.name)) for p in paths]


# --- real jobs ---------------------------------------------------------------------------------------

def test_check_finds_the_broken_cell_and_writes_the_annotated_copy(jobs, tmp_path):
    files = uploaded(jobs, [broken_copy(tmp_path / "wej"), REGION_04[1]])
    job = jobs.wait(jobs.submit_check(files).id, 120)
    assert job.state == "done", job.message
    assert (job.done, job.total) == (2, 2)
    assert not (jobs.settings.uploads_dir / "u1").exists(), "uploads moved into the job's folder"
    assert sorted(p.name for p in (job.folder / "pliki").iterdir()) == sorted(p.name for p in files)
    bad, good = job.result["files"]
    assert bad["name"] == "LSR_zepsuty.xlsx" and bad["status_pl"] == "zawiera błędy" and bad["errors"] >= 1
    sheet = next(s for s in bad["sheets"] if s["sheet"] == BROKEN[0])
    finding = next(f for f in sheet["findings"] if f["cell"] == BROKEN[1])
    assert finding["severity"] == "error" and "„dużo” nie jest liczbą całkowitą" in finding["message"]
    assert finding["what"] and finding["fix"]
    assert bad["annotated"] == "LSR_zepsuty_uwagi.xlsx"
    copy = jobs.download_path(job.id, bad["annotated"])
    assert copy and copy.parent == (job.folder / "wyniki").resolve() and copy.read_bytes()[:2] == b"PK"
    assert good["status_pl"] == "poprawny" and good["sheets"] == [] and good["annotated"] is None
    assert job.result["summary_pl"].startswith("Podsumowanie: sprawdzono 2 pliki")
    assert job.message == job.result["summary_pl"]
    for f in bad["sheets"]:      # errors before warnings in every sheet
        severities = [x["severity"] for x in f["findings"]]
        assert severities == sorted(severities, key=["error", "warning"].index)


def test_findings_group_by_sheet_errors_first():
    from ksr_reports.validation import Finding
    from ksr_reports.web.results import _sheets

    findings = [Finding("warning", "W1", "A", "C3", "a-w"), Finding("error", "E1", "B", "D4", "b-e"),
                Finding("warning", "W2", "", "", "plik-w"), Finding("error", "E2", "A", "C5", "a-e")]
    groups = _sheets(findings)
    assert [g["sheet"] for g in groups] == ["B", "A", "Cały plik"]
    assert [f["message"] for f in groups[1]["findings"]] == ["a-e", "a-w"]
    assert groups[2]["findings"][0]["cell"] == "–"


def test_region_run_gives_the_downloads_and_a_zip_with_one_feedback_per_file(jobs):
    job = jobs.submit_run(uploaded(jobs, REGION_04), level="region", period="2025", region="04")
    job = jobs.wait(job.id, 300)
    assert job.state == "done", job.message
    assert (job.done, job.total) == (4, 4)
    result = job.result
    assert result["exit_code"] == 0
    names = [d["name"] for d in result["downloads"]]
    assert names == ["informacje_zwrotne.zip", "RSR_04_2025.xlsx", "RSR_04_2025.docx", "podsumowanie.txt"]
    assert all(d["label_pl"] for d in result["downloads"])
    for name in names:
        path = jobs.download_path(job.id, name)
        assert path is not None and path.is_file(), name
    with zipfile.ZipFile(jobs.download_path(job.id, "informacje_zwrotne.zip")) as z:
        assert sorted(z.namelist()) == sorted(f"{p.stem}_uwagi.txt" for p in REGION_04)
    assert [r["file"] for r in result["rows"]] == [p.name for p in REGION_04]
    assert {r["decision_pl"] for r in result["rows"]} == {"uwzględniony"}
    assert all(r["lsr_id"] and r["reason_pl"].startswith("przyjęty") for r in result["rows"])
    assert result["missing"] == []
    summary = result["summary_pl"]
    assert summary.startswith("Podsumowanie przebiegu: województwo kujawsko-pomorskie, okres 2025")
    assert str(jobs.settings.data_dir) not in summary and "Wyniki:" not in summary
    saved = json.loads((job.folder / "stan.json").read_text(encoding="utf-8"))
    assert saved["state"] == "done" and saved["result"] == result


def test_a_run_with_no_accepted_file_fails_in_polish_and_still_offers_the_feedback(jobs, tmp_path):
    bad = [broken_copy(tmp_path / "wej", "LSR_a.xlsx"), broken_copy(tmp_path / "wej", "LSR_b.xlsx", -3)]
    job = jobs.wait(jobs.submit_run(uploaded(jobs, bad), level="region", period=None, region=None).id, 300)
    assert job.state == "failed"
    assert job.message.startswith("Żaden plik nie przeszedł walidacji")
    assert "można pobrać poniżej" in job.message and str(jobs.settings.data_dir) not in job.message
    assert [d["name"] for d in job.result["downloads"]] == ["informacje_zwrotne.zip"]
    with zipfile.ZipFile(jobs.download_path(job.id, "informacje_zwrotne.zip")) as z:
        assert {"LSR_a_uwagi.txt", "LSR_b_uwagi.txt"} <= set(z.namelist())


@pytest.mark.parametrize("level, period, region, words", [
    ("region", "rok 2025", "04", "Niepoprawny okres „rok 2025”"),
    ("region", "2025", "99", "Nieznane województwo"),
    ("national", "2025", "04", "tylko dla skrzynki ROPS"),
    ("inny", None, None, "Nieznany rodzaj przebiegu"),
])
def test_a_wrong_form_fails_the_job_at_once(jobs, level, period, region, words):
    job = jobs.submit_run(uploaded(jobs, REGION_04[:1]), level=level, period=period, region=region)
    assert job.state == "failed" and words in job.message
    assert jobs.get(job.id).state == "failed"
    assert json.loads((job.folder / "stan.json").read_text(encoding="utf-8"))["state"] == "failed"


def test_files_outside_the_data_folder_are_copied_not_moved(jobs):
    job = jobs.wait(jobs.submit_check([REGION_04[0]]).id, 120)
    assert job.state == "done" and REGION_04[0].is_file()


# --- the queue ---------------------------------------------------------------------------------------

def test_jobs_run_one_at_a_time_in_order(jobs, monkeypatch):
    release, log, running = threading.Event(), [], []

    def slow(job, settings, progress):
        running.append(job.id)
        log.append(("start", job.id, len(running)))
        if len(log) == 1:
            assert release.wait(30)
        progress(1, 1)
        log.append(("end", job.id))
        running.remove(job.id)
        return "gotowe"

    monkeypatch.setitem(runners.RUNNERS, "check", slow)
    first = jobs.submit_check(uploaded(jobs, REGION_04[:1]))
    second = jobs.submit_check(uploaded(jobs, REGION_04[1:2]))
    deadline = time.time() + 10
    while first.state != "running" and time.time() < deadline:
        time.sleep(0.01)
    assert first.state == "running" and second.state == "waiting"
    assert jobs.wait(second.id, 0.3).state == "waiting", "the second waits for the first"
    release.set()
    assert jobs.wait(second.id, 30).state == "done" and first.state == "done"
    assert log == [("start", first.id, 1), ("end", first.id), ("start", second.id, 1), ("end", second.id)]
    assert second.message == "gotowe" and (second.done, second.total) == (1, 1)


def test_a_job_that_raises_fails_in_polish_and_the_worker_goes_on(jobs, monkeypatch, caplog):
    def boom(job, settings, progress):
        raise RuntimeError("internal detail /secret/path")

    def refused(job, settings, progress):
        raise KsrError("Plik jest za stary.")

    monkeypatch.setitem(runners.RUNNERS, "region", boom)
    monkeypatch.setitem(runners.RUNNERS, "national", refused)
    a = jobs.submit_run(uploaded(jobs, REGION_04[:1]), level="region", period=None, region=None)
    b = jobs.submit_run(uploaded(jobs, REGION_04[:1]), level="national", period=None, region=None)
    c = jobs.submit_check(uploaded(jobs, REGION_04[:1]))
    assert jobs.wait(c.id, 120).state == "done"
    assert a.state == "failed" and a.message == GENERIC_FAILURE and "secret" not in a.message
    assert "internal detail" in caplog.text            # the details go to the server log only
    assert b.state == "failed" and b.message == "Plik jest za stary."
    assert a.finished and b.finished


def test_wait_and_get_refuse_unknown_ids(jobs):
    for bad in ("", "a", "../../etc", "A" * 17, "A" * 15 + "/", None, "AAAAAAAAAAAAAAAA"):
        assert jobs.get(bad) is None
    with pytest.raises(KeyError):
        jobs.wait("AAAAAAAAAAAAAAAA", 0)
    assert valid_job_id("abcDEF012_-abcde") and not valid_job_id("abcDEF012_-abcd.")


# --- state after a restart ---------------------------------------------------------------------------

def test_state_survives_a_new_jobs_instance(tmp_path):
    first = make_jobs(tmp_path / "dane")
    first.start()
    try:
        job = first.wait(first.submit_check(uploaded(first, [broken_copy(tmp_path / "wej")])).id, 120)
    finally:
        first.stop()
    again = make_jobs(tmp_path / "dane")
    again.start()
    try:
        [listed] = again.recent()
        assert listed.id == job.id and listed.state == "done" and listed.result == job.result
        assert listed.created == job.created and listed.kind_pl == "Sprawdzenie arkuszy"
        assert again.download_path(job.id, "LSR_zepsuty_uwagi.xlsx") is not None
        assert again.get(job.id).result["files"][0]["errors"] >= 1
    finally:
        again.stop()


def test_jobs_a_stopped_server_never_finished_show_as_interrupted(tmp_path):
    q = make_jobs(tmp_path / "dane")
    for state in ("waiting", "running"):
        job = Job(f"{state:A<16}"[:16], "region", datetime.now().astimezone(), state, folder=q.root / f"{state:A<16}"[:16])
        q._save(job)
    q.start()
    try:
        jobs = q.recent()
        assert len(jobs) == 2
        for job in jobs:
            assert job.state == "failed" and job.interrupted and job.message == INTERRUPTED
            assert job.state_pl == "przerwany"
            saved = json.loads((job.folder / "stan.json").read_text(encoding="utf-8"))
            assert saved["state"] == "failed" and saved["interrupted"]
    finally:
        q.stop()


# --- cleanup -----------------------------------------------------------------------------------------

def fake_job(q: Jobs, n: int, age_days: float, state: str = "done") -> Job:
    job_id = f"job{n:013d}"
    job = Job(job_id, "check", datetime.now().astimezone() - timedelta(days=age_days), state,
              folder=q.root / job_id)
    q._save(job)
    (job.folder / "wyniki").mkdir()
    (job.folder / "wyniki" / "a.xlsx").write_bytes(b"PK")
    return job


def test_cleanup_removes_old_runs_and_runs_beyond_the_newest(tmp_path):
    q = make_jobs(tmp_path / "dane", keep_runs=3, keep_runs_days=14)
    old = fake_job(q, 1, 20)
    recent = [fake_job(q, n, n / 10) for n in range(2, 7)]         # 0.2 … 0.6 days old
    running = fake_job(q, 9, 30, state="running")
    q._jobs[running.id] = running                                   # a job of this server, still running
    assert q.cleanup() == 3
    left = sorted(d.name for d in q.root.iterdir())
    assert left == sorted([recent[0].id, recent[1].id, recent[2].id, running.id])   # the newest three, the running
    assert not old.folder.exists()
    assert q.cleanup() == 0


def test_cleanup_removes_stale_uploads_only(tmp_path):
    q = make_jobs(tmp_path / "dane")
    stale, fresh = q.settings.uploads_dir / "stary", q.settings.uploads_dir / "nowy"
    for d in (stale, fresh):
        d.mkdir(parents=True)
        (d / "a.xlsx").write_bytes(b"PK")
    two_days_ago = time.time() - 2 * 86400
    os.utime(stale, (two_days_ago, two_days_ago))
    q.cleanup()
    assert not stale.exists() and fresh.exists()


def test_cleanup_runs_on_start(tmp_path):
    q = make_jobs(tmp_path / "dane", keep_runs_days=1)
    old = fake_job(q, 1, 2)
    q.start()
    try:
        assert not old.folder.exists()
    finally:
        q.stop()


# --- downloads ---------------------------------------------------------------------------------------

def test_download_path_refuses_everything_the_result_does_not_list(jobs, tmp_path):
    a = jobs.wait(jobs.submit_check(uploaded(jobs, [broken_copy(tmp_path / "a")])).id, 120)
    b = jobs.wait(jobs.submit_check(uploaded(jobs, [broken_copy(tmp_path / "b", "LSR_inny.xlsx")])).id, 120)
    name_a, name_b = a.result["files"][0]["annotated"], b.result["files"][0]["annotated"]
    assert jobs.download_path(a.id, name_a) and jobs.download_path(b.id, name_b)
    (a.folder / "wyniki" / "nie_wymieniony.xlsx").write_bytes(b"PK")
    for job_id, name in [(a.id, name_b), (b.id, name_a), (a.id, "stan.json"), (a.id, "../stan.json"),
                         (a.id, f"../../{b.id}/wyniki/{name_b}"), (a.id, ".."), (a.id, ""), (a.id, "/etc/passwd"),
                         (a.id, "..\\..\\stan.json"), (a.id, "nie_wymieniony.xlsx"), (a.id, "pliki/LSR_zepsuty.xlsx"),
                         (f"../{b.id}", name_b), ("AAAAAAAAAAAAAAAA", name_a), (a.id, None)]:
        assert jobs.download_path(job_id, name) is None, (job_id, name)


def test_download_path_checks_where_a_listed_name_really_leads(jobs, tmp_path):
    job = jobs.wait(jobs.submit_check(uploaded(jobs, [broken_copy(tmp_path / "a")])).id, 120)
    results = job.folder / "wyniki"
    job.result["downloads"] = [{"label_pl": "x", "name": n} for n in
                               ("../stan.json", "a/b/c.txt", "informacje_zwrotne/x.txt", "link.txt")]
    (results / "informacje_zwrotne").mkdir()
    (results / "informacje_zwrotne" / "x.txt").write_text("x")
    (results / "a" / "b").mkdir(parents=True)
    (results / "a" / "b" / "c.txt").write_text("x")
    assert jobs.download_path(job.id, "informacje_zwrotne/x.txt") is not None     # one sub-folder level
    assert jobs.download_path(job.id, "../stan.json") is None                   # outside wyniki
    assert jobs.download_path(job.id, "a/b/c.txt") is None                      # too deep
    if hasattr(os, "symlink"):
        try:
            (results / "link.txt").symlink_to(tmp_path / "a" / "LSR_zepsuty.xlsx")
        except OSError:
            return
        assert jobs.download_path(job.id, "link.txt") is None                   # resolves outside


def test_run_result_words_every_decision_and_lists_missing_lsrs(tmp_path):
    from types import SimpleNamespace

    from ksr_reports.validation.feedback import Outcome
    from ksr_reports.web.results import run_result

    outdir = tmp_path / "job" / "wyniki"
    (outdir / "informacje_zwrotne").mkdir(parents=True)
    (outdir / "informacje_zwrotne" / "a_uwagi.txt").write_text("x", encoding="utf-8")
    quality = [{"file": "a.xlsx", "path": "p/a.xlsx", "kind": "lsr", "lsr_id": "0404011", "decision": "counted",
                "warnings": 2},
               {"file": "b.xlsx", "path": "p/b.xlsx", "kind": "lsr", "lsr_id": "0402032", "decision": "invalid",
                "errors": 3},
               {"file": "RSR_04_2025.xlsx", "path": "p/RSR_04_2025.xlsx", "kind": "rollup", "lsr_id": "",
                "decision": "counted"},
               {"file": "a.xlsx", "path": "p/a.xlsx", "via": "RSR_04_2025.xlsx", "decision": "counted"}]
    fake = SimpleNamespace(
        quality=quality, level="national", period="2025", region=None, exit_code=1,
        decided={"p/a.xlsx": Outcome("counted"), "p/b.xlsx": Outcome("invalid")},
        completeness={"missing_units": [{"lsr_id": "0405011", "name": "LSR Toruń"}]},
        outputs=[("zestawienie (xlsx)", outdir / "KSR_2025.xlsx"), ("raport (docx)", outdir / "KSR_2025.docx")],
        summary_text=lambda: f"Podsumowanie\n\nWyniki:\n  raport: {outdir}/KSR_2025.docx\n")
    result = run_result(fake, outdir)
    assert [(r["file"], r["decision_pl"], r["reason_pl"]) for r in result["rows"]] == [
        ("a.xlsx", "uwzględniony", "przyjęty, z 2 ostrzeżeniami"),
        ("b.xlsx", "pominięty – błędy", "odrzucony – zawiera 3 błędy; szczegóły w informacji zwrotnej"),
        ("RSR_04_2025.xlsx", "uwzględniony", "przyjęty (zestawienie regionalne)")]
    assert result["missing"] == [{"lsr_id": "0405011", "name": "LSR Toruń"}]
    assert result["summary_pl"] == "Podsumowanie\n"
    assert [(d["name"], d["label_pl"]) for d in result["downloads"]] == [
        ("informacje_zwrotne.zip", "Informacje zwrotne dla LSR (1 plik LSR, spakowane w jeden plik)"),
        ("KSR_2025.xlsx", "Zestawienie krajowe (skoroszyt Excel)"), ("KSR_2025.docx", "Raport (dokument Word)")]
    assert result["exit_code"] == 1


def test_a_stopped_queue_starts_again_and_never_runs_two_jobs_at_once(tmp_path, monkeypatch):
    release, running, most = threading.Event(), [], [0]

    def slow(job, settings, progress):
        running.append(job.id)
        most[0] = max(most[0], len(running))
        if len(running) == 1 and not release.is_set():
            release.wait(30)
        running.remove(job.id)
        return "gotowe"

    monkeypatch.setitem(runners.RUNNERS, "check", slow)
    q = make_jobs(tmp_path / "dane")
    q.start()
    first = q.submit_check(uploaded(q, REGION_04[:1]))
    while first.state != "running":
        time.sleep(0.01)
    q.stop(timeout=0.1)                 # the first job is still running: the old worker ends after it
    q.start()
    later = [q.submit_check(uploaded(q, REGION_04[:1])) for _ in range(3)]
    release.set()
    try:
        assert all(q.wait(j.id, 30).state == "done" for j in [first, *later])
        assert most[0] == 1
    finally:
        q.stop()


def test_a_run_of_only_excel_lock_files_says_so_without_paths(jobs, tmp_path):
    lock = tmp_path / "~$LSR_0404011_2025.xlsx"
    lock.write_bytes(b"\x00" * 165)
    job = jobs.wait(jobs.submit_run(uploaded(jobs, [lock]), level="region", period=None, region=None).id, 120)
    assert job.state == "failed" and job.message.startswith("Wśród przesłanych plików nie ma żadnego")
    assert str(jobs.settings.data_dir) not in job.message


def test_a_rollup_input_is_named_by_its_region_and_a_run_by_its_scope():
    """The ministry's table says whose a regional rollup is; earlier runs say their period and region."""
    from ksr_reports.web.results import _unit, scope_text

    assert _unit({"lsr_id": "", "kind": "rollup", "region": "06"}) == "województwo lubelskie"
    assert _unit({"lsr_id": "0402032", "kind": "lsr", "region": "04"}) == "0402032"
    assert _unit({"lsr_id": "", "kind": "lsr", "region": ""}) == ""
    assert scope_text({"period": "2025-H1", "region": "04"}) == "I półrocze 2025, województwo kujawsko-pomorskie"
    assert scope_text({"period": "2025", "region": ""}) == "2025, cały kraj"
    assert scope_text({}) == ""


def test_a_state_that_cannot_be_saved_fails_that_job_and_the_worker_goes_on(jobs, monkeypatch):
    """A full disk while a job's state is written (review of issue 15): the worker thread survives."""
    real_save, calls = Jobs._save, {"n": 0}

    def save(self, job):
        if job.state == "running" and job.kind == "region":
            raise OSError(28, "No space left on device")
        return real_save(self, job)

    monkeypatch.setattr(Jobs, "_save", save)
    a = jobs.submit_run(uploaded(jobs, REGION_04[:1]), level="region", period=None, region=None)
    b = jobs.submit_check(uploaded(jobs, REGION_04[:1]))
    assert jobs.wait(b.id, 120).state == "done"
    assert a.state == "failed" and a.message == GENERIC_FAILURE


def test_waiting_counts_the_queue(jobs, monkeypatch):
    gate = threading.Event()

    def slow(job, settings, progress):
        gate.wait(30)
        return ""

    monkeypatch.setitem(runners.RUNNERS, "region", slow)
    first = jobs.submit_run(uploaded(jobs, REGION_04[:1]), level="region", period=None, region=None)
    for _ in range(50):
        if first.state == "running":
            break
        time.sleep(0.05)
    for _ in range(3):
        jobs.submit_run(uploaded(jobs, REGION_04[:1]), level="region", period=None, region=None)
    assert jobs.waiting() == 3
    gate.set()


def test_a_region_run_with_the_register_lists_the_missing_lsrs(jobs, tmp_path):
    """The ROPS form's optional register: the run says which expected LSRs sent nothing (issue 15 §1)."""
    from ksr_reports.rollup.register import HEADER_ROW, REGISTER_SHEET, write_register_template

    register = write_register_template(tmp_path / "rejestr ł.xlsx", region="04")
    wb = openpyxl.load_workbook(register)
    expected = [p.stem.split("_")[1] for p in REGION_04] + ["0401011"]      # one more than the inbox has
    for i, code in enumerate(expected):
        wb[REGISTER_SHEET].cell(HEADER_ROW + 1 + i, 1, code)
    wb.save(register)
    job = jobs.submit_run(uploaded(jobs, REGION_04), level="region", period=None, region=None,
                          register=uploaded(jobs, [register])[0])
    job = jobs.wait(job.id, 180)
    assert job.state == "done", job.message
    assert [m["lsr_id"] for m in job.result["missing"]] == ["0401011"]
    assert (job.folder / "rejestr").is_dir() and not any("rejestr" in n for n in job.params["files"])
