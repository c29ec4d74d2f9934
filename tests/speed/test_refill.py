"""The search index's folders brought back whole in a rebuild (kit/speed/refill.py), the survey of
the last build's files taken before the site goes to the trash, and jobs worked out ahead in a forked
child (kit/speed/ahead.py). No site is built here: tests/speed/test_shards.py and test_rebuild.py
compare whole rebuilt sites with cold builds."""
from __future__ import annotations

import os
import types

import pytest

from kit.speed import ahead, refill, sitefolder
from kit.speed.stores import key


def _last_build(tmp_path, files: dict[str, str]):
    """A project whose last build wrote `files` (site-relative) and recorded them."""
    root, site = tmp_path / "p", tmp_path / "p" / "site"
    cache = root / ".cache" / "wenming"
    for rel, text in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, "utf-8")
    sitefolder.prepare(root)
    refill.Placed(cache).save({str(site / rel): key(text.encode("utf-8")) for rel, text in files.items()})
    return root, site, cache


@pytest.mark.parametrize("surveyed", [False, True])
def test_a_folder_comes_back_whole_and_ends_as_if_written_anew(tmp_path, surveyed):
    old = {"search/docs/0.json": "[0]", "search/docs/1.json": "[1]", "search/docs/2.json": "[2]",
           "search/docs/9.json": "[9]", "search/search_index.json": "{}"}
    root, site, cache = _last_build(tmp_path, old)
    inode = {rel: os.stat(site / rel).st_ino for rel in old}
    os.utime(site / "search/docs/9.json", ns=(1, 1))     # touched since the last build: written again
    survey = refill.survey(cache) if surveyed else None
    sitefolder.prepare(root)
    sitefolder.clean(str(site))
    assert not (site / "search").exists()
    output = types.SimpleNamespace(placed=refill.Placed(cache), written={})
    output.placed.survey = survey
    writer = refill.Refill(output)
    (site / "search" / "docs").mkdir(parents=True)   # as searchshards.write_files makes it
    writer.write(site / "search" / "search_index.json", "{}")
    for name, text in [("0.json", "[0]"), ("1.json", "[一]"), ("3.json", "[3]"), ("9.json", "[9]")]:
        writer.write(site / "search" / "docs" / name, text)
    writer.finish()
    docs = site / "search" / "docs"
    assert sorted(os.listdir(docs)) == ["0.json", "1.json", "3.json", "9.json"]    # 2.json: not written this build
    assert {n: (docs / n).read_text("utf-8") for n in os.listdir(docs)} == {
        "0.json": "[0]", "1.json": "[一]", "3.json": "[3]", "9.json": "[9]"}
    assert os.stat(docs / "0.json").st_ino == inode["search/docs/0.json"]      # kept, not written
    assert output.placed.kept == {str(docs / "0.json"): key(b"[0]"), str(site / "search/search_index.json"): key(b"{}")}
    assert os.stat(docs / "9.json").st_mtime_ns != 1
    assert set(output.written) == {str(docs / n) for n in ("0.json", "1.json", "3.json", "9.json")} | {
        str(site / "search/search_index.json")}
    # the next build's record: what a cold build would leave, with the kept file's last size and time
    output.placed.save(output.written)
    again = refill.Placed(cache)
    assert again.old[str(docs / "1.json")][0] == key("[一]".encode("utf-8"))
    assert str(docs / "2.json") not in again.old


def test_a_folder_written_into_already_is_filled_file_by_file(tmp_path):
    root, site, cache = _last_build(tmp_path, {"search/terms/0.json": "{}", "search/terms/1.json": "{}"})
    sitefolder.prepare(root)
    sitefolder.clean(str(site))
    (site / "search" / "terms").mkdir(parents=True)
    (site / "search" / "terms" / "other.txt").write_text("x", "utf-8")
    output = types.SimpleNamespace(placed=refill.Placed(cache), written={})
    writer = refill.Refill(output)
    writer.write(site / "search" / "terms" / "0.json", "{}")
    writer.finish()
    assert sorted(os.listdir(site / "search" / "terms")) == ["0.json", "other.txt"]


def test_the_survey_names_files_and_folders_of_one_page(tmp_path):
    root, site, cache = _last_build(tmp_path, {"a/index.html": "A", "b/index.html": "B", "b/x.png": "x"})
    stats, alone = refill.survey(cache)
    assert alone == {str(site / "a")}
    st = os.stat(site / "a" / "index.html")
    assert stats[str(site / "a" / "index.html")] == (st.st_size, st.st_mtime_ns)
    assert set(stats) == {str(site / rel) for rel in ("a/index.html", "b/index.html", "b/x.png")}


def test_a_job_ahead_gives_its_result_from_the_child_or_here():
    parent = os.getpid()
    assert ahead.Ahead(lambda: (os.getpid() != parent, [1, "二"]), True).result() == (True, [1, "二"])
    assert ahead.Ahead(lambda: os.getpid() != parent, False).result() is False       # no child: here

    def fails_there() -> None:
        raise RuntimeError("in the child")
    assert ahead.Ahead(lambda: os.getpid(), True, child=fails_there).result() == parent   # the child failed: here
    assert ahead.Ahead(lambda: os.getpid(), True, child=fails_there, inline=False).result() is None
