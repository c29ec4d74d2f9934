"""`mkdocs serve` with a data error after a good build: the preview goes on with the last good
content and shows the Chinese error lines on top of every page (so the browser reloads and the
editor sees them), until the fix is saved; a real build still stops (kit/pages/previewerrors.py)."""
from __future__ import annotations

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from kit import session

BAD = "category: 助人为乐"


def _build(project, site):
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))   # as `mkdocs serve` does, anew
    build(config)


def _banner(site, page="index.html") -> str | None:
    text = (site / page).read_text("utf-8")
    return text[text.index('class="wm-preview-errors"'):] if "wm-preview-errors" in text else None


@pytest.fixture
def serve_mode(monkeypatch):
    monkeypatch.setenv("WENMING_PARALLEL", "0")      # in-process builds: no fork of the test process
    session.start("serve")                          # what on_startup does for `mkdocs serve`
    yield
    session.start("build")


def test_a_data_error_in_the_preview_shows_on_every_page_until_it_is_fixed(project, tmp_path, serve_mode):
    site = tmp_path / "site"
    _build(project, site)
    assert _banner(site) is None
    honorees = sorted((project / "data" / "honorees").glob("*.yml"))[0]
    good = honorees.read_text("utf-8")
    assert BAD in good
    honorees.write_text(good.replace(BAD, "category: 助人为了", 1), "utf-8")   # a typo
    _build(project, site)                                                      # does not stop
    for page in ("index.html", "events/index.html", "honorees/index.html"):
        shown = _banner(site, page)
        assert shown and "预览提示：发现 1 个错误" in shown, page
        assert f"data/honorees/{honorees.name}:" in shown and "“助人为了”不是可选的值" in shown
    assert (site / "honorees" / "index.html").is_file()      # the last good content is still there
    honorees.write_text(good, "utf-8")
    _build(project, site)
    assert _banner(site) is None and _banner(site, "events/index.html") is None


def test_a_real_build_with_the_same_error_still_stops(project, tmp_path, monkeypatch):
    monkeypatch.setenv("WENMING_PARALLEL", "0")
    session.start("build")
    honorees = sorted((project / "data" / "honorees").glob("*.yml"))[0]
    honorees.write_text(honorees.read_text("utf-8").replace(BAD, "category: 助人为了", 1), "utf-8")
    with pytest.raises(Exception):
        _build(project, tmp_path / "site")
    assert not (tmp_path / "site" / "index.html").exists()


def test_the_first_build_of_a_preview_with_an_error_stops_as_before(project, tmp_path, serve_mode):
    honorees = sorted((project / "data" / "honorees").glob("*.yml"))[0]
    honorees.write_text(honorees.read_text("utf-8").replace(BAD, "category: 助人为了", 1), "utf-8")
    with pytest.raises(Exception):
        _build(project, tmp_path / "site")      # no good content yet to show
