"""Benchmark: our site from generated data against plain Material on the same text.

    .venv/bin/python scripts/bench.py                              # 300, 1000, 3000, 10000 pages, 3 runs each
    .venv/bin/python scripts/bench.py --sizes 300,1000 --repeat 1  # a quick look

For every size N it generates N entries (scripts/gen_data.py), builds our site (cold: no .cache/)
and a plain Material project with the same text as hand-written Markdown pages kept out of the
nav (same mkdocs and Material, search with jieba, lang zh), each --repeat times in rounds (one
build of each kind after another, so a machine whose speed drifts slows both alike), and prints
the median wall time, ms a page, ours/plain, peak memory, site size, search index size and the
largest HTML page. It then times a rebuild after a one-line change to one YAML file with the cache warm
(fresh `mkdocs build`, and `mkdocs serve` with --serve), and measures in Chromium what the home
page and a list page with photos transfer at phone width. Results also go to <workdir>/results.json.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_data  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# handbook/guide: the editor's guide page (/guide/) is filled in from the kit's handbook, found beside hooks/
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides", "handbook/guide")
# Python writes its bytecode cache for the hooks as it does for any user (the plain project has
# no hooks to compile), also where the shell says not to (PYTHONDONTWRITEBYTECODE: then every build
# compiled the kit again, 0.1 s); ".cache/" (ours) is what a cold build goes without
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
       "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            out += [int(c) for c in task.read_text().split()]
        except OSError:
            pass
    return out


def _pss_kb(pid: int) -> int:
    """Proportional set size: pages shared with a forked parent count once across the tree."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    m = re.search(r"^Pss:\s+(\d+) kB", text, re.M)
    return int(m.group(1)) if m else 0


def _tree(root: int) -> list[int]:
    out, todo = [], [root]
    while todo:
        out.append(todo.pop())
        todo += _children(out[-1])
    return out


def tree_pss_kb(root: int) -> int:
    """Memory of a process and every process it started, now (the build forks helpers). The
    processes are listed first, then read, then listed again: a reading during which one forked
    or ended is taken again. Read one by one as they were listed, a parent read just before it
    forked and its child read just after counted the memory they share twice (a 300 MB build
    and its new render worker once read as 450 MB)."""
    for _ in range(5):
        pids = _tree(root)
        total = sum(_pss_kb(pid) for pid in pids)
        if _tree(root) == pids:
            break
    return total


TRASH = "set-aside"
RECENT = 90


def aside(path: Path, work: Path) -> None:
    """A folder moved out of the way, deleted only between sizes (empty_trash). Deleting a build's
    output just before the next build slows that build: with no journal, ext4 does not reuse an
    inode freed in the last minute or more, and every new file then walks past them (measured: a
    page folder and its file made in 48 µs on a fresh disk, 105 µs after 6,000 deletions, 320 µs
    after 40,000). A build after a fresh clone does not pay that; nor may one side of the
    comparison pay for the deletions of the other."""
    if path.exists():
        (work / TRASH).mkdir(exist_ok=True)
        path.rename(work / TRASH / f"{path.parent.name}-{path.name}-{time.monotonic_ns()}")


def set_aside(project: Path) -> None:
    """Before a cold build: the last build's site and cache out of the way (aside)."""
    for part in (".cache", "site"):
        aside(project / part, project.parent)


def empty_trash(workdir: Path) -> None:
    """Deleted between sizes, then a pause before the next build (ext4's "recently deleted" lasts
    a minute, five while the inode table is not yet written out: commit=5 s here)."""
    if (workdir / TRASH).exists():
        shutil.rmtree(workdir / TRASH, ignore_errors=True)
        print(f"(set-aside builds deleted; waiting {RECENT} s before the next build)", file=sys.stderr, flush=True)
        time.sleep(RECENT)


def build(project: Path, cold: bool, memory: bool = False, env: dict[str, str] | None = None) -> tuple[float, int]:
    """One `mkdocs build` in a fresh process: (wall seconds, peak memory in KB). With `memory`,
    the memory of the process and its helper processes together is sampled every 0.2 s as
    proportional set size (pages a fork shares with its parent count once); reading it costs
    tens of ms a sample, so timed runs do not sample."""
    if cold:
        set_aside(project)
    # a rebuild finds the last build's site folder, as an editor's does
    os.sync()   # the last build's half a gigabyte is written out now, not by the kernel during this build
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q",
           "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=project, env={**ENV, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_pss_kb(proc.pid))
            time.sleep(0.2)
    sampler = threading.Thread(target=sample, daemon=True)
    if memory:
        sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    if memory:
        sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{out}\n{err}")
    return wall, peak[0]


def site_stats(site: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    html = [p for p in files if p.suffix == ".html"]
    largest = max(html, key=lambda p: p.stat().st_size)
    index = site / "search" / "search_index.json"
    pages = sum(1 for p in html if p.name == "index.html" and "404" not in p.parts)
    return {"pages": pages, "site_bytes": sum(p.stat().st_size for p in files),
            "index_bytes": sum(p.stat().st_size for p in index.parent.rglob("*.json")) if index.exists() else 0,
            "largest_html": largest.stat().st_size, "largest_html_path": largest.relative_to(site).as_posix()}


def our_project(n: int, work: Path, seed: int) -> Path:
    project = work / f"ours-{n}"
    aside(project, work)
    project.mkdir(parents=True)
    for part in PROJECT_PARTS:
        src = (ROOT / "tests" / "fixture" if part in ("mkdocs.yml", "docs") else ROOT) / part  # the kit's fictional county
        if src.is_dir():
            shutil.copytree(src, project / part, ignore=shutil.ignore_patterns("__pycache__", ".cache"))
        else:
            shutil.copy2(src, project / part)
    gen_data.write_data(n, project, seed)
    return project


def plain_project(n: int, work: Path, seed: int) -> Path:
    project = work / f"plain-{n}"
    aside(project, work)
    return gen_data.write_plain(n, project, seed)


def one_line_change(project: Path, k: int) -> None:
    """Change one line of one honoree's story, as an editor fixing a typo would."""
    path = project / "data" / "honorees" / "gen-2014.yml"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    i = next(i for i, line in enumerate(lines) if line.lstrip().startswith("story:"))
    head, value = lines[i].split("story: ", 1)
    quote = value[0] if value[0] in "'\"" else ""
    lines[i] = f"{head}story: {quote}（第{k}次修改）{value[len(quote):]}"
    path.write_text("".join(lines), "utf-8")


def serve_rebuild(project: Path, repeat: int) -> list[float]:
    """Seconds from a one-line YAML change to the end of `mkdocs serve`'s rebuild."""
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", "127.0.0.1:8765",
                             "-f", str(project / "mkdocs.yml")], cwd=project, env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    built = threading.Event()
    def watch() -> None:
        for line in proc.stdout:
            if "Serving on" in line or "Reloading browsers" in line:
                built.set()
    threading.Thread(target=watch, daemon=True).start()
    times = []
    try:
        if not built.wait(1800):
            return []
        time.sleep(2)
        for k in range(repeat):
            built.clear()
            start = time.perf_counter()
            one_line_change(project, 100 + k)
            if not built.wait(1800):
                break
            times.append(time.perf_counter() - start)
            time.sleep(1)
    finally:
        # Ctrl+C, as an editor stops it: MkDocs then deletes its temporary site folder
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(30)
    return times


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def transfer(site: Path, paths: list[str], scroll: bool = False) -> dict[str, dict]:
    """Bytes a phone (390 px wide, 2x) downloads on a first visit to each page, per Chromium."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    out: dict[str, dict] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            for path in paths:
                context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                              is_mobile=True, has_touch=True)
                page = context.new_page()
                got: list = []
                page.on("requestfinished", lambda r: got.append(r))
                page.goto(f"http://127.0.0.1:{server.server_port}/{path}", wait_until="networkidle")
                if scroll:
                    for _ in range(60):
                        page.mouse.wheel(0, 800)
                        page.wait_for_timeout(50)
                    page.wait_for_load_state("networkidle")
                raw = gz = 0
                urls = []
                for r in got:
                    body = r.response().body() if r.response() else b""
                    raw += len(body)
                    textual = re.search(r"\.(html|css|js|json|svg)$|/$", r.url.split("?")[0])
                    gz += len(gzip.compress(body, 6)) if textual else len(body)
                    urls.append(r.url.split(f":{server.server_port}/", 1)[-1])
                out[path] = {"requests": len(got), "bytes": raw, "gzip_bytes": gz,
                             "search_index_loaded": any("search_index.json" in u for u in urls),
                             "images": sum(1 for u in urls if re.search(r"\.(webp|jpe?g|png)$", u))}
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return out


def photo_list_page(site: Path) -> str:
    best, count = "", 0
    for page in site.glob("events/*/index.html"):
        n = page.read_text("utf-8").count("<picture>")
        if n > count:
            best, count = page.parent.relative_to(site).as_posix() + "/", n
    return best


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def rounds(ours: Path, plain: Path, repeat: int, one_core: bool, rebuild: bool) -> dict:
    """Timed builds in rounds (one core, plain, ours, then a one-line rebuild of ours), not one kind after another:
    a shared machine's speed drifts over minutes (on 2026-12-04 the same cold build took 24 s, then 37 s four
    rounds later), and a block of plain builds timed at another moment than ours gave another ratio."""
    runs: dict[str, list[float]] = {"ours_runs": [], "plain_runs": [], "one_core_runs": [], "rebuild_runs": []}
    for k in range(repeat):
        if one_core:
            runs["one_core_runs"].append(build(ours, cold=True, env={"WENMING_PARALLEL": "0"})[0])
        runs["plain_runs"].append(build(plain, cold=True)[0])
        runs["ours_runs"].append(build(ours, cold=True)[0])
        if rebuild:
            one_line_change(ours, k)
            runs["rebuild_runs"].append(build(ours, cold=False)[0])
    r = {name: times for name, times in runs.items() if times}
    for name, times in r.copy().items():
        r[name.replace("_runs", "_s")] = median(times)
    # the same round's builds ran at the same moment: their ratios drift less than the medians'
    r["round_ratios"] = [o / p for o, p in zip(r["ours_runs"], r["plain_runs"])]
    return r


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="300,1000,3000,10000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/wenming-bench"))
    ap.add_argument("--rebuild-at", default="3000", help="sizes at which to time rebuilds, e.g. 3000,10000 (0: none)")
    ap.add_argument("--one-core", action="store_true", help="also time our cold build with WENMING_PARALLEL=0")
    ap.add_argument("--serve", action="store_true", help="also time a rebuild in `mkdocs serve`")
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    args.workdir.mkdir(parents=True, exist_ok=True)
    empty_trash(args.workdir)
    rows, results = [], {"sizes": {}, "repeat": args.repeat}
    for n in sizes:
        ours, plain = our_project(n, args.workdir, args.seed), plain_project(n, args.workdir, args.seed)
        r = rounds(ours, plain, args.repeat, args.one_core, str(n) in args.rebuild_at.split(","))
        o_mem, p_mem = build(ours, cold=True, memory=True)[1], build(plain, cold=True, memory=True)[1]
        r.update(ours_peak_mb=o_mem / 1024, plain_peak_mb=p_mem / 1024,
                 ours=site_stats(ours / "site"), plain=site_stats(plain / "site"))
        if "rebuild_runs" in r and args.serve:
            r["serve_rebuild_runs"] = serve_rebuild(ours, args.repeat)
            r["serve_rebuild_s"] = median(r["serve_rebuild_runs"])
        if not args.no_browser and n == sizes[-1]:
            build(ours, cold=False)
            r["home"] = transfer(ours / "site", [""])[""]
            photos = photo_list_page(ours / "site")
            if photos:
                r["photo_page"] = {"path": photos, "pictures": (ours / "site" / photos / "index.html").read_text(
                    "utf-8").count("<picture>"), **transfer(ours / "site", [photos])[photos]}
                r["photo_page_scrolled"] = transfer(ours / "site", [photos], scroll=True)[photos]
        results["sizes"][n] = r
        if n != sizes[-1]:
            empty_trash(args.workdir)     # untimed
        (args.workdir / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False), "utf-8")
        rows.append((n, r))
        print(f"N={n}: ours {r['ours_s']:.1f} s, plain {r['plain_s']:.1f} s", file=sys.stderr, flush=True)
    print(table(rows))
    shutil.rmtree(args.workdir / TRASH, ignore_errors=True)


def table(rows: list[tuple[int, dict]]) -> str:
    out = ["| entries | pages (ours/plain) | ours s | plain s | ms/page ours | ours/plain | peak MB ours (plain) "
           "| site MB ours (plain) | search index KB ours (plain) | index KB/page ours (plain) "
           "| largest HTML KB ours (plain) |",
           "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n, r in rows:
        o, p = r["ours"], r["plain"]
        out.append(f"| {n:,} | {o['pages']:,} / {p['pages']:,} | {r['ours_s']:.1f} | {r['plain_s']:.1f} "
                   f"| {1000 * r['ours_s'] / o['pages']:.2f} | {r['ours_s'] / r['plain_s']:.2f} "
                   f"| {r['ours_peak_mb']:.0f} ({r['plain_peak_mb']:.0f}) "
                   f"| {o['site_bytes'] / 1e6:.1f} ({p['site_bytes'] / 1e6:.1f}) "
                   f"| {o['index_bytes'] / 1024:,.0f} ({p['index_bytes'] / 1024:,.0f}) "
                   f"| {o['index_bytes'] / 1024 / o['pages']:.2f} ({p['index_bytes'] / 1024 / p['pages']:.2f}) "
                   f"| {o['largest_html'] / 1024:.0f} ({p['largest_html'] / 1024:.0f}) |")
    lines = ["\n".join(out), ""]
    by_n = dict(rows)
    if 3000 in by_n and 10000 in by_n:
        lines.append(f"- linear cost: 10,000 / 3,000 pages = {by_n[10000]['ours_s'] / by_n[3000]['ours_s']:.2f}× "
                     "(target ≤ 3.6)")
    for n, r in rows:
        lines.append(f"- largest HTML page at {n:,}: {r['ours']['largest_html_path']} "
                     f"({r['ours']['largest_html'] / 1024:.0f} KB)")
        if "one_core_s" in r:
            lines.append(f"- one core (WENMING_PARALLEL=0) at {n:,}: {r['one_core_s']:.1f} s = "
                         f"{r['one_core_s'] / r['plain_s']:.2f}× plain (runs {', '.join(f'{t:.1f}' for t in r['one_core_runs'])})")
        lines.append(f"- cold runs at {n:,}: ours {', '.join(f'{t:.1f}' for t in r['ours_runs'])} s; "
                     f"plain {', '.join(f'{t:.1f}' for t in r['plain_runs'])} s")
        lines.append(f"- ours/plain by round at {n:,} (the builds of one round ran one after the other): "
                     f"{', '.join(f'{q:.2f}' for q in r['round_ratios'])}")
        if "rebuild_s" in r:
            lines.append(f"- rebuild after a one-line YAML change at {n:,} (fresh `mkdocs build`, warm .cache/): "
                         f"{r['rebuild_s']:.1f} s = {100 * r['rebuild_s'] / r['ours_s']:.0f} % of the cold build "
                         f"(runs {', '.join(f'{t:.1f}' for t in r['rebuild_runs'])})")
        if r.get("serve_rebuild_runs"):
            lines.append(f"- the same change in `mkdocs serve`: {r['serve_rebuild_s']:.1f} s = "
                         f"{100 * r['serve_rebuild_s'] / r['ours_s']:.0f} % of the cold build")
        if "home" in r:
            h = r["home"]
            lines.append(f"- home page first visit (Chromium, 390 px, 2x): {h['requests']} requests, "
                         f"{h['bytes'] / 1024:.0f} KB as served by a plain file server, {h['gzip_bytes'] / 1024:.0f} KB "
                         f"gzipped; search index loaded: {'yes' if h['search_index_loaded'] else 'no'}")
        if "photo_page" in r:
            ph, sc = r["photo_page"], r["photo_page_scrolled"]
            lines.append(f"- list page with {ph['pictures']} photos ({ph['path']}): {ph['bytes'] / 1024:.0f} KB on "
                         f"first view ({ph['images']} images), {sc['bytes'] / 1024:.0f} KB after scrolling to the "
                         f"end ({sc['images']} images)")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
