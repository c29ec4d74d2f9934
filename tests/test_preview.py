"""`mkdocs serve` clears its old preview in the background (hooks/preview.py); other site
folders are left to MkDocs."""
from __future__ import annotations

import tempfile
from pathlib import Path

import preview


def _fill(site: Path) -> None:
    for i in range(30):
        page = site / "honorees" / f"h-{i}"
        page.mkdir(parents=True)
        (page / "index.html").write_text("旧页面", "utf-8")
    (site / "index.html").write_text("首页", "utf-8")


def test_the_preview_folder_is_emptied_at_once_and_the_old_pages_deleted():
    site = Path(tempfile.mkdtemp(prefix="mkdocs_"))
    try:
        _fill(site)
        worker = preview.clear_in_background(str(site))
        assert worker is not None
        assert list(site.iterdir()) == []          # MkDocs finds nothing left to clean
        worker.wait(30)
        assert not list(site.parent.glob(f"{site.name}-old-*"))   # and nothing is left behind
    finally:
        site.rmdir()


def test_a_project_site_folder_is_left_to_mkdocs(tmp_path):
    site = tmp_path / "site"
    _fill(site)
    assert preview.clear_in_background(str(site)) is None
    assert (site / "honorees" / "h-3" / "index.html").read_text("utf-8") == "旧页面"
