"""The process pool for a run's outputs.

After validation (which reads untrusted files in child processes, see ``intake/sandbox.py``), ``ksr run``
writes the rollup workbook, the annotated copies and the report's charts on one pool at the same
time. With one worker (small inboxes, or ``--workers 1``) there is no pool and every task runs in
this process, in the same order.
"""
from __future__ import annotations

from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Callable, Iterator


@contextmanager
def process_pool(workers: int) -> Iterator[ProcessPoolExecutor | None]:
    """A pool of ``workers`` processes, or None when one process is enough."""
    if workers <= 1:
        yield None
        return
    from .intake.sandbox import ignore_interrupt, start_context

    with ProcessPoolExecutor(max_workers=workers, initializer=ignore_interrupt, mp_context=start_context()) as pool:
        yield pool


def submit(executor: ProcessPoolExecutor | None, fn: Callable, *args, **kwargs) -> Future:
    """``executor.submit``, or run ``fn`` now when there is no pool (its error is kept in the future)."""
    if executor is not None:
        return executor.submit(fn, *args, **kwargs)
    future: Future = Future()
    try:
        future.set_result(fn(*args, **kwargs))
    except Exception as e:  # re-raised by future.result(), as a pool would
        future.set_exception(e)
    return future
