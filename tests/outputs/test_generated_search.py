"""Search and list pages on generated data (scripts/gen_data.py, 300 entries).

The client is emulated with the query semantics of Material 9.8's search worker: Han runs of
the query are segmented against the index vocabulary (query/segment), every term becomes a
trailing-wildcard (prefix) clause, and index tokens are the title and text split on the
configured separator, lower-cased. A page "finds" a query when it matches every clause and is
among the first ten pages that do.
"""
from __future__ import annotations

import json
import posixpath
import re
import sys
import pytest

from conftest import ROOT, copy_project, run_build

sys.path.insert(0, str(ROOT / "scripts"))
import gen_data  # noqa: E402

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
TAG = re.compile(r"<[^>]+>")
N = 300


class Client:
    def __init__(self, index: dict) -> None:
        self.sep = re.compile(index["config"]["separator"])
        self.docs: dict[str, set[str]] = {}
        self.titles: dict[str, str] = {}
        for d in index["docs"]:
            text = TAG.sub(" ", d["title"] + " " + d.get("text", ""))
            self.docs.setdefault(d["location"].split("#")[0], set()).update(
                t.lower() for t in self.sep.split(text) if t)
            self.titles.setdefault(d["location"].split("#")[0], d["title"])
        self.vocab = set().union(*self.docs.values())

    def segment(self, query: str) -> list[str]:
        """Port of Material's query/segment/index.ts (longest known tokens, minimal overlap)."""
        cuts = [0] * len(query)
        for i in range(len(query)):
            for j in range(i + 1, len(query)):
                if query[i:j] in self.vocab:
                    cuts[i] = j - i
        segments: list[str] = []
        stack = [0]
        while stack:
            p = stack.pop()
            for q in range(1, cuts[p]):
                if cuts[p + q] > cuts[p] - q:
                    segments.append(query[p:p + q])
                    stack.append(p + q)
            q = p + cuts[p]
            if q < len(query) and cuts[q] and q < len(query) - 1:
                stack.append(q)
            segments.append(query[p:q])
        return [query] if "" in segments else list(dict.fromkeys(segments))

    def clauses(self, query: str) -> list[str]:
        query = HAN.sub(lambda m: "* ".join(self.segment(m.group(0))), query)
        terms = [t.rstrip("*").lower() for part in query.split() for t in self.sep.split(part) if t.rstrip("*")]
        return terms

    def search(self, query: str) -> list[str]:
        """Pages matching any clause (lunr's default OR), ranked like Material's boosts: clauses
        matched in the title (boost 1000) first, then clauses matched anywhere."""
        clauses = self.clauses(query)
        scored = []
        for loc, tokens in self.docs.items():
            hits = sum(any(t.startswith(c) for t in tokens) for c in clauses)
            if hits:
                title = [t.lower() for t in self.sep.split(self.titles.get(loc, "")) if t]
                in_title = sum(any(t.startswith(c) for t in title) for c in clauses)
                scored.append((-in_title, -hits, loc))
        return [loc for *_, loc in sorted(scored)]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("gen") / "project")
    gen_data.write_data(N, root, seed=7, photos=1)
    b = run_build(root, root / "site")
    assert b.returncode == 0, b.log
    entries = gen_data.generate(N, seed=7, photos=1)
    index = json.loads((b.site / "search" / "search_index.json").read_text("utf-8"))
    return b, entries, index, Client(index)


def _unique(items, key):
    seen: dict = {}
    for item in items:
        seen.setdefault(key(item), []).append(item)
    return [v[0] for v in seen.values() if len(v) == 1]


def test_honoree_names_find_their_pages(generated):
    _, out, _, client = generated
    people = _unique([h for hs in out.honorees.values() for h in hs], lambda h: h["name"])
    for h in people[::15]:
        assert f"honorees/{h['id']}/" in client.search(h["name"])[:10], h["name"]


def test_event_titles_find_their_pages(generated):
    _, out, _, client = generated
    events = _unique([e for es in out.events.values() for e in es], lambda e: e["title"])
    for e in events[::7]:
        assert f"events/{e['id']}/" in client.search(e["title"])[:10], e["title"]


def test_village_names_find_their_pages(generated):
    _, out, _, client = generated
    villages = _unique([v for vs in out.villages.values() for v in vs], lambda v: v["name"])
    for v in villages[::5]:
        assert f"villages/{v['id']}/" in client.search(v["name"])[:10], v["name"]


def test_distinctive_words_of_a_deed_find_the_page(generated):
    _, out, _, client = generated
    for h in [h for hs in out.honorees.values() for h in hs][::20]:
        deed = h["summary"].split(h["name"], 1)[1].split("，")[0]          # e.g. 跳河救人
        craft = re.search(r"传授(.+?)手艺", h["story"]).group(1)             # e.g. 扎染
        assert f"honorees/{h['id']}/" in client.search(deed), deed
        assert f"honorees/{h['id']}/" in client.search(f"{craft}手艺"), craft
        # generated deeds repeat across honorees; with the name the page comes first
        assert client.search(f"{h['name']} {deed}")[0] == f"honorees/{h['id']}/", (h["name"], deed)


def test_real_example_is_found_by_a_word_of_its_story(generated):
    *_, client = generated
    assert "honorees/2023-sample-sun/" in client.search("空巢老人")[:3]
    assert "events/yunwu-tea-fair/" in client.search("云雾茶会")[:3]


def test_index_is_small_and_entry_pages_are_out_of_materials_indexer(generated):
    b, _, index, _ = generated
    pages = sum(1 for p in b.site.rglob("index.html"))
    size = (b.site / "search" / "search_index.json").stat().st_size
    assert size / pages <= 3 * 1024, (size, pages)
    locations = [d["location"] for d in index["docs"]]
    entries = [loc for loc in locations if re.match(r"(honorees|events|villages)/g", loc)]
    assert len(entries) == len(set(entries))              # one entry a page, no per-section entries
    assert not [loc for loc in locations if "#" in loc and re.match(r"(honorees|events|villages)/g", loc)]


def test_every_page_stays_under_100_kb_and_every_entry_is_reachable_from_a_list(generated):
    b, out, _, _ = generated
    for page in b.site.rglob("*.html"):
        assert page.stat().st_size <= 100 * 1024, page
    linked: set[str] = set()
    for page in b.site.rglob("index.html"):
        here = page.parent.relative_to(b.site).as_posix()
        if not re.fullmatch(r"(honorees|events|villages|reading|pledges)(/[^/]+)?(/page/\d+)?", here):
            continue
        for a in b.html(here + "/").select("a.wm-card__link"):
            linked.add(posixpath.normpath(posixpath.join(here, a["href"])))
    for h in [h for hs in out.honorees.values() for h in hs]:
        assert f"honorees/{h['id']}" in linked, h["id"]
    for e in [e for es in out.events.values() for e in es]:
        assert f"events/{e['id']}" in linked, e["id"]
    for v in [v for vs in out.villages.values() for v in vs]:
        assert f"villages/{v['id']}" in linked, v["id"]
    for r in out.brands:
        assert f"reading/{r['id']}" in linked, r["id"]


def test_list_page_urls_are_stable(generated):
    b, out, _, _ = generated
    award = next(iter(out.awards))["id"]
    assert (b.site / "honorees" / award / "index.html").is_file()
    assert (b.site / "events" / "2019" / "index.html").is_file()
    assert (b.site / "villages" / "index.html").is_file()
