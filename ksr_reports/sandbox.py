"""Reading untrusted workbooks in child processes, so that one file can never end the run.

python-calamine allocates a dense grid for every sheet it loads; some malformed sheets (a value
at XFD1048576, written in a way the pre-flight does not foresee) make it abort the whole process
with "memory allocation failed", which Python cannot catch. The pre-flight refuses every such
sheet it recognises, with a located message; this module is the safety net for the rest.

``isolated_map(fn, items, workers=…, on_crash=…)`` runs ``fn`` on every item in child
processes: ``workers`` lanes, each a thread driving its own one-process pool. Items travel in
small batches; when a child dies, the lane replays that batch one item per task to find the
item that kills the reader, records ``on_crash(item)`` for it, starts a fresh child and goes on.
Results come back in input order. Exceptions raised by ``fn`` itself (a bug) are re-raised.
"""
from __future__ import annotations

import os
import pickle
import signal
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")
BATCH = 8      # items per task at most: fewer round trips; a crash costs one replay of the batch
PARALLEL_FROM = 40                      # below this many files a second process costs more than it saves ...
PARALLEL_FROM_BYTES = 2 * 1024 * 1024   # ... unless they are large (rollup files)


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


def start_context():
    """How child processes start: the platform's default, or ``$KSR_START_METHOD`` ("spawn", "fork",
    "forkserver") — CI sets "spawn" to run the tests that matter as on Windows, where fork does not exist."""
    import multiprocessing

    return multiprocessing.get_context(os.environ.get("KSR_START_METHOD") or None)


def ignore_interrupt() -> None:
    """Child processes leave Ctrl+C to the parent, which stops them in order."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _call(fn: Callable[[T], R], item: T) -> R:
    """``fn(item)`` in the child; an error that cannot travel back (a calamine panic, an exception
    that does not pickle) is sent as a RuntimeError with its text, never as a broken pool."""
    try:
        return fn(item)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as e:
        try:
            pickle.loads(pickle.dumps(e))
        except Exception:
            raise RuntimeError(f"{type(e).__name__}: {str(e)[:300]}") from None
        if not isinstance(e, Exception):
            raise RuntimeError(f"{type(e).__name__}: {str(e)[:300]}") from None
        raise


def _run_batch(fn: Callable[[T], R], batch: list[T]) -> list[R]:
    return [_call(fn, item) for item in batch]


class _Lane:
    """One thread's child process (replaced when it dies)."""

    def __init__(self) -> None:
        self.pool = ProcessPoolExecutor(max_workers=1, initializer=ignore_interrupt, mp_context=start_context())

    def start(self) -> None:
        """Start the child now: forking before the lane threads exist avoids forking a process
        whose other threads may hold locks (only a crash makes a lane start a child later)."""
        self.pool.submit(int).result()

    def call(self, fn, *args):
        try:
            return True, self.pool.submit(fn, *args).result()
        except BrokenProcessPool:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = ProcessPoolExecutor(max_workers=1, initializer=ignore_interrupt, mp_context=start_context())
            return False, None

    def close(self, wait: bool = True) -> None:
        self.pool.shutdown(wait=wait, cancel_futures=True)


def isolated_map(fn: Callable[[T], R], items: Sequence[T], *, workers: int, on_crash: Callable[[T], R],
                 progress: Callable[[int, int], None] | None = None) -> list[R]:
    """``[fn(x) for x in items]`` computed in child processes; ``on_crash(x)`` for an item whose
    processing killed its child. ``fn`` and the items must be picklable."""
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
                ok, values = worker.call(_run_batch, fn, [items[i] for i in indexes])
                if not ok:                      # a child died: find the item, one per task
                    values = []
                    for i in indexes:
                        if state["stop"]:
                            return
                        alone_ok, value = worker.call(_call, fn, items[i])
                        values.append(value if alone_ok else on_crash(items[i]))
                finish(indexes, values)
        except BaseException as e:  # a bug in fn: stop the other lanes, re-raise in the caller
            with lock:
                state["error"] = state["error"] or e
        finally:
            worker.close(wait=not state["stop"])

    threads: list[threading.Thread] = []
    try:
        for _ in range(lane_count):
            lanes.append(_Lane())
            lanes[-1].start()
        threads = [threading.Thread(target=lane, args=(worker,), daemon=True) for worker in lanes]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    except KeyboardInterrupt:       # Ctrl+C: no new work, children stopped, lanes joined, then re-raised
        with lock:
            state["stop"] = True
            for worker in lanes:
                worker.close(wait=False)
        for t in threads:
            t.join(timeout=5)
        raise
    if state["error"] is not None:
        raise state["error"]
    return results


def run_isolated(fn: Callable[[T], R], item: T, *, crash_message: str) -> R:
    """``fn(item)`` in one child process; ``KsrError(crash_message)`` when the child dies."""
    from .errors import KsrError

    def crashed(_):
        raise KsrError(crash_message)
    return isolated_map(fn, [item], workers=1, on_crash=crashed)[0]
