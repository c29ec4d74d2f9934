"""Small parts of the rebuild's speed-ups (issue 27): body-cache key texts, the skipped pages'
meta copy, the placed-pages record of files moved back. No site is built here."""
from __future__ import annotations

import copy
import os
import pickle

import pytest

from kit.speed import refill, sitefolder
from kit.speed.bodycache import stable
from kit.speed.pageskip import fresh


TRICKY = [
    1, True, 1.0, "1", None, "None", (1,), [1], (), [], {}, {1: "a"}, {"1": "a"}, {True: "a"},
    {"a": [1, 2]}, {"a": (1, 2)}, {"a": [1, [2]]}, {"a": [[1], 2]}, [{"a": 1}], ({"a": 1},),
    {"a": "x', 'b': 'y"}, {"a": "x", "b": "y"}, ["a, b"], ["a", "b"], {"a": -0.0}, {"a": 0.0},
    {"a": [None]}, {"a": ["None"]}, ("dict", {}), "dict{}", [(1, 2)], [[1, 2]],
]


def test_stable_texts_tell_every_value_apart():
    # the repr fast path (plain values, open-data rows) and the walk never give one text to two values
    texts = [stable(v) for v in TRICKY]
    assert len(set(texts)) == len(TRICKY), [t for t in texts if texts.count(t) > 1]
    assert stable({"a": 1, "b": [1, "x"]}) == "dict{'a': 1, 'b': [1, 'x']}"   # a row: one repr
    assert stable({"a": {"b": 1}}) == "dict('a': dict{'b': 1})"              # nested: walked


def test_stable_with_a_memo_puts_a_long_models_digest_in_the_lists_that_hold_it():
    import dataclasses

    from kit.data.model.models import Event
    base = {"id": "x", "title": "灯谜会", "kind": "节庆活动", "summary": "猜灯谜" * 20, "place": "广场",
            "organiser": "文化站", "status": "past"}
    a, same, other = Event.model_validate(base), Event.model_validate(base), Event.model_validate({**base, "place": "公园"})
    memo: dict = {}
    text = stable([a, same, other], memo)
    one, two, three = text[len("list("):-1].split(", ")
    assert one == two != three and one.startswith("#") and len(one) == 33     # equal values, one digest
    assert stable([a], {}) == f"list({one})" and stable(a).startswith("Event{")   # without a memo: the JSON

    @dataclasses.dataclass
    class Page:
        entries: list
        thing: object
    odd = Page([a], object())      # no full repr: the body cache never keys it, however deep
    assert " at 0x" in stable([odd], {})


def test_stable_keeps_the_order_of_sets_out_of_the_text():
    assert stable({"a": {3, 1, 2}}) == stable({"a": {2, 3, 1}})


def test_fresh_meta_is_a_deep_copy():
    meta = {"title": "某镇", "search": {"exclude": True}, "tags": ["a", {"b": [1]}], "when": (1, [2])}
    got = fresh(meta)
    assert got == copy.deepcopy(meta)
    got["search"]["exclude"] = False
    got["tags"][1]["b"].append(2)
    got["when"][1].append(3)
    assert meta == {"title": "某镇", "search": {"exclude": True}, "tags": ["a", {"b": [1]}], "when": (1, [2])}


def test_a_page_moved_back_keeps_its_record_without_a_new_stat(tmp_path, monkeypatch):
    root, site = tmp_path / "p", tmp_path / "p" / "site"
    page = site / "a" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("页面", "utf-8")
    cache = root / ".cache" / "wenming"
    sitefolder.prepare(root)
    refill.Placed(cache).save({str(page): "k1"})
    sitefolder.prepare(root)
    sitefolder.clean(str(site))           # the last build's files go to the trash
    placed = refill.Placed(cache)
    assert placed.unchanged(str(page), "k2") is None            # another page now
    prev = placed.unchanged(str(page), "k1")
    assert prev is not None and not page.exists()
    page.parent.mkdir(parents=True)
    os.rename(prev, page)
    stats = []
    real_stat = os.stat
    monkeypatch.setattr(sitefolder.os, "stat", lambda p, *a, **k: (stats.append(str(p)) if str(p).startswith(str(site)) else None)
                        or real_stat(p, *a, **k))
    placed.save({str(page): "k1"})
    assert stats == []
    record = pickle.loads((cache / "placed.pickle").read_bytes())[str(page)]
    st = real_stat(page)
    assert record == ("k1", st.st_size, st.st_mtime_ns)     # what a stat would have recorded
    # a file written anew (not moved back) is recorded from a stat, as before
    other = site / "b.html"
    other.write_text("x", "utf-8")
    placed.save({str(page): "k1", str(other): "k3"})
    assert stats == [str(other)]
    sitefolder.finish()


def _ghost(src: str, site: str):
    from kit.speed.ghosts import GhostFile, Record
    dest = src[:-3] + "/index.html"
    rec = Record("local", "site", "None", src[:-3] + "/", dest, None, None, "k", None)
    return GhostFile(src, {"site_dir": site, "use_directory_urls": True}, rec)


def test_a_ghost_is_found_by_its_path_but_is_no_page(tmp_path):
    from mkdocs.structure.files import Files
    ghost = _ghost("honorees/a.md", str(tmp_path))
    files = Files([ghost])
    assert files.get_file_from_path("honorees/a.md") is ghost
    assert files.documentation_pages() == [] and not ghost.is_documentation_page()
    assert ghost.url == "honorees/a/" and ghost.abs_dest_path == str(tmp_path / "honorees" / "a" / "index.html")
    assert ghost.url_relative_to("blog/post/") == "../../honorees/a/"
    assert ghost.page.present_anchor_ids == set() and not ghost.page.is_link
    ghost.copy_file()
    assert not (tmp_path / "honorees").exists()


def test_the_css_search_skips_only_folders_a_page_has_alone(tmp_path):
    from mkdocs.structure.files import File, Files

    from kit.outputs.hostcheck import _css_files
    from kit.speed.ghosts import Ghosts
    for rel in ("a/x/index.html", "a/x/inner.css", "a/y.css/index.html", "a/z/index.html", "a/z/deep/s.css", "t.css"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("", "utf-8")
    everything = sorted(tmp_path.rglob("*.css"))
    assert _css_files(tmp_path) == everything
    assert _css_files(tmp_path, frozenset({"a/x", "a/y.css"})) == [p for p in everything if p.name != "inner.css"]
    ghosts = Ghosts(None, None)
    ghosts.files = [_ghost("a/x.md", str(tmp_path)), _ghost("a/y.css.md", str(tmp_path)), _ghost("a/z.md", str(tmp_path))]
    other = File("a/z/deep/s.css", None, str(tmp_path), True)     # another file of the build in a ghost's folder
    assert ghosts._alone(Files([*ghosts.files, other])) == {"a/x", "a/y.css"}


@pytest.mark.parametrize("surveyed", [False, True])
def test_a_section_of_ghost_pages_goes_back_whole(tmp_path, monkeypatch, surveyed):
    """ghosts.sections: one rename for the section's folder; its other entries back in the trash,
    where the build looks for them; a page folder holding anything else goes back alone. Which
    folders held their page alone: looked at now, or in the survey before the site went to the trash."""
    from kit.speed.ghosts import SECTION, sections
    site, old = tmp_path / "site", tmp_path / "trash" / "site-old-1"
    placed = refill.Placed(tmp_path / "cache")
    if surveyed:
        placed.survey = ({}, {str(site / "honorees" / f"p{i}") for i in range(SECTION)})
    monkeypatch.setattr(sitefolder, "_MOVED", {str(site): str(old)})
    names = [f"p{i}" for i in range(SECTION)]
    for rel in [f"honorees/{n}/index.html" for n in names + ["odd"]] + ["honorees/odd/stray.txt", "honorees/index.html",
                                                                         "honorees/2023/index.html", "honorees/.hidden"]:
        (old / rel).parent.mkdir(parents=True, exist_ok=True)
        (old / rel).write_text(rel, "utf-8")
    site.mkdir()
    places = [(str(site / "honorees" / n / "index.html"), 0, 1, str(old / "honorees" / n / "index.html"))
              for n in names + ["odd"]]
    rest = sections(places, placed)
    assert rest == [places[-1]]          # moved back one by one (write_stored), if it can be
    assert sorted(os.listdir(site / "honorees")) == names
    assert all(os.listdir(site / "honorees" / n) == ["index.html"] for n in names)
    assert (site / "honorees" / "p0" / "index.html").read_text("utf-8") == "honorees/p0/index.html"
    assert sorted(os.listdir(old / "honorees")) == [".hidden", "2023", "index.html", "odd"]
    assert sorted(os.listdir(old / "honorees" / "odd")) == ["index.html", "stray.txt"]
    # a section something was written into already goes back page by page
    (old / "events" / "e").mkdir(parents=True)
    (site / "events").mkdir()
    few = [(str(site / "events" / "e" / "index.html"), 0, 1, str(old / "events" / "e" / "index.html"))] * SECTION
    assert sections(few, placed) == few
