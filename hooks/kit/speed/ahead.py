"""A pure job worked out ahead, in a forked process, while the build goes on with other work.

A rebuild runs on one core where the cold build uses two: the body cache's keys (ten thousand
contexts written out and hashed, bodycache.BodyCache.plan) are worked out by a forked child while the
build writes the open data, the calendars and the search notes; the last build's files in the site
are looked at (refill.survey) while the build reads its data. The child sends the result back
pickled and ends. The job must only compute (no files, no logs, no stores kept): whatever it changes
in the child is lost. Where no process can be forked, or the child fails, `result()` runs the job here.
"""
from __future__ import annotations

import gc
import os
import pickle
from typing import Any, Callable

from kit.speed import fork


class Ahead:
    def __init__(self, job: Callable[[], Any], wanted: bool, child: Callable[[], None] = lambda: None,
                 inline: bool = True) -> None:
        """`child`: what the child sets up before the job (and the build does not); `inline`: without a
        child's result, result() runs the job here (else it gives None: the job's moment has passed)."""
        self.job, self.inline, self.pid, self.fd = job, inline, None, -1
        if not wanted:
            return
        read, write = os.pipe()
        try:
            pid = os.fork()     # no gc.collect() first (fork.frozen): the child only reads, briefly
        except OSError:
            os.close(read)
            os.close(write)
            return
        if pid == 0:
            os.close(read)
            code = 1
            try:
                gc.disable()
                fork.die_with_parent()
                child()
                with os.fdopen(write, "wb") as out:
                    out.write(pickle.dumps(job(), pickle.HIGHEST_PROTOCOL))
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        self.pid, self.fd = pid, read
        fork.LIVE.add(pid)

    def result(self) -> Any:
        if self.pid is None:
            return self.job() if self.inline else None
        with os.fdopen(self.fd, "rb") as f:
            data = f.read()
        status = os.waitpid(self.pid, 0)[1]
        fork.LIVE.discard(self.pid)
        self.pid = None
        if status != 0:
            return self.job() if self.inline else None
        return pickle.loads(data)
