"""`ksr validate` over the real-world corpus (issue 16): every file other projects' test suites keep
to break spreadsheet readers, run through the real command.

The corpus (``../shared/corpus/real-world`` beside the repository; its README says where each folder
comes from) holds damaged, hostile, legacy, binary, OpenDocument and SpreadsheetML files and ordinary
workbooks, none of them an LSR workbook. So every file is refused – status unreadable or invalid, at
least one error – with a code of the catalogue and a Polish message without the reader library's
English; the command exits with 1, prints no traceback, and stays within time and memory bounds.
The count of files per code is printed (``pytest -s``) and quoted when an assertion fails.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from ksr_reports.validation import Code
from tests.readable.checks import internal_codes
from tests.readable.extract import CONSOLE, Snippet
from tests.validation.corpus import reader_words

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "real-world"
MAX_SECONDS = 120                       # the whole run, all chunks
MAX_RSS = 1.5 * 2**30                   # bytes: the largest process of the run (ksr or one of its children)
CHUNK_CHARS = 24_000                    # arguments per call: under Windows' 32,767-character command line
REFUSED = ("unreadable", "invalid")

# Runs the chunks one after another in a fresh process, so that its RUSAGE_CHILDREN holds only this
# run's processes (ksr and the children it waits for), and reports their outputs, time and peak RSS.
MEASURE = r"""
import json, subprocess, sys, time
spec = json.load(open(sys.argv[1], encoding="utf-8"))
out, start = [], time.perf_counter()
for args in spec["chunks"]:
    try:
        done = subprocess.run(spec["ksr"] + args, capture_output=True, timeout=spec["timeout"])
        out.append({"rc": done.returncode, "stdout": done.stdout.decode("utf-8", "replace"),
                    "stderr": done.stderr.decode("utf-8", "replace")})
    except subprocess.TimeoutExpired:
        out.append({"rc": None, "stdout": "", "stderr": "timeout"})
        break
seconds = time.perf_counter() - start
try:
    import resource
except ImportError:                                      # Windows: no getrusage, memory not measured
    peak = None
else:
    unit = 1 if sys.platform == "darwin" else 1024      # ru_maxrss: bytes on macOS, kilobytes on Linux
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * unit
json.dump({"chunks": out, "seconds": seconds, "peak_rss": peak}, sys.stdout)
"""


def _ksr() -> list[str]:
    """The installed console script, next to this Python (as tests/test_cli.py runs it)."""
    script = Path(sys.executable).with_name("ksr.exe" if os.name == "nt" else "ksr")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from ksr_reports.entry import main; main()"]


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.is_file())


def chunks(paths: list[Path], limit: int = CHUNK_CHARS) -> list[list[str]]:
    """The paths in groups whose command line stays under ``limit`` characters."""
    out: list[list[str]] = [[]]
    size = 0
    for p in map(str, paths):
        if out[-1] and size + len(p) + 3 > limit:
            out.append([])
            size = 0
        out[-1].append(p)
        size += len(p) + 3
    return out


def counts_table(counts: Counter, total: int) -> str:
    lines = [f"{'kod':<24} {'pliki':>6}"] + [f"{code:<24} {n:>6}" for code, n in counts.most_common()]
    return "\n".join(lines + [f"{'(plików w korpusie)':<24} {total:>6}"])


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory) -> dict:
    if not CORPUS.is_dir():
        pytest.skip(f"the real-world corpus is not here: {CORPUS} (a checkout with ../shared/corpus beside the "
                    "repository runs it; see shared/corpus/README.md)")
    files = corpus_files()
    assert files, f"{CORPUS} holds no files"
    spec = tmp_path_factory.mktemp("korpus") / "spec.json"
    spec.write_text(json.dumps({"ksr": _ksr(), "timeout": MAX_SECONDS,
                                "chunks": [["validate", "--format", "json", *c] for c in chunks(files)]}),
                    encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "KSR_DEBUG"}      # what a user sees
    done = subprocess.run([sys.executable, "-c", MEASURE, str(spec)], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=MAX_SECONDS + 60)
    assert done.returncode == 0, done.stderr
    run = json.loads(done.stdout)
    run["files"] = files
    run["reports"] = [r for chunk in run["chunks"] for r in _files_of(chunk)]
    counts = Counter(code for r in run["reports"] for code in {i["code"] for i in r["issues"]})
    run["table"] = counts_table(counts, len(files))
    memory = f"peak RSS {run['peak_rss'] / 2**20:.0f} MB" if run["peak_rss"] else "memory not measured here"
    print(f"\nksr validate over {len(files)} real-world files in {len(run['chunks'])} call(s): "
          f"{run['seconds']:.1f} s, {memory}\n{run['table']}")
    return run


def _files_of(chunk: dict) -> list[dict]:
    try:
        return json.loads(chunk["stdout"])["files"]
    except (ValueError, KeyError):
        return []


def test_every_call_exits_1_without_a_traceback(corpus_run):
    for chunk in corpus_run["chunks"]:
        assert chunk["rc"] == 1, (chunk["rc"], chunk["stderr"][-2000:], corpus_run["table"])
        for stream in ("stdout", "stderr"):
            assert "Traceback" not in chunk[stream], (chunk[stream][-3000:], corpus_run["table"])
        assert chunk["stderr"].strip() == "", chunk["stderr"][-2000:]


def test_every_file_is_reported_once_and_refused_with_an_error(corpus_run):
    reported = [r["path"] for r in corpus_run["reports"]]
    assert sorted(reported) == sorted(map(str, corpus_run["files"])), corpus_run["table"]
    wrong = [(r["path"], r["status"], [i["code"] for i in r["issues"]]) for r in corpus_run["reports"]
             if r["status"] not in REFUSED or not any(i["severity"] == "error" for i in r["issues"])]
    assert not wrong, (wrong[:20], corpus_run["table"])


def test_every_code_is_in_the_catalogue(corpus_run):
    unknown = {(i["code"], r["path"]) for r in corpus_run["reports"] for i in r["issues"]
               if i["code"] not in Code.__members__}
    assert not unknown, (sorted(unknown)[:20], corpus_run["table"])


def test_every_message_is_polish(corpus_run):
    """No English word or exception name of a reader library, no internal code, in any message."""
    bad = []
    for r in corpus_run["reports"]:
        for issue in r["issues"]:
            message = issue["message"]
            found = reader_words(message)
            found += [p.problem for p in internal_codes([Snippet(r["path"], issue["code"], message, CONSOLE)])]
            if found:
                bad.append((r["path"], issue["code"], found, message))
    assert not bad, (bad[:20], corpus_run["table"])


def test_time_is_bounded(corpus_run):
    assert corpus_run["seconds"] < MAX_SECONDS, (corpus_run["seconds"], corpus_run["table"])


def test_memory_is_bounded(corpus_run):
    """The largest resident set of any process of the run (ksr or a child reading files), not their sum."""
    if corpus_run["peak_rss"] is None:
        pytest.skip("resource.getrusage is not available on this system")
    assert 0 < corpus_run["peak_rss"] < MAX_RSS, (corpus_run["peak_rss"] / 2**20, corpus_run["table"])


def test_the_english_check_catches_a_reader_librarys_words():
    """The message check above is not blind: calamine's and zipfile's own texts are caught."""
    for text in ("Relationship not found", "Cannot detect file format", "File is not a zip file",
                 "Plik: XmlError: ill-formed document", "Worksheet 'Usługi' not found", "invalid sheet"):
        assert reader_words(text), text
    assert reader_words("Plik: plik jest uszkodzony (archiwum zip jest niekompletne lub uszkodzone).") == []


def test_chunks_keep_every_path_in_order_under_the_limit():
    paths = [Path(f"/korpus/folder_{i:03d}/plik_{'x' * (i % 40)}.xlsx") for i in range(500)]
    groups = chunks(paths, limit=2_000)
    assert [p for g in groups for p in g] == list(map(str, paths))
    assert len(groups) > 1 and all(sum(len(p) + 3 for p in g) <= 2_000 for g in groups)
