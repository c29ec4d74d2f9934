"""Forked worker processes: when to fork, a job list shared from both ends, logs sent home.

MkDocs builds on one core; the page bodies (kit/speed/bodies.py) and the theme rendering of
entry pages (kit/speed/theme.py) are shared with a process forked from the build, so it has the
build's data, templates and environment without pickling any of them.

WENMING_PARALLEL=0 turns the workers off; =1 uses them even for a handful of pages (tests).
"""
from __future__ import annotations

import contextlib
import ctypes
import gc
import io
import logging
import multiprocessing
import os
import pickle
import zlib
from typing import Callable

from kit.data import kitconfig

MIN_PAGES = 64        # below this a fork costs more than it saves
log = logging.getLogger("mkdocs.plugins.wenming")
LIVE: set[int] = set()   # worker processes not yet reaped, for on_build_error


def stop_all() -> None:
    """After a failed build: do not leave a worker running."""
    for pid in list(LIVE):
        try:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        except OSError:
            pass
        LIVE.discard(pid)


def wanted(count: int) -> bool:
    setting = kitconfig.current().parallel
    if setting == "off" or "fork" not in multiprocessing.get_all_start_methods():
        return False
    if setting == "on":
        return count > 0
    return (os.cpu_count() or 1) > 1 and count >= MIN_PAGES


def _libc():
    try:
        return ctypes.CDLL(None)    # the symbols Python is linked with: glibc's malloc_trim, if any
    except OSError:
        return None


_LIBC = _libc()
PR_SET_PDEATHSIG = 1     # Linux prctl: a signal for the process when its parent ends


def trim() -> None:
    """Give memory freed by this process back to the system (glibc keeps freed blocks in its
    heaps otherwise): a fork then shares less, and the build's own peak is lower."""
    if _LIBC is not None and hasattr(_LIBC, "malloc_trim"):
        _LIBC.malloc_trim(0)


_FREED = [0]
TRIM_EVERY = 500


def freed() -> None:
    """A page's content was let go: every TRIM_EVERY pages, the memory goes back to the system
    (most of it was shared with the other process, which now holds it alone)."""
    _FREED[0] += 1
    if _FREED[0] % TRIM_EVERY == 0:
        trim()


@contextlib.contextmanager
def frozen():
    """Around a fork: the parent's objects are frozen for the child, whose garbage collector
    then never walks (and so never copies) the memory it shares with the parent; only the
    parent unfreezes its own."""
    parent = os.getpid()
    gc.collect()
    trim()
    gc.freeze()
    try:
        yield
    finally:
        if os.getpid() == parent:
            gc.unfreeze()


_HOLDING = [False]


def hold(start: bool = False, quiet: bool = False) -> None:
    """The build's long-lived objects (the libraries, the data, the pages and nav) are frozen as they
    are made, so the garbage collector's full passes walk only what is newer; the data is read with
    the collector off. Measured at 10,000 entries: 13 full passes, 0.85 s of a 7 s rebuild, 8 of
    them while the data was read; in a cold build on one core, 2.2 s of the data's 4.5 s (with no
    change to the peak of memory: 341 MB). `start`: the build begins. `quiet`: the collector stays off until
    the next hold() (a rebuild plans its pages with it off, kit/speed/fast.py): a one-line rebuild
    at 10,000 entries about 10 % faster (4 rounds alternated), and a warm build that renders every
    page again (data/site.yml changed) peaked 10 MB higher (332 against 323 MB); off until the end
    of the build, that one peaked 37 MB higher, so the theme renders with it on. Garbage already in
    a cycle waits for let_go() at the end of the build."""
    if start:
        _HOLDING[0] = True
        gc.freeze()
        gc.disable()
    elif _HOLDING[0]:
        gc.freeze()
        if quiet:
            gc.disable()
        else:
            gc.enable()


def die_with_parent() -> None:
    """In a forked child: killed when the process that forked it ends."""
    if _LIBC is not None and hasattr(_LIBC, "prctl"):
        _LIBC.prctl(PR_SET_PDEATHSIG, 9)


def let_go() -> None:
    """The build ends: what hold() froze is collected again as usual (`mkdocs serve` goes on)."""
    if _HOLDING[0]:
        gc.unfreeze()
    gc.enable()
    _HOLDING[0] = False


def fork() -> int:
    with frozen():
        return os.fork()


def apart(job: Callable[[], None]) -> None:
    """Run `job` (which sends its own result) in a forked child and wait for it: what the job
    allocates goes back to the system when the child ends. In the render worker the search
    segmentation's objects (jieba's cuts; new objects landing in memory pools shared with the
    build, each copying a whole page) otherwise stayed beside the build until the last page:
    30-40 MB of the peak at 10,000 entries. If the child fails, the job runs here. Unlike fork(),
    nothing is unfrozen after: in the worker, the build's objects must stay frozen (a full collection
    there writes to every page it shares with the build: both processes then copy them)."""
    gc.freeze()
    pid = os.fork()
    if pid == 0:
        die_with_parent()   # killed with the worker (stop_all after a failed build)
        code = 1
        try:
            job()
            code = 0
        finally:
            os._exit(code)
    if os.waitpid(pid, 0)[1] != 0:
        job()


CHUNK = 512


def pack(items) -> bytes:
    """Items of an iterable, pickled CHUNK at a time into one zlib stream as they come: a forked
    process never holds the whole result, its pickle and its compressed copy at once (they made the
    render worker's peak of memory)."""
    z, out, chunk = zlib.compressobj(1), [], []
    for item in items:
        chunk.append(item)
        if len(chunk) == CHUNK:
            out.append(z.compress(pickle.dumps(chunk, pickle.HIGHEST_PROTOCOL)))
            chunk = []
    out.append(z.compress(pickle.dumps(chunk, pickle.HIGHEST_PROTOCOL)))
    out.append(z.flush())
    return b"".join(out)


def unpack(data: bytes) -> list:
    """pack's items, in order."""
    stream, items = io.BytesIO(zlib.decompress(data)), []
    while stream.tell() < len(stream.getbuffer()):
        items.extend(pickle.load(stream))
    return items


class Split:
    """A list of n jobs shared by two processes: the main process takes them from the front in
    order, the forked one from the back, until they meet (two counters under a lock)."""

    def __init__(self, n: int) -> None:
        ctx = multiprocessing.get_context("fork")
        self.lock = ctx.Lock()
        self.front = ctx.RawValue("i", 0)
        self.back = ctx.RawValue("i", n)

    def claim_front(self, i: int) -> bool:
        """In the main process: may it do job i (taken in increasing order)?"""
        with self.lock:
            if i < self.back.value:
                self.front.value = i + 1
                return True
            return False

    def claim_back(self) -> int | None:
        """In the forked process: the next job from the back, or None when they have met."""
        with self.lock:
            if self.back.value - 1 >= self.front.value:
                self.back.value -= 1
                return self.back.value
            return None


def taken(split: Split, items: list):
    while (i := split.claim_back()) is not None:
        yield items[i]


class Forward(logging.Handler):
    """In the worker: send log records to the main process instead of printing them."""

    def __init__(self, conn) -> None:
        super().__init__(logging.DEBUG)
        self.conn = conn

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.conn.send(("log", record.name, record.levelno, record.getMessage()))
        except OSError:
            pass
