"""A helper process for the page bodies (hooks/bodies.py): forked from the build after the data
is loaded, so it renders with exactly the build's data and templates. MkDocs builds on one core;
this fills the second while the main process renders its own share.
"""
from __future__ import annotations

import multiprocessing
import os
from typing import Any, Callable


class Offload:
    def __init__(self) -> None:
        self.pool = None
        if (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods():
            self.pool = multiprocessing.get_context("fork").Pool(1)

    def apply(self, fn: Callable[[], Any]):
        """One call in the helper; the caller checks `pool` first (no helper: no call)."""
        assert self.pool is not None
        return self.pool.apply_async(fn)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()
            self.pool = None
