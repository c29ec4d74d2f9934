"""Search as a reader types it, in Chromium, on a generated site of 3,000 entries (fixed seed), and
of 10,000 entries with `make test-large` (marked `large`: `make test` leaves it out, .ci/run runs it
after `make test`; issue 27: the ranking unchanged at 10,000, the first search fetching ≤ 500 KB).

Full names and full event titles chosen at random must put their page first; a surname with one
given character, a town with a topic and a year with a kind of honour must bring the matching
pages into the top five. The queries are typed into Material's search box by
scripts/bench_search.py in a process of its own (one Playwright per process: the browser tests
of this session hold theirs). Skips without Playwright or Chromium, except when CI=true.
"""
from __future__ import annotations

import os
import random
import re
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_build

sys.path.insert(0, str(ROOT / "scripts"))
import bench_search  # noqa: E402
import gen_data  # noqa: E402
from kit.outputs import searchshards  # noqa: E402

SEED, PICKS = 17, 25
# entries -> bytes a search may fetch (issue 27: 500 KB at 10,000; 3,000 entries stay well under it)
BUDGET_FIRST = {3000: 400 * 1024, 10000: 500 * 1024}
TAG = re.compile(r"<[^>]+>")


def _missing() -> str:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        return f"Playwright not installed ({exc})"
    if not Path(bench_search.CHROMIUM).exists():
        return f"Chromium not found at {bench_search.CHROMIUM} (set CHROMIUM=/path/to/chromium)"
    return ""


class Index:
    """The built search index, normalised as the worker normalises it (markup and separators out)."""

    def __init__(self, site: Path) -> None:
        config, docs = searchshards.load_docs(site)
        self.sep = re.compile(config["separator"])
        self.title: dict[str, str] = {}
        self.text: dict[str, str] = {}
        for d in docs:
            page = d["location"].split("#")[0]
            self.title.setdefault(page, self.normal(d["title"]))
            self.text[page] = self.text.get(page, "") + "\0" + self.normal(d["title"] + " " + d.get("text", ""))

    def normal(self, text: str) -> str:
        return self.sep.sub("", TAG.sub("", text)).lower()

    def unique(self, query: str, page: str) -> bool:
        """The page's title is the query, and no other page has that title."""
        q = self.normal(query)
        return self.title.get(page) == q and sum(t == q for t in self.title.values()) == 1


@pytest.fixture(scope="session", params=[3000, pytest.param(10000, marks=pytest.mark.large)],
                ids=["3000", "10000"])
def generated_site(request, tmp_path_factory):
    n = request.param
    why = _missing()
    if why:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests are mandatory in CI: {why}")
        pytest.skip(f"browser tests skipped: {why}")
    root = copy_project(tmp_path_factory.mktemp(f"ranking{n}") / "project")
    gen_data.write_data(n, root, seed=SEED, photos=1)
    b = run_build(root, root / "site")
    assert b.returncode == 0, b.log
    warnings = [line for line in b.log.splitlines() if "WARNING" in line]
    assert not warnings, "\n".join(warnings)
    return b.site, gen_data.generate(n, seed=SEED, photos=1), Index(b.site)


@pytest.fixture(scope="session")
def typed(typed_raw):
    """Every query of this module typed once into the search box: query -> result pages, in order."""
    return {r["query"]: r["paths"] for r in typed_raw["results"]}


@pytest.fixture(scope="session")
def typed_raw(generated_site, browser):
    """bench_search's report on every query of this module, typed in order into one page (in the
    session's Chromium)."""
    site, out, index = generated_site
    queries = [q for group in _queries(out, index).values() for q, _ in group]
    result = bench_search.run_queries(site, queries, browser=browser)
    assert not result["outside"], result["outside"]
    assert not result["errors"], result["errors"]
    return result


def _queries(out, index: Index) -> dict[str, list[tuple[str, object]]]:
    """Queries by kind, with what each must find; chosen at random (fixed seed) from the data."""
    rng = random.Random(SEED)
    people = [h for hs in out.honorees.values() for h in hs]
    events = [e for es in out.events.values() for e in es]
    names = [(h["name"], f"honorees/{h['id']}/") for h in people if index.unique(h["name"], f"honorees/{h['id']}/")]
    titles = [(e["title"], f"events/{e['id']}/") for e in events if index.unique(e["title"], f"events/{e['id']}/")]
    # a surname and one given character, where at most four other titles begin so
    partial = []
    for h in rng.sample(people, len(people)):
        prefix, page = h["name"][:2], f"honorees/{h['id']}/"
        if len(h["name"]) == 3 and sum(t.startswith(prefix) for t in index.title.values()) <= 5:
            partial.append((prefix, page))
        if len(partial) == 5:
            break
    # a town and the first two characters of a topic (河口镇 彝绣), a year and a kind of honour
    towns = sorted({(e["tags"][1], e["tags"][0][:2]) for e in events})
    town_topic = [(f"{town} {topic}", (town, topic)) for town, topic in rng.sample(towns, 4)]
    years = sorted(out.honorees)
    year_kind = [(f"{y} 好人", (f"honorees/gen-good-people-{y}/", str(y), "好人")) for y in rng.sample(years, 2)]
    year_kind += [(f"{y} 道德模范", (f"honorees/gen-moral-model-{y}/", str(y), "道德模范")) for y in rng.sample(years, 2)]
    return {"names": rng.sample(names, PICKS), "titles": rng.sample(titles, PICKS), "partial": partial,
            "town_topic": town_topic, "year_kind": year_kind}


@pytest.mark.parametrize("kind", ["names", "titles"])
def test_a_full_name_or_title_puts_its_page_first(generated_site, typed, kind):
    _, out, index = generated_site
    pairs = _queries(out, index)[kind]
    assert len(pairs) >= 20
    missed = [(q, page, typed[q][:3]) for q, page in pairs if not typed[q] or typed[q][0] != page]
    assert len(missed) <= len(pairs) * 0.05, missed


def test_a_surname_with_one_given_character_finds_the_person_in_the_top_five(generated_site, typed):
    _, out, index = generated_site
    pairs = _queries(out, index)["partial"]
    assert len(pairs) == 5
    for query, page in pairs:
        assert page in typed[query][:5], (query, page, typed[query][:5])


def test_a_town_and_a_topic_bring_that_towns_events_of_that_topic_first(generated_site, typed):
    _, out, index = generated_site
    for query, (town, topic) in _queries(out, index)["town_topic"]:
        matching = {p for p, t in index.title.items() if town in t and topic in t}
        top = typed[query][:5]
        assert matching and len(top) >= min(5, len(matching)), (query, top)
        assert all(p in matching for p in top[:min(5, len(matching))]), (query, top, sorted(matching)[:5])


def test_a_year_and_a_kind_of_honour_find_that_years_list_in_the_top_five(generated_site, typed):
    _, out, index = generated_site
    for query, (listing, year, kind) in _queries(out, index)["year_kind"]:
        top = typed[query][:5]
        assert listing in top, (query, top)
        for page in top:  # and nothing in the top five lacks either word
            assert year in index.text[page] and kind in index.text[page], (query, page)


def test_the_index_is_fetched_in_shards_a_query_at_a_time(generated_site, typed_raw, request):
    """The first search fetches the section pages' index and the shards its words need, not the
    whole index; no later query fetches more than the budget either. Term shards grow with the
    site (3,000 entries here), the section pages and the documents fetched for a query do not:
    at 10,000 entries (`make test-large`) the first search stays within issue 27's 500 KB."""
    site, budget = generated_site[0], BUDGET_FIRST[request.node.callspec.params["generated_site"]]
    whole = sum(p.stat().st_size for p in (site / "search").rglob("*.json"))
    results = typed_raw["results"]
    first = results[0]
    assert (site / "search" / "terms").is_dir() and (site / "search" / "docs").is_dir()
    assert first["bytes"] <= budget, (first["query"], first["bytes"])
    assert first["bytes"] <= whole / 4, (first["bytes"], whole)
    heaviest = max(results, key=lambda r: r["bytes"])
    assert heaviest["bytes"] <= budget, (heaviest["query"], heaviest["bytes"])
