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
import pickle
import signal
import threading
import traceback
from pathlib import Path
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")
BATCH = 8      # items per task at most: fewer round trips; a crash costs one replay of the batch
PARALLEL_FROM = 40                      # below this many files a second process costs more than it saves ...
PARALLEL_FROM_BYTES = 2 * 1024 * 1024   # ... unless they are large (rollup files)
FILE_TIMEOUT = 60.0                     # seconds one file may take in a child (``--file-timeout``)
STOP_GRACE = 2.0                        # seconds a terminated child has before it is killed


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


class ChildTraceback(Exception):
    """Where ``fn`` failed in the child: the cause attached to the error re-raised in the parent."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def _serve(conn, fn) -> None:
    """The child: answer each batch received with ("ok", results) or ("error", exception, traceback)."""
    ignore_interrupt()
    conn.send(("ready",))
    while True:
        try:
            batch = conn.recv()
        except (EOFError, OSError):
            return
        if batch is None:
            return
        try:
            reply = ("ok", _run_batch(fn, batch))
        except BaseException as e:
            reply = ("error", e, traceback.format_exc())
        try:
            conn.send(reply)
        except Exception as e:          # a result that does not pickle: a bug, reported as such
            conn.send(("error", RuntimeError(f"{type(e).__name__}: {str(e)[:300]}"), ""))


_STARTING = threading.Lock()   # children start one at a time: a fork never copies another lane's new pipe end


class _Lane:
    """One thread's child process (replaced when it dies or overruns)."""

    def __init__(self, fn, timeout: float | None) -> None:
        self.fn, self.timeout = fn, timeout
        self.process = self.conn = None
        self.stopped = False
        self.closed = threading.Event()     # set when the lane's thread has ended its child

    def start(self, wait: bool = True) -> None:
        """Start the child; with ``wait``, until it is ready (imports done), so no deadline pays for them.
        The first children start before the lane threads exist: forking a process whose other threads
        may hold locks is avoided (only a crash or a timeout makes a lane start a child later)."""
        context = start_context()
        with _STARTING:
            ours, theirs = context.Pipe()
            process = context.Process(target=_serve, args=(theirs, self.fn), daemon=True)
            process.start()
            theirs.close()
            self.process, self.conn = process, ours
        if wait:
            self.ready()

    def ready(self) -> None:
        """Wait for the started child's first message (children started together import in parallel)."""
        kind, _ = self._answer(None)
        if kind != "reply":
            self._end()
            if not self.stopped:
                raise RuntimeError("proces potomny nie uruchomił się (szczegóły wyżej, na stderr)")

    def _answer(self, limit: float | None) -> tuple[str, object]:
        """("reply", message), or ("died" | "late" | "stopped", None): the child's answer, its death
        or ``limit`` seconds, whichever comes first."""
        from multiprocessing.connection import wait

        ready = wait([self.conn, self.process.sentinel], limit)
        if self.stopped:
            return "stopped", None
        if not ready:
            return "late", None
        if self.conn not in ready:
            return "died", None
        try:
            return "reply", self.conn.recv()
        except (EOFError, OSError):
            return "died", None

    def call(self, batch: list) -> tuple[str, list | None]:
        """("ok", results), or ("crashed" | "timeout" | "stopped", None) for the batch; ``fn``'s own
        error is raised here, with the child's traceback as its cause."""
        if self.process is None:
            self.start()
        if self.stopped:
            return "stopped", None
        try:
            self.conn.send(batch)
        except OSError:
            kind, reply = "died", None
        else:
            kind, reply = self._answer(None if self.timeout is None else self.timeout * len(batch))
        if kind != "reply":
            self._end()
            return {"died": "crashed", "late": "timeout"}.get(kind, "stopped"), None
        if reply[0] == "error":
            error = reply[1]
            error.__cause__ = ChildTraceback(reply[2])
            raise error
        return "ok", reply[1]

    def interrupt(self) -> None:
        """Ctrl+C (from the main thread): stop the child now; the lane's thread sees it and returns."""
        self.stopped = True
        process = self.process
        if process is not None:
            try:
                process.terminate()
            except (OSError, ValueError):
                pass

    def _end(self, gently: bool = False) -> None:
        """Stop the child: asked to end (normal close), else terminated, then killed if it lingers."""
        process, conn = self.process, self.conn
        self.process = self.conn = None
        if process is None:
            return
        if gently:
            try:
                conn.send(None)
                process.join(STOP_GRACE)
            except OSError:
                pass
        if process.is_alive():
            process.terminate()
            process.join(STOP_GRACE)
        if process.is_alive():
            process.kill()
            process.join()
        conn.close()
        process.close()

    def close(self) -> None:
        try:
            self._end(gently=not self.stopped)
        finally:
            self.closed.set()


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
