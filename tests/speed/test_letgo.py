"""What the build lets go of before the render worker forks (kit/speed/letgo.py), and the search
segmentation done in a child of the worker (fork.apart): the same site, less memory held. The
whole site staying the same is tests/speed/test_speed_off.py's and test_parallel.py's."""
from __future__ import annotations

import gc
import multiprocessing
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from kit.speed import fork, letgo


def _config(tmp_path: Path, site: str) -> MkDocsConfig:
    (tmp_path / "docs").mkdir(exist_ok=True)
    config = MkDocsConfig()
    config.load_dict({"site_name": "某县", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / site)})
    assert config.validate() == ([], [])
    config.plugins._current_plugin = None     # as between MkDocs' events
    return config


def _files(config: MkDocsConfig) -> Files:
    return Files([
        File.generated(config, "opendata/table.json", content=b'{\n  "name": "\xe6\x9f\x90\xe5\x8e\xbf"\n}\n'),
        File.generated(config, "feed/updates.xml", content="<rss>某镇\r\n</rss>\n"),   # str: MkDocs writes it as text
        File.generated(config, "drafts/notes.txt", content="草稿", inclusion=InclusionLevel.EXCLUDED),
        File.generated(config, "same.md", content="# 页面"),          # a page whose place a file also has
        File.generated(config, "same/index.html", content="<p>文件</p>"),
    ])


def _site(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_generated_files_written_before_the_fork_are_the_files_mkdocs_writes(tmp_path):
    plain = _config(tmp_path, "plain")
    _files(plain).copy_static_files(inclusion=InclusionLevel.is_included)
    config = _config(tmp_path, "early")
    files = _files(config)
    letgo.files_written(files)
    written = {f.src_uri for f in files if getattr(f, "_content", None) is None}
    assert written == {"opendata/table.json", "feed/updates.xml"}    # the excluded one, the shared place: MkDocs'
    assert sorted(_site(tmp_path / "early")) == ["feed/updates.xml", "opendata/table.json"]
    files.copy_static_files(inclusion=InclusionLevel.is_included)     # what MkDocs does right after on_env
    assert _site(tmp_path / "early") == _site(tmp_path / "plain")
    files.copy_static_files(dirty=True, inclusion=InclusionLevel.is_included)   # `mkdocs build --dirty`
    assert _site(tmp_path / "early") == _site(tmp_path / "plain")


def test_a_job_apart_runs_in_a_child_and_a_job_that_fails_there_runs_here():
    receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)
    here, ran = os.getpid(), []

    def job() -> None:
        if os.getpid() == here:
            ran.append(here)
        else:
            send.send(os.getpid())

    def fails_in_child() -> None:
        if os.getpid() != here:
            raise RuntimeError("the child dies")
        ran.append(here)
    try:
        fork.apart(job)
        assert receive.poll(10) and receive.recv() != here and not ran
        fork.apart(fails_in_child)
        assert ran == [here] and not receive.poll(0)
    finally:
        gc.unfreeze()    # apart leaves its caller frozen (the render worker, which then ends)


def test_entry_page_content_waits_packed_and_is_whole_again_for_the_theme():
    """Between MkDocs' two passes over the pages an entry page's content is packed; the first
    on_page_context handler puts it back (a page never packed keeps its own)."""
    from types import SimpleNamespace
    contents = letgo.Contents()
    page = SimpleNamespace(url="honorees/a/", content=None)
    html = "<article><h1>某镇的好人</h1><p>" + "事迹。" * 500 + "</p></article>"
    page.content = contents.hold(page, html)
    assert page.content == "" and 0 < len(contents.packed[page.url]) < len(html.encode("utf-8")) // 4
    contents.restore(page)
    assert page.content == html and not contents.packed
    other = SimpleNamespace(url="about/", content="<p>关于</p>")
    contents.restore(other)
    assert other.content == "<p>关于</p>"
    one_core = letgo.Contents(on=False)    # no worker to fork: kept as it is
    assert one_core.hold(page, html) == html and not one_core.packed
