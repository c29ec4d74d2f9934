"""Page bodies (the content templates, Markdown of stories included) rendered on two cores.

The helper process (hooks/offload.py) is forked with the page list in memory; its first task
takes pages from the back of the list while the main process takes them from the front, until
they meet (a shared pair of counters under a lock). The helper sends back its bodies, the
Markdown it converted (so the main process's cache learns it) and any photo the main process has
not planned yet. A body the helper could not render is rendered by the main process, which then
reports the error itself. Rendering is a pure function of the data, so the split changes nothing.
"""
from __future__ import annotations

from typing import Any

import parallel
import render

# set just before the helper process is forked, cleared right after: the helper reads its job
# from here (a forked pool's task function cannot carry the environment and pages as arguments)
_JOB: Job | None = None


class Job:
    def __init__(self, env, specs: list, data, speed) -> None:
        self.env = env
        self.specs = specs
        self.data = data
        self.speed = speed
        self.split = parallel.Split(len(specs))

    def body(self, i: int) -> str:
        spec = self.specs[i]
        return render.render(self.env, spec.template, spec.src_uri, d=self.data, **spec.context)


def work_back() -> tuple[dict[int, str | None], dict[str, Any], list[str]]:
    """In the helper: bodies from the back of the list, until the main process is met."""
    job = _JOB
    assert job is not None
    images = job.speed.images
    images.plan_only = True
    md_before = set(job.speed.md_store.new)
    photos_before = set(images.sets)
    out: dict[int, str | None] = {}
    while (i := job.split.claim_back()) is not None:
        try:
            out[i] = job.body(i)
        except Exception:  # the main process renders it again and reports the error
            out[i] = None
    md = {k: v for k, v in job.speed.md_store.new.items() if k not in md_before}
    return out, md, [src for src in images.sets if src not in photos_before]


def render_all(env, specs: list, data, speed, offload_factory) -> list[str]:
    """Every body, in order. The helper process ends with its share: its memory is freed."""
    global _JOB
    job = Job(env, specs, data, speed)
    helper, pending = None, None
    if parallel.wanted(len(specs)):
        _JOB = job
        try:
            with parallel.frozen():
                helper = offload_factory()
        finally:
            _JOB = None
        if helper.pool is not None:
            pending = helper.apply(work_back)
    bodies: list[str | None] = [None] * len(specs)
    for i in range(len(specs)):
        if pending is not None and not job.split.claim_front(i):
            break
        bodies[i] = job.body(i)
    if pending is not None:
        theirs, md, photos = pending.get()
        speed.md_store.new.update(md)
        for src in photos:
            speed.images.picture(src)
        for i, body in theirs.items():
            bodies[i] = body
        made = sum(1 for body in theirs.values() if body is not None)
        parallel.log.info("并行渲染：第二个进程生成了 %d 篇正文（共 %d 篇）。", made, len(specs))
    if helper is not None:
        helper.close()
    for i, body in enumerate(bodies):
        if body is None:
            bodies[i] = job.body(i)
    return bodies
