"""The search index in shards (hooks/kit/outputs/searchshards.py), on the fixture county built with
sharding forced (WENMING_SEARCH_SHARD_KB=0): the shards hold the same documents as the one file
of a normal build, every word of a page points at that page, and the plain door writes the same
bytes. The browser side (the worker fetching shards) is tested on 3,000 generated entries in
test_search_ranking.py."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import copy_project, run_build
from kit.outputs import searchshards

FORCED = {"WENMING_SEARCH_SHARD_KB": "0", "WENMING_PARALLEL": "1"}


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def sharded(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("shards") / "project")
    fast = run_build(root, root / "site-fast", FORCED)
    assert fast.returncode == 0, fast.log
    plain = run_build(root, root / "site-plain", {**FORCED, "WENMING_SPEED": "0"})
    assert plain.returncode == 0, plain.log
    return fast, plain


def _decode(coded: list[int]) -> list[tuple[int, int]]:
    out, number = [], -1
    for step in coded:
        number += step >> 1
        out.append((number, step & 1))
    return out


def test_a_small_site_keeps_one_file(built):
    index = json.loads(built.text("search/search_index.json"))
    assert "wm" not in index["config"] and index["docs"]
    assert not (built.site / "search" / "terms").exists()


def test_the_shards_hold_the_documents_of_the_single_file(built, sharded):
    fast, _ = sharded
    index = json.loads(fast.text("search/search_index.json"))
    assert index["docs"] == [] and index["config"]["wm"]["terms"] == searchshards.TERM_SHARDS
    one_config, one = searchshards.load_docs(built.site)
    config, docs = searchshards.load_docs(fast.site)
    assert {k: v for k, v in config.items() if k != "wm"} == one_config
    # (this build is of a copy, whose dates may differ from the fixture's: locations and titles)
    assert sorted((d["location"], d["title"]) for d in docs) == sorted((d["location"], d["title"]) for d in one)
    # a page's documents (the page and its sections) stay together, in one unit
    units = [u for p in sorted((fast.site / "search" / "docs").glob("*.json"), key=lambda p: int(p.stem))
             for u in json.loads(p.read_text("utf-8"))]
    pages = [{d["location"].split("#")[0] for d in u} for u in units]
    assert all(len(p) == 1 for p in pages) and len({p.pop() for p in pages}) == len(units)


def test_every_word_of_a_page_points_at_it_and_titles_are_marked(sharded):
    fast, _ = sharded
    units = [u for p in sorted((fast.site / "search" / "docs").glob("*.json"), key=lambda p: int(p.stem))
             for u in json.loads(p.read_text("utf-8"))]
    sep = re.compile(json.loads(fast.text("search/search_index.json"))["config"]["separator"])
    shards = {int(p.stem): json.loads(p.read_text("utf-8")) for p in (fast.site / "search" / "terms").glob("*.json")}
    found: dict[str, dict[int, int]] = {}
    for k, shard in shards.items():
        for term, coded in shard.items():
            assert ord(term[0]) % searchshards.TERM_SHARDS == k, term
            found[term] = dict(_decode(coded))
    for number, unit in enumerate(units):
        for doc in unit:
            for token in sep.split(re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc.get("text", ""))):
                if token:
                    assert number in found[token.lower()], (token, doc["location"])
            for token in sep.split(re.sub(r"<[^>]+>", " ", doc["title"])):
                if token:
                    assert found[token.lower()][number] == 1, (token, doc["location"])
    assert sum(len(v) for v in found.values()) == sum(
        len(set().union(*[searchshards.terms(d, sep) for d in u])) for u in units)


def test_the_plain_door_writes_the_same_shards(sharded):
    fast, plain = sharded
    before, after = _files(plain.site), _files(fast.site)
    assert before.keys() == after.keys()
    assert [k for k in before if before[k] != after[k]] == []
