"""Page bodies (the content templates, Markdown of stories included) rendered on two cores.

A helper process is forked with the page list in memory (so it renders with exactly the build's
data and templates); it takes pages from the back of the list while the main process takes them
from the front, until they meet (kit/speed/fork.Split). The helper sends back its bodies, the
Markdown it converted (so the main process's cache learns it) and any photo the main process has
not planned yet. A body the helper could not render is rendered by the main process, which then
reports the error itself. Rendering is a pure function of the data, so the split changes nothing.

Bodies travel and wait compressed (`pack`): ten thousand of them are about 45 MB as Python
strings and a fifth of that packed; MkDocs unpacks each when it reads the page (`PackedFile`).
"""
from __future__ import annotations

import multiprocessing
from typing import Any, Callable

from mkdocs.structure.files import File

from kit.speed import fork
from kit.speed.stores import squeeze, unsqueeze

# set just before the helper process is forked, cleared right after: the helper reads its job
# from here (a forked pool's task function cannot carry the environment and pages as arguments)
_JOB: Job | None = None


def pack(body: str) -> bytes:
    return squeeze(body.encode("utf-8"))


RELEASED = b""    # the content of a PackedFile MkDocs has read (PackedFile.release)


class PackedFile(File):
    """A generated page whose content (bytes from `pack`) is unpacked only when read. MkDocs
    reads a page's source through content_string (Page.read_source); its own File keeps the
    content in `_content`, which this class relies on (hence only with the tested MkDocs)."""

    def release(self) -> None:
        """MkDocs has read the page: the body is let go (a page's source is read once a build).
        Still in memory for MkDocs (`mkdocs build --dirty` asks is_modified(), true), never read again."""
        self._content = RELEASED

    @property
    def content_bytes(self) -> bytes:
        content = self._content
        if content is RELEASED:
            raise RuntimeError(f"{self.src_uri}: the page's source was let go once read (kit/speed/letgo.py)")
        return unsqueeze(content) if isinstance(content, bytes) else File.content_bytes.fget(self)

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        File.content_bytes.fset(self, squeeze(value))

    @property
    def content_string(self) -> str:
        content = self._content
        if isinstance(content, bytes):
            if content is RELEASED:
                raise RuntimeError(f"{self.src_uri}: the page's source was let go once read (kit/speed/letgo.py)")
            return unsqueeze(content).decode("utf-8-sig", errors="strict")
        return File.content_string.fget(self)

    @content_string.setter
    def content_string(self, value: str) -> None:
        File.content_string.fset(self, value)


class Job:
    def __init__(self, render: Callable[[int], str], n: int, md_store, images) -> None:
        self.render = render
        self.md_store = md_store
        self.images = images
        self.split = fork.Split(n)


def work_back() -> tuple[dict[int, str | None], dict[str, Any], list[str]]:
    """In the helper: bodies from the back of the list, until the main process is met."""
    job = _JOB
    assert job is not None
    job.images.plan_only = True
    md_before = set(job.md_store.new)
    photos_before = set(job.images.sets)
    out: dict[int, str | None] = {}
    while (i := job.split.claim_back()) is not None:
        try:
            out[i] = job.render(i)
        except Exception:  # the main process renders it again and reports the error
            out[i] = None
    md = {k: v for k, v in job.md_store.new.items() if k not in md_before}
    return out, md, [src for src in job.images.sets if src not in photos_before]


def _helper():
    """A pool of one forked process, or None where forking is not possible."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    with fork.frozen():
        return multiprocessing.get_context("fork").Pool(1)


def render_all(render: Callable[[int], Any], n: int, md_store, images, first: Callable[[], None] = lambda: None) -> list[Any]:
    """Every body, in order. The helper process ends with its share: its memory is freed.
    `first` runs in the build once the helper has started (and takes its share of the bodies)."""
    global _JOB
    job = Job(render, n, md_store, images)
    pool, pending = None, None
    if fork.wanted(n):
        _JOB = job
        try:
            pool = _helper()
        finally:
            _JOB = None
        if pool is not None:
            pending = pool.apply_async(work_back)
    first()
    bodies: list[str | None] = [None] * n
    for i in range(n):
        if pending is not None and not job.split.claim_front(i):
            break
        bodies[i] = render(i)
    if pending is not None:
        theirs, md, photos = pending.get()
        md_store.new.update(md)
        for src in photos:
            images.picture(src)
        for i, body in theirs.items():
            bodies[i] = body
        made = sum(1 for body in theirs.values() if body is not None)
        fork.log.info("并行渲染：第二个进程生成了 %d 篇正文（共 %d 篇）。", made, n)
    if pool is not None:
        pool.close()
        pool.join()
    for i, body in enumerate(bodies):
        if body is None:
            bodies[i] = render(i)
    return bodies
