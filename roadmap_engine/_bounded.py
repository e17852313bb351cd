"""Running untrusted work (a coach's template) with a time and a memory limit.

Jinja's sandbox stops a template from reaching Python's internals, but not
from looping for hours or building a string of terabytes. So the work runs in
a forked child process with an address-space limit, and the parent stops
waiting (and kills the child) when the time is up. The child sends back
either its text or an error message; nothing it does can outlive the call.
Where ``fork`` does not exist (Windows) the work runs here, sandboxed but
unbounded.
"""

from __future__ import annotations

import json
import os
import select
import signal
import time
from collections.abc import Callable
from typing import Any

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class BoundExceeded(Exception):
    """The work ran out of time or memory, or its process died; says which."""


def run_bounded(
    work: Callable[[], str], *, seconds: float, memory_bytes: int, error: type[Exception]
) -> str:
    """``work()``'s text, computed within ``seconds`` and ``memory_bytes`` more memory.

    An ``error`` raised by ``work`` comes back as the same class with the same
    message; running out of time or memory raises ``BoundExceeded``.
    """
    if not hasattr(os, "fork"):  # pragma: no cover - not on Windows
        return work()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child; coverage cannot follow it
        os.close(read_end)
        _child(work, memory_bytes, error, write_end)
    os.close(write_end)
    payload: bytes | None = None
    try:
        payload = _read_until(read_end, time.monotonic() + seconds)
    finally:  # also on Ctrl-C: the child never outlives the call
        os.close(read_end)
        if payload is None:
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    if payload is None:
        raise BoundExceeded(f"took longer than {seconds:g} seconds")
    if not payload:
        raise BoundExceeded("its process stopped without an answer (out of memory?)")
    answer: dict[str, Any] = json.loads(payload)
    if "text" in answer:
        return str(answer["text"])
    if answer.get("memory"):
        raise BoundExceeded(f"needed more than {memory_bytes // 1_000_000:,} MB of memory")
    raise error(answer["error"])


def _child(
    work: Callable[[], str], memory_bytes: int, error: type[Exception], out: int
) -> None:  # pragma: no cover - runs in the child
    status = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C does
        _limit_memory(memory_bytes)
        try:
            answer: dict[str, Any] = {"text": work()}
        except MemoryError:
            answer = {"memory": True}
        except error as exc:
            answer = {"error": str(exc)}
        data = json.dumps(answer).encode("utf-8")
        view = memoryview(data)
        while view:
            view = view[os.write(out, view) :]
    except BaseException:
        status = 1
    finally:
        os._exit(status)


def _limit_memory(extra: int) -> None:  # pragma: no cover - runs in the child
    """Cap the address space at what the process has now plus ``extra``."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as handle:
            used = int(handle.read().split()[0]) * _PAGE
        limit = used + extra
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, OSError, ValueError):
        pass  # no /proc (macOS) or no RLIMIT_AS: the time limit still holds


def _read_until(fd: int, deadline: float) -> bytes | None:
    """Everything written to ``fd`` until it closes; None if ``deadline`` passes first."""
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            return None
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
