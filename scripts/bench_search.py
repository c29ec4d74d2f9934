"""Search in Chromium on a built site: how often the page a reader means comes first, and how long
results take, with our search worker and with Material's own (same site, same index).

    python scripts/bench_search.py SITE_DIR DATA_DIR [--names 40] [--titles 40] [--seed 17]
    python scripts/bench_search.py SITE_DIR --queries QUERIES.json [--material]   # tests

SITE_DIR is a site built from DATA_DIR (e.g. made by scripts/gen_data.py). Queries are full names
of honorees and full titles of events whose title no other page has, chosen at random. Material's
worker is measured by answering the request for ours with Material's file. With --queries (a JSON
list of strings) it prints, for each query, the result pages in order and the milliseconds taken
(tests/test_search_ranking.py runs it so: one Playwright per process).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
# the tests' static server (it serves the site under a sub-path, as a county portal would)
sys.path.insert(0, str(next((ROOT / "tests").rglob("browser_server.py")).parent))
from browser_server import serve  # noqa: E402

sys.path.insert(0, str(ROOT / "hooks"))
from kit.outputs.searchshards import load_docs  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SEP_TAG = re.compile(r"<[^>]+>")


def normal(text: str, separator: re.Pattern) -> str:
    return separator.sub("", SEP_TAG.sub("", text)).lower()


def unique_titles(site: Path) -> dict[str, str]:
    """Normalised title -> location, for titles exactly one search document has."""
    config, docs = load_docs(site)
    sep = re.compile(config["separator"])
    seen: dict[str, list[str]] = {}
    for d in docs:
        seen.setdefault(normal(d["title"], sep), []).append(d["location"])
    return {t: locs[0] for t, locs in seen.items() if len(locs) == 1}


def entries(data: Path, key: str, folder: str) -> list[dict]:
    out = []
    for path in sorted((data / folder).glob("*.yml")):
        out += yaml.safe_load(path.read_text("utf-8")).get(key) or []
    return out


def pick(data: Path, site: Path, names: int, titles: int, seed: int) -> tuple[list, list]:
    """(query, expected path) pairs: names and titles that only their own page has as title."""
    unique = unique_titles(site)
    sep = re.compile(load_docs(site)[0]["separator"])
    people = [(h["name"], f"honorees/{h['id']}/") for h in entries(data, "honorees", "honorees")]
    events = [(e["title"], f"events/{e['id']}/") for e in entries(data, "events", "events")]
    people = [(q, loc) for q, loc in people if unique.get(normal(q, sep)) == loc]
    events = [(q, loc) for q, loc in events if unique.get(normal(q, sep)) == loc]
    rng = random.Random(seed)
    return rng.sample(people, min(names, len(people))), rng.sample(events, min(titles, len(events)))


OUTSIDE = re.compile(r"^(?!(?:https?://(?:127\.0\.0\.1|localhost)(?::\d+)?/|data:|blob:))")


class SearchPage:
    """One page of the site with the search open; queries typed one after another."""

    def __init__(self, browser, base: str, material: bool = False) -> None:
        self.context = browser.new_context(viewport={"width": 375, "height": 812}, locale="zh-CN")
        self.outside: list[str] = []
        # only what leaves localhost goes through Python: a route for every request (the index
        # shards are several per query) cost more than the search itself
        self.context.route(OUTSIDE, self._route)
        if material:
            self.context.route(re.compile(r".*/workers/wm-[0-9a-f]+-search\.[0-9a-f]+\.min\.js$"), self._material)
        self.page = self.context.new_page()
        self.fetched: list[tuple[str, int]] = []      # (url, body bytes) of responses since the last search
        self.page.on("response", self._response)
        self.base = base
        self.page.goto(base, wait_until="networkidle")
        meta = self.page.locator(".md-search-result__meta")
        self.initial = meta.inner_text()                                   # "正在初始化搜索引擎"
        self.fetched.clear()           # the first search's bytes count from the opening of the box
        self.searched = False
        self.page.locator("button.md-header__button[data-wm-toggle=__search]").click()
        self.box = self.page.locator("input[data-md-component=search-query]")

    def _route(self, route):
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            route.fallback()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def _response(self, response):
        try:
            size = len(response.body())
        except Exception:     # a redirect or an aborted load has no body
            size = 0
        self.fetched.append((response.url, size))

    def _material(self, route):
        url = re.sub(r"wm-[0-9a-f]+-search", "search", route.request.url)
        route.fulfill(response=self.context.request.get(url))

    def search(self, query: str) -> tuple[list[str], float]:
        """Result paths (below the base) and seconds from the typed query to its results."""
        page = self.page
        self.box.fill("")
        page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
        # the engine is ready (a sharded index is small: its READY may come after the first query is typed)
        page.wait_for_function("t => document.querySelector('.md-search-result__meta').innerText !== t",
                               arg=self.initial, timeout=30000)
        waiting = page.locator(".md-search-result__meta").inner_text()   # "键入以开始搜索"
        if self.searched:
            self.fetched.clear()
        self.searched = True
        start = time.perf_counter()
        self.box.fill(query)
        self.box.press("End")
        page.wait_for_function("t => document.querySelector('.md-search-result__meta').innerText !== t",
                               arg=waiting, timeout=30000)
        took = time.perf_counter() - start
        # one item per page (its matching sections are inside it)
        hrefs = page.eval_on_selector_all(".md-search-result__item", "els => els.map(li => li.querySelector('a').href)")
        root = urlsplit(self.base).path
        return [urlsplit(h).path[len(root):] for h in hrefs], took

    def close(self) -> None:
        self.context.close()


def run(site: Path, data: Path, names: int, titles: int, seed: int, material_first: bool = False) -> dict:
    from playwright.sync_api import sync_playwright
    people, events = pick(data, site, names, titles, seed)
    out: dict = {"names": len(people), "titles": len(events)}
    with sync_playwright() as p, serve(site, "/wenming/") as base:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        order = (("ours", False), ("material", True))
        for label, material in (order[::-1] if material_first else order):
            page = SearchPage(browser, base, material)
            first_query = (people or events)[0][0]
            _, first = page.search(first_query)          # loads the index and builds lunr
            row = {"first_search_s": round(first, 3)}
            for kind, pairs in (("names", people), ("titles", events)):
                times, top = [], 0
                for query, expected in pairs:
                    paths, took = page.search(query)
                    times.append(took)
                    top += bool(paths) and paths[0] == expected
                row[f"{kind}_first"] = f"{top}/{len(pairs)}"
                row[f"{kind}_median_ms"] = round(statistics.median(times) * 1000)
                row[f"{kind}_max_ms"] = round(max(times) * 1000)
            row["outside_requests"] = len(page.outside)
            out[label] = row
            page.close()
        browser.close()
    return out


def run_queries(site: Path, queries: list[str], material: bool = False, browser=None) -> dict:
    """Each query typed in turn into one page; `browser`: a running Chromium (the test suite's)."""
    if browser is None:
        from playwright.sync_api import sync_playwright
        with sync_playwright() as p:
            own = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            try:
                return run_queries(site, queries, material, own)
            finally:
                own.close()
    out: dict = {"results": []}
    with serve(site, "/wenming/") as base:
        page = SearchPage(browser, base, material)
        errors: list[str] = []
        page.page.on("console", lambda m: m.type in ("error", "warning") and errors.append(m.text))
        page.page.on("pageerror", lambda e: errors.append(str(e)))
        for query in queries:
            paths, took = page.search(query)
            page.page.wait_for_load_state("networkidle")
            out["results"].append({"query": query, "paths": paths, "ms": round(took * 1000),
                                   "bytes": sum(n for _, n in page.fetched), "requests": len(page.fetched)})
        out["outside"], out["errors"] = page.outside, errors
        page.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site", type=Path)
    ap.add_argument("data", type=Path, nargs="?")
    ap.add_argument("--queries", type=Path)
    ap.add_argument("--material", action="store_true")
    ap.add_argument("--material-first", action="store_true", help="measure Material's worker first")
    ap.add_argument("--names", type=int, default=40)
    ap.add_argument("--titles", type=int, default=40)
    ap.add_argument("--seed", type=int, default=17)
    a = ap.parse_args()
    if a.queries:
        queries = json.loads(a.queries.read_text("utf-8"))
        print(json.dumps(run_queries(a.site, queries, a.material), ensure_ascii=False))
        return
    print(json.dumps(run(a.site, a.data, a.names, a.titles, a.seed, a.material_first), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
