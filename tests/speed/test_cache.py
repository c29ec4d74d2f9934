"""The build cache under .cache/ is never stale: changed, removed and added entries, changed
templates, and a warm build that equals a cold one byte for byte."""
from __future__ import annotations

import json
import os
import sys
import pickle
from pathlib import Path

import pytest

from kit.speed.outputcache import YamlCache
from kit.speed import stores
from kit.speed.stores import BlobStore, Store
from conftest import copy_project, run_build

LI = "honorees/2023-sample-sun/"


def _html_pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}


def _index(site: Path) -> dict[str, dict]:
    docs = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    return {d["location"]: d for d in docs}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture(scope="module")
def warm(tmp_path_factory, cold_build):
    """A copy of the run's cold build's project (conftest.cold_build), so its .cache/ is warm."""
    import shutil
    root = shutil.copytree(cold_build.root, tmp_path_factory.mktemp("cache") / "project", symlinks=True)
    assert (root / ".cache" / "wenming" / "html.pickle").is_file()
    return root, cold_build


def test_a_warm_build_equals_a_cold_build(warm, tmp_path):
    root, cold = warm
    again = run_build(root, tmp_path / "site-warm")
    assert again.returncode == 0, again.log
    before, after = _html_pages(cold.site), _html_pages(again.site)
    assert before.keys() == after.keys()
    changed = [k for k in before if before[k] != after[k]]
    assert not changed, changed[:5]
    assert (cold.site / "search" / "search_index.json").read_bytes() == \
        (again.site / "search" / "search_index.json").read_bytes()


def test_compiled_templates_are_found_by_a_copy_in_another_folder(warm, tmp_path):
    """Jinja's compiled templates are named by their path inside the project: a checkout in
    another folder (a CI runner's, a test's copy) compiles none again, and builds the same site."""
    import shutil
    root, cold = warm
    moved = copy_project(tmp_path / "elsewhere", warm=False)
    shutil.copytree(root / ".cache/wenming/jinja", moved / ".cache/wenming/jinja")
    before = {p.name: p.stat().st_mtime_ns for p in (moved / ".cache/wenming/jinja").iterdir()}
    again = run_build(moved, tmp_path / "site")
    assert again.returncode == 0, again.log
    after = {p.name: p.stat().st_mtime_ns for p in (moved / ".cache/wenming/jinja").iterdir()}
    assert after == before, sorted(set(after) - set(before))[:5]
    assert _html_pages(again.site) == _html_pages(cold.site)


def test_changed_removed_and_added_entries(warm, tmp_path):
    root, _ = warm
    honorees = root / "data" / "honorees" / "2023.yml"
    _edit(honorees, "义务为乡亲修理农具。", "义务为乡亲修理农具和摩托车。")
    # remove the entry of 吴某某 (the last key of the entry is `event: ink-kids`)
    text = honorees.read_text("utf-8")
    start = text.index("  - id: 2023-sample-wu")
    end = text.index("  - id:", start + 5)
    honorees.write_text(text[:start] + text[end:], "utf-8")
    # add a new one
    with honorees.open("a", encoding="utf-8") as f:
        f.write("  - id: 2023-sample-new\n    example: true\n    name: 新某某\n    category: 热心公益\n"
                "    place: 青禾县某社区\n    summary: 组织社区志愿者清扫背街小巷。\n"
                "    story: 新某某每周六组织志愿者清扫背街小巷，坚持三年。\n"
                "    honours:\n      - {award: qinghe-good-people-2023, status: 入选}\n")
    b = run_build(root, tmp_path / "site")
    assert b.returncode == 0, b.log

    assert "修理农具和摩托车" in b.html(LI).get_text()
    assert "摩托车" in _index(b.site)[LI]["text"].split("\u200b")

    assert not (b.site / "honorees" / "2023-sample-wu").exists()
    assert "honorees/2023-sample-wu/" not in _index(b.site)
    assert "吴某某" not in b.html("honorees/").get_text()

    assert "坚持三年" in b.html("honorees/2023-sample-new/").get_text()
    assert "新某某" in _index(b.site)["honorees/2023-sample-new/"]["title"]
    assert "2023-sample-new/" in [a["href"] for a in b.html("honorees/").select("a.wm-card__link")]

    # the cache's index now holds exactly what this build used: nothing of the removed entry
    # (its file keeps replaced pages until more than half of it is unused, see the next tests)
    with (root / ".cache" / "wenming" / "html.pickle").open("rb") as f:
        _, blob, index = pickle.load(f)
    data = (root / ".cache" / "wenming" / blob).read_bytes()
    assert sorted(p.name for p in (root / ".cache" / "wenming").glob("html-*.blobs")) == [blob]
    assert len(data) <= 2 * sum(n for _, n in index.values()) + (1 << 20)
    pages = [stores.unsqueeze(data[at:at + n]).decode("utf-8") for at, n in index.values()]
    assert pages and not any("吴某某" in html for html in pages)
    assert any("坚持三年" in html for html in pages)


def test_a_changed_template_invalidates_cached_pages(warm, tmp_path):
    root, _ = warm
    _edit(root / "overrides" / "content" / "honoree.html", '<h2 id="honours">所获荣誉</h2>',
          '<h2 id="honours">所获荣誉和称号</h2>')
    _edit(root / "overrides" / "main.html", "{% block scripts %}",
          '{% block analytics %}{{ super() }}<meta name="wm-test" content="theme-changed">{% endblock %}\n'
          "{% block scripts %}")
    b = run_build(root, tmp_path / "site")
    assert b.returncode == 0, b.log
    soup = b.html(LI)
    assert soup.find("h2", id="honours").get_text(strip=True) == "所获荣誉和称号"
    assert soup.find("meta", attrs={"name": "wm-test"}) is not None
    assert b.html("villages/liutang-village/").find("meta", attrs={"name": "wm-test"}) is not None


def test_store_keeps_only_what_the_last_build_used(tmp_path):
    s = Store(tmp_path, "t", "v1")
    s.put("a", 1)
    s.put("b", 2)
    s.save()
    s2 = Store(tmp_path, "t", "v1")
    assert s2.get("a") == 1
    s2.save()
    s3 = Store(tmp_path, "t", "v1")
    assert s3.get("a") == 1 and s3.get("b") is None
    assert Store(tmp_path, "t", "v2").get("a") is None     # another code version sees nothing


def test_blob_store_keeps_only_what_the_last_build_used(tmp_path):
    s = BlobStore(tmp_path, "t", "v1")
    s.put("a", b"one")
    s.put("b", b"two")
    assert s.get("a") == b"one"
    s.save()
    s2 = BlobStore(tmp_path, "t", "v1")
    assert s2.get("a") == b"one"
    s2.put("c", b"three")
    s2.save()
    s3 = BlobStore(tmp_path, "t", "v1")
    assert s3.get("a") == b"one" and s3.get("c") == b"three" and s3.get("b") is None
    s3.save()
    assert len(list(tmp_path.glob("t-*.blobs"))) == 1
    assert BlobStore(tmp_path, "t", "v2").get("a") is None     # another code version sees nothing


def test_a_broken_file_is_reported_even_after_it_was_cached(warm, tmp_path):
    root, _ = warm
    path = root / "data" / "honorees" / "2023.yml"
    good = path.read_text("utf-8")
    path.write_text(good.replace("    category: 助人为乐\n", "    category: 助人为乐\n    category: 诚实守信\n", 1), "utf-8")
    try:
        b = run_build(root, tmp_path / "site")
        assert b.returncode != 0
        assert "data/honorees/2023.yml:" in b.log and "category" in b.log
    finally:
        path.write_text(good, "utf-8")


def test_a_cache_written_by_another_version_of_the_kit_is_ignored(tmp_path):
    """After `make upgrade` a class the old cache pickled may have moved: the cache is dropped, not the build."""
    import types

    from kit.speed.stores import Store

    gone = types.ModuleType("kit_module_that_moved")
    exec("class Entry:\n    pass", gone.__dict__)
    gone.Entry.__module__ = "kit_module_that_moved"
    sys.modules["kit_module_that_moved"] = gone
    try:
        data = pickle.dumps(("v1", {"k": gone.Entry()}))
    finally:
        del sys.modules["kit_module_that_moved"]
    (tmp_path / "yaml.pickle").write_bytes(data)
    store = Store(tmp_path, "yaml", "v1")
    assert store.get("k") is None and store.old == {}


def test_page_store_appends_to_the_last_file_and_compacts_it(tmp_path):
    """A rebuild writes on at the end of the last build's page file instead of copying it."""
    def blobs():
        return sorted(tmp_path.glob("html-*.blobs"))
    s = BlobStore(tmp_path, "html", "v1")
    s.put("a", b"A" * 1000)
    s.put("b", b"B" * 1000)
    s.save()
    [first] = blobs()
    s = BlobStore(tmp_path, "html", "v1")
    assert s.appending
    other = BlobStore(tmp_path, "html", "v1")    # a second build at the same time: not on the same file
    assert not other.appending and other.get("a") == b"A" * 1000
    s.keep("a")
    assert s.get("b") == b"B" * 1000
    s.put("c", b"C" * 10)
    assert s.get("c") == b"C" * 10 and s.get("a") == b"A" * 1000
    s.save()
    other.reader.close()
    assert blobs() == [first] and first.stat().st_size == 2010    # nothing copied
    s = BlobStore(tmp_path, "html", "v1")
    assert [s.get(k) for k in "abc"] == [b"A" * 1000, b"B" * 1000, b"C" * 10]
    s.put("big", b"x" * (2 << 20))
    s.save()
    s = BlobStore(tmp_path, "html", "v1")   # the big page is dropped: the file is mostly unused now
    assert s.get("a") == b"A" * 1000
    s.save()
    s = BlobStore(tmp_path, "html", "v1")
    assert not s.appending     # compacted into a new file with what the last build used
    assert s.get("a") == b"A" * 1000 and s.get("big") is None
    s.save()
    [last] = blobs()
    assert last != first and last.stat().st_size == 1000


def test_page_store_cut_short_is_a_cold_cache(tmp_path):
    s = BlobStore(tmp_path, "html", "v1")
    s.put("a", b"A" * 1000)
    s.save()
    [blob] = tmp_path.glob("html-*.blobs")
    blob.write_bytes(b"A" * 10)
    s = BlobStore(tmp_path, "html", "v1")
    assert s.get("a") is None and not s.has("a")


def test_store_unchanged_is_not_rewritten(tmp_path):
    s = Store(tmp_path, "memo", "v1")
    s.put("a", "1")
    s.save()
    os.utime(s.path, ns=(1, 1))
    s = Store(tmp_path, "memo", "v1")
    assert s.get("a") == "1"
    s.save()
    assert s.path.stat().st_mtime_ns == 1      # the same entries: left as it is
    s = Store(tmp_path, "memo", "v1")
    s.get("a")
    s.put("b", "2")
    s.save()
    assert s.path.stat().st_mtime_ns != 1
    s = Store(tmp_path, "memo", "v1")
    s.save()       # nothing used: saved empty
    assert Store(tmp_path, "memo", "v1").old == {}


def test_parsed_data_files_are_kept_one_pickle_a_file(tmp_path):
    parsed = []

    def read(raw, name, report):
        parsed.append(name)
        return {"raw": raw.decode()}

    class Report:
        def lines(self):
            return []
    cache = YamlCache(tmp_path, "v1", read)
    assert cache.load_file(b"a: 1", "a.yml", Report()) == {"raw": "a: 1"}
    cache.load_file(b"b: 1", "b.yml", Report())
    cache.save()
    cache = YamlCache(tmp_path, "v1", read)
    assert cache.load_file(b"a: 1", "a.yml", Report()) == {"raw": "a: 1"}
    assert cache.load_file(b"b: 2", "b.yml", Report()) == {"raw": "b: 2"}
    assert parsed == ["a.yml", "b.yml", "b.yml"]    # only the changed file parsed again
    pickles = {p: p.stat().st_mtime_ns for p in (tmp_path / "yaml").glob("*.pickle")}
    cache.save()
    assert len(pickles) == 2
    cache = YamlCache(tmp_path, "v2", read)       # another version of the code: parsed again
    cache.load_file(b"a: 1", "a.yml", Report())
    cache.save()
    assert parsed[-1] == "a.yml" and len(list((tmp_path / "yaml").glob("*.pickle"))) == 1   # b.yml's is gone


class Doc:
    def __init__(self):
        self.clean = set()


def test_a_data_file_newly_marked_clean_is_saved_again(tmp_path):
    """The data check's clean marks (kit/data/rules/privacy.py) come with the pickle: a file
    found clean under new rules is saved again, though its bytes did not change."""
    class Report:
        def lines(self):
            return []
    cache = YamlCache(tmp_path, "v1", lambda raw, name, report: Doc())
    cache.load_file(b"a: 1", "a.yml", Report())
    cache.save()
    cache = YamlCache(tmp_path, "v1", None)
    cache.load_file(b"a: 1", "a.yml", Report()).clean.add("privacy:new rules")
    cache.save()
    assert YamlCache(tmp_path, "v1", None).load_file(b"a: 1", "a.yml", Report()).clean == {"privacy:new rules"}


def test_a_rebuild_with_its_texts_stored_has_no_segmentation_for_a_worker(tmp_path):
    """The fork decision (kit/speed/theme.py) counts search segmentation as work only when an
    even sample of the texts misses the cache: one changed story does not, an added name does."""
    from kit.speed.segments import Segmenter

    def cut(text):
        return list(text)
    texts = [f"第{i}段文字，某某做了好事。" for i in range(200)]
    first = Segmenter(Store(tmp_path, "segments", "v1"), ["某某"], cut, "words:1")
    first.learn_resolved(texts, first.resolve(texts))
    first.store.save()
    changed = texts[:7] + ["改过的一段文字。"] + texts[8:]
    assert Segmenter(Store(tmp_path, "segments", "v1"), ["某某"], cut, "words:1").stored(changed)
    assert not Segmenter(Store(tmp_path, "segments", "v1"), ["某某"], cut, "words:1").stored(["全新的一段。"] * 200)
    assert not Segmenter(Store(tmp_path, "segments", "v1"), ["某某", "新名字"], cut, "words:2").stored(texts)


def test_pages_are_packed_with_lz4_and_with_zlib_where_it_is_missing(monkeypatch):
    """stores.squeeze: LZ4 (requirements.txt) for the page and body caches; an environment without
    it packs with zlib, and its caches are its own (FORMAT is part of every cache's version)."""
    page = "<p>某县某镇的好人好事</p>\n".encode("utf-8") * 200
    assert stores.lz4 is not None and stores.FORMAT == "1-lz4"
    assert stores.unsqueeze(stores.squeeze(page)) == page and stores.squeeze(page) == stores.lz4.compress(page)
    monkeypatch.setattr(stores, "lz4", None)
    assert stores.unsqueeze(stores.squeeze(page)) == page and stores.squeeze(page)[:1] == b"\x78"   # a zlib stream


def test_another_checkout_borrows_only_the_content_keyed_stores(cold_build, tmp_path):
    """`make review` builds the last published commit in a worktree of its own: it starts with the
    resized photos, compiled templates and cut sentences of the current tree (kit.speed.lend_cache),
    and with nothing that belongs to one build (pages, bodies, parsed data)."""
    from kit.speed import CONTENT_KEYED, lend_cache
    lend_cache(cold_build.root, tmp_path)
    lent = sorted(p.name for p in (tmp_path / ".cache" / "wenming").iterdir())
    assert lent == sorted(CONTENT_KEYED)
    assert any((tmp_path / ".cache/wenming/images").rglob("*.*")), "the photos' variants are lent"
    owned = sorted(p.name for p in (cold_build.root / ".cache" / "wenming").iterdir())
    assert "html.pickle" in owned and "html.pickle" not in lent
