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

import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")
BATCH = 8      # items per task: fewer round trips; a crash costs one replay of 8 items


def _run_batch(fn: Callable[[T], R], batch: list[T]) -> list[R]:
    return [fn(item) for item in batch]


class _Lane:
    """One thread's child process (replaced when it dies)."""

    def __init__(self) -> None:
        self.pool = ProcessPoolExecutor(max_workers=1)

    def call(self, fn, *args):
        try:
            return True, self.pool.submit(fn, *args).result()
        except BrokenProcessPool:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = ProcessPoolExecutor(max_workers=1)
            return False, None

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def isolated_map(fn: Callable[[T], R], items: Sequence[T], *, workers: int, on_crash: Callable[[T], R],
                 progress: Callable[[int, int], None] | None = None) -> list[R]:
    """``[fn(x) for x in items]`` computed in child processes; ``on_crash(x)`` for an item whose
    processing killed its child. ``fn`` and the items must be picklable."""
    total = len(items)
    results: list = [None] * total
    batches = [list(range(i, min(i + BATCH, total))) for i in range(0, total, BATCH)]
    lock = threading.Lock()
    state = {"next": 0, "done": 0, "error": None}

    def finish(indexes: list[int], values: list) -> None:
        with lock:
            for i, v in zip(indexes, values):
                results[i] = v
            state["done"] += len(indexes)
            if progress:
                progress(state["done"], total)

    def lane() -> None:
        worker = _Lane()
        try:
            while True:
                with lock:
                    if state["error"] is not None or state["next"] >= len(batches):
                        return
                    indexes = batches[state["next"]]
                    state["next"] += 1
                ok, values = worker.call(_run_batch, fn, [items[i] for i in indexes])
                if not ok:                      # a child died: find the item, one per task
                    values = []
                    for i in indexes:
                        alone_ok, value = worker.call(fn, items[i])
                        values.append(value if alone_ok else on_crash(items[i]))
                finish(indexes, values)
        except BaseException as e:  # a bug in fn: stop the other lanes, re-raise in the caller
            with lock:
                state["error"] = state["error"] or e
        finally:
            worker.close()

    threads = [threading.Thread(target=lane, daemon=True) for _ in range(max(1, min(workers, len(batches))))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if state["error"] is not None:
        raise state["error"]
    return results
