"""A rebuild after a one-line change of the data remakes only what depends on it (page bodies
kept with the parts of the data they read, hooks/kit/speed/bodycache.py; unchanged search shards
moved back; unchanged entry pages past MkDocs' _build_page, hooks/kit/speed/pageskip.py) and ends
byte for byte as a cold build of the changed data: in the last build's site folder, and in a fresh
folder with the warm .cache/."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kit.speed import bodycache
from conftest import copy_project, run_build, warm_up

REUSED = re.compile(r"正文：(\d+) 篇沿用上次构建，(\d+) 篇重新渲染")
SKIPPED = re.compile(r"页面：(\d+) 个没变的条目页面从缓存直接放进网站（(\d+) 个不再读取(?:，其中 (\d+) 个不再交给 MkDocs 逐页处理)?）")

# (file in the project, old text, new text, a page that must show the new text, the most bodies rendered again,
# the text it shows if not the new value)
NEW_HONOREE = """  - name: 钱某某
    id: 2023-sample-qian
    example: true
    category: 助人为乐
    place: 青禾县某镇
    summary: 义务为村里的老人理发。
    story: |
      钱某某每月到村里为老人义务理发。
    honours:
      - {award: qinghe-good-people-2023, status: 入选}
"""
ZHOU = "  - id: 2023-sample-zhou\n"
ZHOU_ENTRY = """  - id: 2023-sample-zhou
    example: true
    name: 周某某
    category: 诚实守信
    place: 青禾县某茶厂
    summary: 茶叶收购坚持足秤公道，多收的货款主动退还茶农。
    story: |
      周某某经营茶厂二十年，收购茶叶坚持**足秤、公道、现结**。一次结账时多付了茶农货款，他连夜送回，被乡亲们称为“诚信老板”。
    honours:
      - {award: honest-people-2023, status: 入选}
"""
CHANGES = {
    # on its page, the lists of its award, search, open data
    "honoree-name": ("data/honorees/2023.yml", "name: 孙某某", "name: 孙某甲", "honorees/2023-sample-sun/", 12, None),
    # moves the event from the 2024 list page to the 2023 one
    "event-date": ("data/events/2024.yml", "start: 2024-02-24\n    end: 2024-02-24",
                   "start: 2023-02-24\n    end: 2023-02-24", "events/2023/", 12, None),
    # read by every honoree page holding the award, through the dataset (d.awards)
    "award-name": ("data/awards.yml", "name: 2023年“青禾好人”", "name: 2023年度“青禾好人”",
                   "honorees/2023-sample-sun/", 40, None),
    # a new page, new links on the lists, the sitemap and the neighbours' pages
    "honoree-added": ("data/honorees/2023.yml", ZHOU, NEW_HONOREE + ZHOU, "honorees/2023-sample-qian/", 20, "钱某某"),
    # its page gone from the site, the lists and the sitemap
    "honoree-removed": ("data/honorees/2023.yml", ZHOU_ENTRY, "", "honorees/", 20, ""),
    # a hand-written page: no body rendered again, every entry page unchanged
    "about-page": ("docs/about.md", "本站由中共青禾县委宣传部主办", "本站由青禾县委宣传部主办", "about/", 0,
                   "本站由青禾县委宣传部主办"),
}


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _clear_cache(root: Path) -> None:
    """Every store; the trash is still being deleted by the last build's deleter (sitefolder.py)."""
    for stored in (root / ".cache" / "wenming").iterdir():
        if stored.name != "trash":
            shutil.rmtree(stored) if stored.is_dir() else stored.unlink()


def _skipped(log: str, read: bool = False, ghosts: bool = False) -> int:
    """Entry pages past MkDocs' _build_page (`read`: past its _populate_page too; `ghosts`: not
    MkDocs' pages at all, kit/speed/ghosts.py)."""
    found = SKIPPED.findall(log)
    return int(found[-1][2 if ghosts else 1 if read else 0] or 0) if found else 0


def _rendered(log: str) -> tuple[int, int]:
    found = REUSED.findall(log)
    assert found, log[-2000:]
    return int(found[-1][0]), int(found[-1][1])


@pytest.fixture(scope="module")
def first_build(tmp_path_factory, cold_build) -> Path:
    """The fixture county built cold once (the run's cold build, conftest.cold_build), its site
    folder put inside its project as `mkdocs build` leaves it: each change starts from a copy of
    it, as an editor's next build starts from the last one."""
    root = shutil.copytree(cold_build.root, tmp_path_factory.mktemp("first-build") / "project", symlinks=True,
                           ignore=shutil.ignore_patterns("trash"))
    shutil.copytree(cold_build.site, root / "site")     # copy2: the files' times too
    return root


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_one_line_change_rebuilds_to_the_cold_build(tmp_path, first_build, change):
    name, old, new, page, most, shown = CHANGES[change]
    # a copy keeps the files' times, which tell the site folder's pages untouched (sitefolder.py)
    root = shutil.copytree(first_build, tmp_path / "project", symlinks=True,
                           ignore=shutil.ignore_patterns("trash"))
    site = root / "site"
    path = root / name
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")
    shutil.copytree(root / ".cache" / "wenming", tmp_path / "warm-cache", ignore=shutil.ignore_patterns("trash"))

    # with the worker processes whatever the size (WENMING_PARALLEL=1): the body cache's keys are worked
    # out in a child (kit/speed/ahead.py); the fresh build below works them out in the build itself
    same_folder = run_build(root, site, {"WENMING_PARALLEL": "1"})
    assert same_folder.returncode == 0, same_folder.log
    reused, rendered = _rendered(same_folder.log)
    assert (0 < rendered <= most if most else rendered == 0) and reused > rendered, (reused, rendered)
    again = run_build(root, site)     # nothing changed since: nothing to render, nothing to cut
    assert again.returncode == 0, again.log
    assert _rendered(again.log)[1] == 0
    assert "Building prefix dict" not in again.log + same_folder.log   # jieba's whole dictionary: not loaded
    # the unchanged entry pages went into the site past MkDocs' _build_page, and past its
    # _populate_page (the cold build noted their inputs): most pages, not all
    skipped = _skipped(same_folder.log)
    assert skipped > 0 and _skipped(again.log) >= skipped, (skipped, _skipped(again.log))
    assert 0 < _skipped(same_folder.log, read=True) <= skipped
    assert _skipped(again.log, read=True) == _skipped(again.log)
    # most of them were no MkDocs pages at all (ghosts.py): all but the ones this change touched
    assert 0 < _skipped(same_folder.log, ghosts=True) <= _skipped(same_folder.log, read=True)
    assert _skipped(again.log, ghosts=True) == _skipped(again.log)
    # a fresh `mkdocs build` into a new folder, with the warm cache of the first build
    _clear_cache(root)
    shutil.copytree(tmp_path / "warm-cache", root / ".cache" / "wenming", dirs_exist_ok=True)
    fresh = run_build(root, tmp_path / "fresh")
    assert fresh.returncode == 0, fresh.log
    assert _rendered(fresh.log) == (reused, rendered)
    assert _skipped(fresh.log) == skipped
    assert _skipped(fresh.log, ghosts=True) == _skipped(same_folder.log, ghosts=True)

    _clear_cache(root)
    warm_up(root)     # the content-keyed stores only: no body, page or output of an earlier build
    cold = run_build(root, tmp_path / "cold")
    assert cold.returncode == 0, cold.log
    assert _rendered(cold.log)[0] == 0
    assert _skipped(cold.log) == 0
    cold_files = _files(cold.site)
    for built in (site, fresh.site):
        files = _files(built)
        assert sorted(files) == sorted(cold_files)
        assert [rel for rel in files if files[rel] != cold_files[rel]] == []
    shown = new.split(": ", 1)[1].split("\n")[0].strip("\"") if shown is None else shown
    if change != "event-date":
        assert shown in fresh.html(page).get_text()
    else:
        assert "lantern-riddles-2024/" in str(fresh.html(page))


COUNTY_HOOK = """from pathlib import Path


def on_page_context(context, page, config, nav):
    with (Path(config.config_file_path).parent / "seen.txt").open("a", encoding="utf-8") as f:
        f.write(page.url + "\\n")
    return context
"""


def test_a_county_hook_on_page_events_sees_every_page_in_a_rebuild(tmp_path):
    """Entry pages skip MkDocs' _build_page only while no hook but the kit's handles its events."""
    root = copy_project(tmp_path / "project")
    (root / "hooks" / "county").mkdir()
    (root / "hooks" / "county" / "seen.py").write_text(COUNTY_HOOK, "utf-8")
    site = root / "site"
    assert run_build(root, site).returncode == 0
    cold_seen = (root / "seen.txt").read_text("utf-8").split()
    (root / "seen.txt").unlink()
    path = root / "data" / "honorees" / "2023.yml"
    path.write_text(path.read_text("utf-8").replace("name: 孙某某", "name: 孙某甲", 1), "utf-8")
    again = run_build(root, site)
    assert again.returncode == 0, again.log
    assert _skipped(again.log) == 0
    assert "honorees/2023-sample-sun/" in cold_seen
    # (a page the render worker made in the cold build was seen there and in the build)
    assert set((root / "seen.txt").read_text("utf-8").split()) == set(cold_seen)


FILES_HOOK = """from pathlib import Path


def on_env(env, config, files):
    pages = sorted(f.src_uri for f in files.documentation_pages())
    (Path(config.config_file_path).parent / "pages.txt").write_text("\\n".join(pages), encoding="utf-8")
    return env
"""


def test_a_county_hook_on_the_files_sees_every_page_in_a_rebuild(tmp_path):
    """Unchanged entry pages are left out of MkDocs' pages (ghosts.py) only while no hook but the
    kit's sees the files: a county hook on on_env finds every page there, as in the cold build."""
    root = copy_project(tmp_path / "project")
    (root / "hooks" / "county").mkdir()
    (root / "hooks" / "county" / "pages.py").write_text(FILES_HOOK, "utf-8")
    site = root / "site"
    assert run_build(root, site).returncode == 0
    cold_pages = (root / "pages.txt").read_text("utf-8")
    assert "honorees/2023-sample-sun.md" in cold_pages
    path = root / "data" / "honorees" / "2023.yml"
    path.write_text(path.read_text("utf-8").replace("name: 孙某某", "name: 孙某甲", 1), "utf-8")
    again = run_build(root, site)
    assert again.returncode == 0, again.log
    assert _skipped(again.log) > 0 and _skipped(again.log, ghosts=True) == 0
    assert (root / "pages.txt").read_text("utf-8") == cold_pages


def test_what_a_body_reads_of_the_dataset_is_noted():
    class Data:
        def __init__(self):
            self.parts = {"events": [1, 2], "awards": {"a": 1}}
            self.today = "2026-12-03"

        def __getattr__(self, name):
            parts = self.__dict__.get("parts")
            if parts is not None and name in parts:
                return parts[name]
            raise AttributeError(name)

        def first(self):
            return self.parts["events"][0]

        def status(self):
            return self.today

        @property
        def every(self):
            return list(self.parts)

    seen: set[str] = set()
    d = bodycache.Reads(Data(), seen)
    assert d.awards == {"a": 1} and seen == {"awards"}
    assert d.first() == 1 and d.status() == "2026-12-03" and seen == {"awards", "events", "today"}
    assert d.every == ["events", "awards"] and bodycache.EVERYTHING in seen
    with pytest.raises(AttributeError):
        d.today = "2027-01-01"
