"""One task over many items, in parallel: results in order, memory bounded.

Items are read lazily from any iterable and travel in small chunks; only a
few chunks are in flight at a time, so neither the items nor the results
pile up faster than the caller consumes them (ten million profiles never
sit in memory at once). By default the chunks go to a process pool of this
machine whose workers receive the shared context (a loaded catalog, say)
once, when they start; a caller that is about to build large lists of its own
forks them first (``process_pool``). Any other ``concurrent.futures.Executor`` (Dask's
``Client.get_executor()``, Ray's, a pool of your own) can run them instead;
then the context travels pickled once with each chunk and each worker
process unpickles it only the first time. A worker that dies (out of memory,
killed) fails its items through ``on_crash`` instead of taking the run down.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import pickle
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from .writers.output import no_interrupt

Item = TypeVar("Item")
Result = TypeVar("Result")

_IN_FLIGHT_PER_WORKER = 2
_LARGEST_CHUNK = 16

_worker_task: Callable[[Any, Any], Any] | None = None
_worker_context: Any = None
_shipped_contexts: dict[str, Any] = {}
"""In a worker of a caller's executor: contexts already unpickled, by their hash."""


def cpu_count() -> int:
    """The cores this process may use (which can be fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class Workers:
    """Worker processes already forked, with the task and context they were given."""

    pool: ProcessPoolExecutor
    count: int


@contextmanager
def process_pool(
    task: Callable[[Any, Any], Any], context: Any, jobs: int | None = None
) -> Iterator[Workers | None]:
    """Worker processes for ``run_all(task, context, ..., pool=)``, forked now.

    A forked worker starts with the parent's memory as it is at that moment
    (its resident size counts all of it), so a caller that is about to build
    lists as long as its input forks the workers first: their memory then
    stays the same however many items follow. None when there is one job.
    """
    workers = jobs or cpu_count()
    if workers <= 1:
        yield None
        return
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(task, context)) as pool:
        pool.submit(_ready).result()  # the first task forks every worker
        yield Workers(pool, workers)


def run_all(
    task: Callable[[Any, Item], Result],
    context: Any,
    items: Iterable[Item],
    *,
    jobs: int | None = None,
    on_crash: Callable[[Item], Result],
    executor: Executor | None = None,
    pool: Workers | None = None,
) -> Iterator[Result]:
    """``task(context, item)`` for every item, in the items' order.

    ``task`` must be a module-level function that returns, not raises, for a
    bad item. Without ``executor``, one job (or one item) runs here, in this
    process, and more run in a process pool of ``jobs`` workers (every core by
    default), or in ``pool`` (from ``process_pool`` with the same task and
    context) when given. With ``executor``, ``jobs`` is how many workers to
    keep busy (twice as many chunks are in flight).
    """
    workers = pool.count if pool is not None else jobs or cpu_count()
    source = iter(items)
    # read a little ahead: a short list is split as evenly as it can be
    ahead = list(itertools.islice(source, workers * _IN_FLIGHT_PER_WORKER * _LARGEST_CHUNK))
    known = None if len(ahead) == workers * _IN_FLIGHT_PER_WORKER * _LARGEST_CHUNK else ahead
    every = itertools.chain(ahead, source)
    if executor is None and (workers <= 1 or (known is not None and len(known) <= 1)):
        return (task(context, item) for item in every)
    size = _LARGEST_CHUNK
    if known is not None:
        workers = min(workers, len(known)) or 1
        size = max(1, min(_LARGEST_CHUNK, len(known) // (workers * 4)))
    chunks = _chunks(every, size)
    if executor is None and pool is not None:
        return _on_pool(pool.pool, chunks, workers, on_crash)
    if executor is None:
        return _in_processes(task, context, chunks, workers, on_crash)
    return _in_executor(task, context, chunks, workers, on_crash, executor)


def _chunks(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


def _in_processes(
    task: Callable[[Any, Item], Result],
    context: Any,
    chunks: Iterator[list[Item]],
    workers: int,
    on_crash: Callable[[Item], Result],
) -> Iterator[Result]:
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(task, context)) as pool:
        yield from _on_pool(pool, chunks, workers, on_crash)


def _on_pool(
    pool: ProcessPoolExecutor,
    chunks: Iterator[list[Item]],
    workers: int,
    on_crash: Callable[[Item], Result],
) -> Iterator[Result]:
    """The chunks on a pool whose workers hold the task and context."""
    return _pipelined(
        lambda chunk: pool.submit(_run_chunk, chunk),
        chunks,
        workers * _IN_FLIGHT_PER_WORKER,
        on_crash,
        stop=lambda: pool.shutdown(wait=True, cancel_futures=True),
    )


def _in_executor(
    task: Callable[[Any, Item], Result],
    context: Any,
    chunks: Iterator[list[Item]],
    workers: int,
    on_crash: Callable[[Item], Result],
    executor: Executor,
) -> Iterator[Result]:
    shipped = pickle.dumps(context, protocol=pickle.HIGHEST_PROTOCOL)
    key = hashlib.sha256(shipped).hexdigest()
    yield from _pipelined(
        lambda chunk: executor.submit(_run_shipped_chunk, task, key, shipped, chunk),
        chunks,
        workers * _IN_FLIGHT_PER_WORKER,
        on_crash,
        stop=lambda: None,  # the caller's executor: stop our chunks only, never the executor
    )


def _pipelined(
    submit: Callable[[list[Item]], Future[list[Result]]],
    chunks: Iterator[list[Item]],
    in_flight: int,
    on_crash: Callable[[Item], Result],
    stop: Callable[[], None],
) -> Iterator[Result]:
    """Each chunk's results in order, with at most ``in_flight`` chunks submitted."""
    pending: deque[tuple[list[Item], Future[list[Result]]]] = deque()
    broken = False

    def submit_next() -> None:
        chunk = next(chunks, None)
        if chunk is None:
            return
        future: Future[list[Result]] = Future()
        try:
            if broken:
                raise BrokenProcessPool
            future = submit(chunk)
        except BrokenProcessPool:
            future.set_exception(BrokenProcessPool())
        pending.append((chunk, future))

    waiting: Future[list[Result]] | None = None
    try:
        for _ in range(in_flight):
            submit_next()
        while pending:
            chunk, waiting = pending.popleft()
            try:
                results = waiting.result()
            except BrokenProcessPool:
                broken = True
                results = [on_crash(item) for item in chunk]
            except Exception:  # a cluster's worker lost, say: the chunk's items fail alone
                results = [on_crash(item) for item in chunk]
            waiting = None
            submit_next()
            yield from results
    except BaseException as stopped:  # Ctrl-C or the caller stopped: start nothing more
        with no_interrupt():
            for _, future in pending:
                future.cancel()
            stop()
        if isinstance(stopped, KeyboardInterrupt):  # chunks finished meanwhile are complete
            futures = [waiting] if waiting is not None else []
            for future in [*futures, *(f for _, f in pending)]:
                if future.done() and not future.cancelled() and future.exception() is None:
                    yield from future.result()
        raise


def _start_worker(task: Callable[[Any, Any], Any], context: Any) -> None:
    global _worker_task, _worker_context
    # Ctrl-C reaches every process of the terminal's group: the parent handles
    # it (finishing the chunks under way), so workers print no tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_task, _worker_context = task, context


def _ready() -> None:
    """Nothing: submitted once so that the pool forks its workers."""


def _run_chunk(chunk: Sequence[Any]) -> list[Any]:
    assert _worker_task is not None, "worker started without its task"
    return [_worker_task(_worker_context, item) for item in chunk]


def _run_shipped_chunk(
    task: Callable[[Any, Any], Any], key: str, shipped: bytes, chunk: Sequence[Any]
) -> list[Any]:
    """A chunk on a caller's executor: the context is unpickled once per worker process."""
    context = _shipped_contexts.get(key)
    if context is None:
        _shipped_contexts.clear()  # keep one context: a worker serves one run at a time
        context = _shipped_contexts[key] = pickle.loads(shipped)
    return [task(context, item) for item in chunk]
