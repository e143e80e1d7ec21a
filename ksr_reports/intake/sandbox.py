"""Reading untrusted workbooks in child processes, so that one file can never end the run.

python-calamine allocates a dense grid for every sheet it loads; some malformed sheets (a value
at XFD1048576, written in a way the pre-flight does not foresee) make it abort the whole process
with "memory allocation failed", which Python cannot catch; a file could also make a reader spin.
The pre-flight refuses every such sheet it recognises, with a located message; this module is the
safety net for the rest.

``isolated_map(fn, items, workers=…, on_crash=…, timeout=…, on_timeout=…)`` runs ``fn`` on every
item in child processes: ``workers`` lanes, each a thread driving its own child. Items travel in
small batches; a batch has a deadline of ``timeout`` seconds per item in it. When a child dies or
overruns its deadline (it is then terminated, and killed if it does not end), the lane replays that
batch one item per task, each with the per-file limit, to find the item at fault, records
``on_crash(item)`` or ``on_timeout(item)`` for it, starts a fresh child and goes on. Results come
back in input order. Exceptions raised by ``fn`` itself (a bug) are re-raised.

Why a child of our own (``multiprocessing.Process`` and a ``Pipe``) rather than a pool: stopping a
task that overruns means stopping its process, and ``ProcessPoolExecutor`` offers no public way to
reach its processes. pebble's ``ProcessPool`` (per-task ``timeout``) would do it, but it is a new
dependency with three threads of its own per pool, and here it is ~90 lines of public calls: one
child per lane, ``multiprocessing.connection.wait`` on its pipe and its sentinel (an answer, its
death or the deadline, whichever comes first), ``terminate`` then ``kill``. ``fn`` reaches the
child once, when it starts (with fork it is not even pickled), instead of with every batch; the
first children start together and are waited for before any deadline runs (under spawn they import
the reader in parallel). Measured (2 cores, fork, alternating runs of old and new code):
400 one-item round trips 0.03 s here, 0.10 s with pebble 5.2.3; a 0.5 s limit overrun plus the
next item 0.51 s here, 0.61 s with pebble. ``examine_all`` (the validation stage) against the
former ``ProcessPoolExecutor`` lanes: the national benchmark's 2,477 workbooks median 9.41 s and
18.6 CPU-s against 9.60 s and 18.9 CPU-s (3 runs each); region 06 (213 workbooks) 0.83 s against
0.84 s (6 runs), under spawn 1.12 s against 1.10 s (4 runs, within the noise).
"""
from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Callable, Sequence, TypeVar

from .lanes import ChildTraceback, _Lane, ignore_interrupt, start_context  # noqa: F401 (the sandbox's API)

T = TypeVar("T")
R = TypeVar("R")
BATCH = 8      # items per task at most: fewer round trips; a crash costs one replay of the batch
PARALLEL_FROM = 40                      # below this many files a second process costs more than it saves ...
PARALLEL_FROM_BYTES = 2 * 1024 * 1024   # ... unless they are large (rollup files)
FILE_TIMEOUT = 60.0                     # seconds one file may take in a child (``--file-timeout``)


def default_workers(paths: Sequence) -> int:
    """Processes worth starting: one for small runs, every core (max 8) for many files or much data
    (16 regional rollup files of a ministry run are few but large)."""
    if len(paths) < PARALLEL_FROM:
        size = 0
        for p in paths:
            try:
                size += Path(p).stat().st_size
            except OSError:
                pass
        if size < PARALLEL_FROM_BYTES:
            return 1
    return max(1, min(os.cpu_count() or 1, 8))


def isolated_map(fn: Callable[[T], R], items: Sequence[T], *, workers: int, on_crash: Callable[[T], R],
                 progress: Callable[[int, int], None] | None = None, timeout: float | None = FILE_TIMEOUT,
                 on_timeout: Callable[[T], R] | None = None) -> list[R]:
    """``[fn(x) for x in items]`` computed in child processes; ``on_crash(x)`` for an item whose
    processing killed its child, ``on_timeout(x)`` (default ``on_crash``) for one that took more
    than ``timeout`` seconds (None: no limit). ``fn`` and the items must be picklable."""
    timeout = timeout if timeout is None or timeout > 0 else None
    on_timeout = on_timeout or on_crash
    total = len(items)
    results: list = [None] * total
    lane_count = max(1, min(workers, total))
    lock = threading.Lock()
    state = {"next": 0, "done": 0, "error": None, "stop": False}
    lanes: list[_Lane] = []

    def finish(indexes: list[int], values: list) -> None:
        with lock:
            for i, v in zip(indexes, values):
                results[i] = v
            state["done"] += len(indexes)
            if progress:
                progress(state["done"], total)

    def verdict(status: str, item):
        return on_crash(item) if status == "crashed" else on_timeout(item)

    def lane(worker: _Lane) -> None:
        try:
            while True:
                with lock:
                    if state["stop"] or state["error"] is not None or state["next"] >= total:
                        return
                    # guided batches: a share of what is left (at most BATCH), so the lanes finish
                    # together instead of one core idling while the other ends a full batch
                    start = state["next"]
                    state["next"] = min(total, start + max(1, min(BATCH, (total - start) // (lane_count * 3))))
                    indexes = list(range(start, state["next"]))
                status, values = worker.call([items[i] for i in indexes])
                if status == "stopped":
                    return
                if status != "ok" and len(indexes) == 1:
                    values = [verdict(status, items[indexes[0]])]
                elif status != "ok":            # a child died or overran: find the item, one per task
                    values = []
                    for i in indexes:
                        alone, value = worker.call([items[i]])
                        if alone == "stopped" or state["stop"]:
                            return
                        values.append(value[0] if alone == "ok" else verdict(alone, items[i]))
                finish(indexes, values)
        except BaseException as e:  # a bug in fn: stop the other lanes, re-raise in the caller
            with lock:
                state["error"] = state["error"] or e
        finally:
            worker.close()

    threads: list[threading.Thread] = []
    try:
        for _ in range(lane_count):
            lanes.append(_Lane(fn, timeout))
            lanes[-1].start(wait=False)
        for worker in lanes:
            worker.ready()
        threads = [threading.Thread(target=lane, args=(worker,), daemon=True) for worker in lanes]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    except KeyboardInterrupt:       # Ctrl+C: no new work, children stopped, lanes ended, then re-raised
        with lock:
            state["stop"] = True
        _stop(lanes, running=bool(threads))
        raise
    except BaseException:           # a child that could not start: end the ones that did
        _stop(lanes, running=False)
        raise
    if state["error"] is not None:
        raise state["error"]
    return results


def _stop(lanes: list[_Lane], running: bool) -> None:
    """Stop every lane's child now; with ``running`` lane threads, wait for each to have ended its child
    (an interrupted ``Thread.join`` may mark a running thread as ended: Python 3.11, bpo-45274)."""
    for worker in lanes:
        worker.interrupt()
    for worker in lanes:
        if running:
            worker.closed.wait(5)
        else:
            worker.close()


def timeout_message(item, limit: float) -> str:
    """The Polish sentence for a file given up on after ``limit`` seconds (catalogue's FILE_TIMEOUT)."""
    from .codes import FILE_CODES, render

    entry = FILE_CODES["FILE_TIMEOUT"]
    name = f" {Path(item).name}" if isinstance(item, (str, os.PathLike)) else ""
    return f"Nie można odczytać pliku{name}: {render(entry.what, limit=limit)} {render(entry.fix, limit=limit)}"


def run_isolated(fn: Callable[[T], R], item: T, *, crash_message: str, timeout: float | None = FILE_TIMEOUT) -> R:
    """``fn(item)`` in one child process; ``KsrError(crash_message)`` when the child dies, and a
    Polish "read for too long" ``KsrError`` when it takes more than ``timeout`` seconds."""
    from ..errors import KsrError

    def crashed(_):
        raise KsrError(crash_message)

    def timed_out(_):
        raise KsrError(timeout_message(item, timeout))
    return isolated_map(fn, [item], workers=1, on_crash=crashed, timeout=timeout, on_timeout=timed_out)[0]
