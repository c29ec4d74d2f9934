"""A helper process for pure CPU work the build can hand off: half of the page bodies
(hooks/bodies.py), then jieba segmentation of our search entries. MkDocs builds on one core; this fills the second while the main process
renders pages. The process is forked after the data is loaded and jieba has learnt the names,
so it segments exactly as the main process would. With one CPU, work runs in place.
"""
from __future__ import annotations

import multiprocessing
import os
from typing import Any, Callable, Iterable


class Done:
    """An already computed result, for the one-CPU case and empty batches."""

    def __init__(self, value: list) -> None:
        self.value = value

    def get(self, timeout: float | None = None) -> list:
        return self.value


class Offload:
    def __init__(self) -> None:
        self.pool = None
        if (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods():
            self.pool = multiprocessing.get_context("fork").Pool(1)

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any], chunk: int = 64):
        items = list(items)
        if self.pool is None or not items:
            return Done([fn(i) for i in items])
        return self.pool.map_async(fn, items, chunksize=chunk)

    def apply(self, fn: Callable[[], Any]):
        """One call in the helper; the caller checks `pool` first (no helper: no call)."""
        assert self.pool is not None
        return self.pool.apply_async(fn)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()
            self.pool = None

    def terminate(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool = None
