"""The child side of the sandbox and one lane: a thread's own child process, its pipe, its deadline.

``_Lane.call(batch)`` sends a batch to the child and waits for its answer, its death or the deadline,
whichever comes first (``multiprocessing.connection.wait`` on the pipe and the process sentinel); a
child that dies or overruns is terminated (killed if it lingers) and replaced on the next call. The
child (``_serve``) answers each batch with its results or the error with its traceback, and ignores
Ctrl+C (the parent stops it). ``sandbox.isolated_map`` drives the lanes.
"""
from __future__ import annotations

import os
import pickle
import signal
import threading
import traceback
from typing import Callable, TypeVar

T = TypeVar("T")
R = TypeVar("R")
STOP_GRACE = 2.0                        # seconds a terminated child has before it is killed


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
    """The child: answer each batch received with ("ok", results) or ("error", exception, traceback).

    A child that a file kills is reported by the parent (``on_crash``): a fault handler inherited from the
    parent (pytest, ``-X faulthandler``) would only print a Python stack over the user's console."""
    import faulthandler

    faulthandler.disable()
    if not os.environ.get("KSR_DEBUG"):     # a reader library's own words (Rust's abort text) never reach a console
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)
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
