"""One task over many items on every core: results in order, memory bounded.

Each worker process receives the shared context (a loaded catalog, say)
once, when it starts; items then travel in small chunks. Only a few chunks
are in flight at a time, so results are not piled up faster than the caller
consumes them. A worker that dies (out of memory, killed) fails its items
through ``on_crash`` instead of taking the whole run down.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from .writers.output import no_interrupt

Item = TypeVar("Item")
Result = TypeVar("Result")

_IN_FLIGHT_PER_WORKER = 2
_LARGEST_CHUNK = 16

_worker_task: Callable[[Any, Any], Any] | None = None
_worker_context: Any = None


def cpu_count() -> int:
    """The cores this process may use (which can be fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def run_all(
    task: Callable[[Any, Item], Result],
    context: Any,
    items: Sequence[Item],
    *,
    jobs: int | None = None,
    on_crash: Callable[[Item], Result],
) -> Iterator[Result]:
    """``task(context, item)`` for every item, in the items' order.

    ``task`` must be a module-level function that returns, not raises, for a
    bad item. With one job (or one item) it runs here, in this process.
    """
    workers = min(jobs or cpu_count(), len(items))
    if workers <= 1:
        return (task(context, item) for item in items)
    return _in_processes(task, context, items, workers, on_crash)


def _in_processes(
    task: Callable[[Any, Item], Result],
    context: Any,
    items: Sequence[Item],
    workers: int,
    on_crash: Callable[[Item], Result],
) -> Iterator[Result]:
    size = max(1, min(_LARGEST_CHUNK, len(items) // (workers * 4)))
    chunks = iter([items[i : i + size] for i in range(0, len(items), size)])
    pending: deque[tuple[Sequence[Item], Future[list[Result]]]] = deque()
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(task, context)) as pool:
        broken = False

        def submit() -> None:
            chunk = next(chunks, None)
            if chunk is None:
                return
            future: Future[list[Result]] = Future()
            try:
                if broken:
                    raise BrokenProcessPool
                future = pool.submit(_run_chunk, chunk)
            except BrokenProcessPool:
                future.set_exception(BrokenProcessPool())
            pending.append((chunk, future))

        waiting: Future[list[Result]] | None = None
        try:
            for _ in range(workers * _IN_FLIGHT_PER_WORKER):
                submit()
            while pending:
                chunk, waiting = pending.popleft()
                try:
                    results = waiting.result()
                except BrokenProcessPool:
                    broken = True
                    results = [on_crash(item) for item in chunk]
                waiting = None
                submit()
                yield from results
        except BaseException as stop:  # Ctrl-C or the caller stopped: start nothing more
            with no_interrupt():
                pool.shutdown(wait=True, cancel_futures=True)
            if isinstance(stop, KeyboardInterrupt):  # chunks finished meanwhile are complete
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


def _run_chunk(chunk: Sequence[Any]) -> list[Any]:
    assert _worker_task is not None, "worker started without its task"
    return [_worker_task(_worker_context, item) for item in chunk]
