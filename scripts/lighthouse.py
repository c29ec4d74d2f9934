"""Lighthouse on one page of every page type of the fictional county's site (tests/fixture), and
optionally of a generated large site (scripts/gen_data.py), served locally under site_url's path.

    .venv/bin/python scripts/lighthouse.py                  # the fixture, 3 runs a page, medians
    .venv/bin/python scripts/lighthouse.py --large 3000     # also a site of 3,000 generated entries
    .venv/bin/python scripts/lighthouse.py --runs 1 --only home,notices   # a quick look
    make lighthouse                                         # the same as the first line

Lighthouse is a maintainers' tool, not a dependency of the kit: it is pinned in scripts/lighthouse/
(package.json, package-lock.json) and installed on demand with `npm ci` into .cache/lighthouse/
(git-ignored); CI and counties never install it. Lighthouse 12.2.3: 13 wants Node 22.

Each run: mobile form factor, Lighthouse's default simulated throttling (slow 4G, 4x CPU), Debian's
Chromium (CHROME_PATH, default /usr/bin/chromium). The server compresses as the handbook's nginx
setting does (gzip on; gzip_types …; --no-gzip for a plain file server). Prints a markdown table of
the medians (scores; FCP, LCP, TBT, CLS, bytes transferred and decoded; requests to a host other
than the local server, which must be 0) and the failed accessibility audits; the JSON reports go
to .cache/lighthouse/reports/<UTC time>/. Also measures what a first visit to the home page
decodes in Chromium (scripts/bench.py's measurement; budget 300 KB, tests/site/test_browser_weight.py).
"""
from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests" / "site"))
import bench  # noqa: E402  (the generated large project, its build, the first-visit bytes)
from browser_server import _Handler  # noqa: E402  (the tests' server: sub-path, the site's 404 page)

PINNED = ROOT / "scripts" / "lighthouse"
INSTALL = ROOT / ".cache" / "lighthouse"
CLI = INSTALL / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# handbook/docs/tech/publishing.md: nginx's gzip_types (text/html is always compressed)
GZIP_TYPES = ("text/html", "text/css", "application/javascript", "text/javascript", "application/json",
              "application/rss+xml", "text/calendar", "text/csv", "image/svg+xml")

# one page of every page type of the fixture: (name, path under the site's root)
FIXTURE_PAGES = [
    ("首页", ""),
    ("栏目列表（身边好人）", "honorees/"),
    ("条目：好人", "honorees/2023-sample-sun/"),
    ("条目：活动", "events/yunwu-tea-fair/"),
    ("条目：村（社区）公约", "villages/liutang-village/"),
    ("工作动态列表", "blog/"),
    ("工作动态文章", "blog/tea-fair-review/"),
    ("文明实践阵地（示意图）", "stations/"),
    ("公示", "notices/"),
    ("有照片的列表（节庆活动）", "events/"),
    ("404 页面", "404.html"),
]


def ensure_lighthouse() -> str:
    """Install the pinned Lighthouse into .cache/lighthouse/ unless that version is there; its version."""
    want = json.loads((PINNED / "package.json").read_text("utf-8"))["dependencies"]["lighthouse"]
    have = INSTALL / "node_modules" / "lighthouse" / "package.json"
    if not (have.is_file() and json.loads(have.read_text("utf-8"))["version"] == want):
        if not shutil.which("npm"):
            raise SystemExit("没有找到 npm（Node.js）：Lighthouse 需要 Node.js 18 或更新的版本。")
        INSTALL.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copy2(PINNED / name, INSTALL / name)
        print(f"安装 Lighthouse {want}（npm ci，到 {INSTALL.relative_to(ROOT)}/）……", file=sys.stderr, flush=True)
        subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--silent"],
                       cwd=INSTALL, check=True)
    return want


class _GzipHandler(_Handler):
    """The tests' handler, compressing what nginx's `gzip on` with the handbook's gzip_types would."""
    compress = True

    def do_GET(self) -> None:  # noqa: N802  (http.server's name)
        url = self.path.split("?", 1)[0]
        path = Path(self.translate_path(url))
        if path.is_dir() and url.endswith("/"):
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if not (self.compress and path.is_file() and ctype.split(";")[0] in GZIP_TYPES
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):   # Chromium closing a connection early is no error
            super().handle_error(request, client_address)


@contextmanager
def serve(site: Path, prefix: str, compress: bool) -> Iterator[str]:
    handler = type("Handler", (_GzipHandler,), {"prefix": prefix, "compress": compress})
    server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def site_prefix(site: Path) -> str:
    """site_url's path, as the home page's canonical link gives it ("/" or "/wenming/")."""
    m = re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text("utf-8"))
    path = urlsplit(m.group(1)).path if m else "/"
    return path if path.endswith("/") else path + "/"


def chromium_version(chrome: str) -> str:
    try:
        return subprocess.run([chrome, "--version"], capture_output=True, text=True, timeout=60).stdout.strip()
    except OSError:
        return "?"


def run_once(url: str, out: Path, chrome: str) -> dict:
    cmd = ["node", str(CLI), url, "--output=json", f"--output-path={out}", "--quiet",
           f"--chrome-flags={CHROME_FLAGS}", "--only-categories=" + ",".join(CATEGORIES)]
    proc = subprocess.run(cmd, env={**os.environ, "CHROME_PATH": chrome}, capture_output=True, text=True)
    if proc.returncode != 0 or not out.is_file():
        raise SystemExit(f"Lighthouse 没能测完 {url}：\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    return summarize(json.loads(out.read_text("utf-8")))


def summarize(lhr: dict) -> dict:
    audits = lhr["audits"]
    local = urlsplit(lhr["finalDisplayedUrl"]).netloc
    requests = audits["network-requests"]["details"]["items"]
    outside = [r["url"] for r in requests if r["url"].startswith("http") and urlsplit(r["url"]).netloc != local]
    failed = {cat: [ref["id"] for ref in lhr["categories"][cat]["auditRefs"]
                    if audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
                    and audits[ref["id"]]["scoreDisplayMode"] in ("binary", "numeric", "metricSavings")
                    and (cat != "performance")]
              for cat in CATEGORIES}
    return {"error": (lhr.get("runtimeError") or {}).get("code"),
            **{cat: round(100 * (lhr["categories"][cat]["score"] or 0)) for cat in CATEGORIES},
            "fcp_ms": audits["first-contentful-paint"]["numericValue"],
            "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
            "tbt_ms": audits["total-blocking-time"]["numericValue"],
            "cls": audits["cumulative-layout-shift"]["numericValue"],
            "si_ms": audits["speed-index"]["numericValue"],
            "transfer_bytes": audits["total-byte-weight"]["numericValue"],
            "decoded_bytes": sum(r.get("resourceSize") or 0 for r in requests),
            "requests": len(requests), "outside": outside, "failed": failed}


def measure(label: str, site: Path, pages: list[tuple[str, str]], runs: int, reports: Path, chrome: str,
            compress: bool) -> list[dict]:
    prefix = site_prefix(site)
    rows = []
    with serve(site, prefix, compress) as base:
        for name, path in pages:
            if not (site / path / ("" if path.endswith(".html") else "index.html")).is_file():
                print(f"跳过 {name}：{path} 不存在", file=sys.stderr)
                continue
            slug = re.sub(r"[^a-z0-9]+", "-", f"{label}-{path or 'home'}".lower()).strip("-")
            got = []
            for k in range(runs):
                got.append(run_once(base + path, reports / f"{slug}-{k + 1}.json", chrome))
                print(f"{label} {name} 第 {k + 1} 次：性能 {got[-1]['performance']}，无障碍 {got[-1]['accessibility']}",
                      file=sys.stderr, flush=True)
            med = {key: statistics.median(r[key] for r in got) for key in got[0]
                   if isinstance(got[0][key], (int, float))}
            rows.append({"site": label, "name": name, "path": prefix + path, **med,
                         "outside": sorted({u for r in got for u in r["outside"]}),
                         "failed": {c: sorted({a for r in got for a in r["failed"][c]}) for c in CATEGORIES},
                         "runs": got})
    return rows


def table(rows: list[dict]) -> str:
    out = ["| 网站 | 页面类型 | 地址 | 性能 | 各次性能 | 无障碍 | 最佳做法 | SEO | FCP 秒 | LCP 秒 | TBT 毫秒 | CLS "
           "| 传输 KB | 解码 KB | 请求 | 外部请求 |",
           "|---|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        each = "/".join(str(x["performance"]) for x in r["runs"])
        out.append(f"| {r['site']} | {r['name']} | `{r['path']}` | {r['performance']:.0f} | {each} | {r['accessibility']:.0f} "
                   f"| {r['best-practices']:.0f} | {r['seo']:.0f} | {r['fcp_ms'] / 1000:.1f} "
                   f"| {r['lcp_ms'] / 1000:.1f} | {r['tbt_ms']:.0f} | {r['cls']:.3f} "
                   f"| {r['transfer_bytes'] / 1024:.0f} | {r['decoded_bytes'] / 1024:.0f} | {r['requests']:.0f} "
                   f"| {len(r['outside'])} |")
    notes = []
    for r in rows:
        for cat in ("accessibility", "best-practices", "seo"):
            if r["failed"][cat]:
                notes.append(f"- {r['site']} {r['name']}: {cat} 未通过 {', '.join(r['failed'][cat])}")
        if r["outside"]:
            notes.append(f"- {r['site']} {r['name']}: 外部请求 {', '.join(r['outside'])}")
    return "\n".join(out + [""] + notes)


def load() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3, help="Lighthouse runs a page; the table shows medians")
    ap.add_argument("--large", type=int, default=0, help="also a site of N generated entries (scripts/gen_data.py)")
    ap.add_argument("--only", default="", help="comma-separated paths or words of page names, e.g. home,notices")
    ap.add_argument("--site", type=Path, help="an already built fixture site instead of building one")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/wenming-lighthouse"))
    ap.add_argument("--no-gzip", action="store_true", help="serve uncompressed, as a plain file server")
    ap.add_argument("--chrome", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    args = ap.parse_args()
    version = ensure_lighthouse()
    stamp = time.strftime("%Y-%m-%dT%H%M%SZ", time.gmtime())
    reports = INSTALL / "reports" / stamp
    reports.mkdir(parents=True, exist_ok=True)
    args.workdir.mkdir(parents=True, exist_ok=True)

    def wanted(pages: list[tuple[str, str]]) -> list[tuple[str, str]]:
        keys = [k for k in args.only.split(",") if k]
        return [(n, p) for n, p in pages if not keys or any(k in n or k in (p or "home") for k in keys)]

    site = args.site
    if site is None:
        site = args.workdir / "fixture-site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "tests/fixture/mkdocs.yml"),
                        "-d", str(site)], env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=True,
                       stderr=subprocess.DEVNULL)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    head = {"date": stamp, "commit": commit, "lighthouse": version, "chromium": chromium_version(args.chrome),
            "gzip": not args.no_gzip, "runs": args.runs, "load_before": load()}
    rows = measure("示例县", site, wanted(FIXTURE_PAGES), args.runs, reports, args.chrome, not args.no_gzip)
    home = bench.transfer(site, [""])[""]
    head["home_first_visit"] = home
    if args.large:
        project = bench.our_project(args.large, args.workdir, 1)
        bench.build(project, cold=True)
        photos = bench.photo_list_page(project / "site")
        pages = [("首页", ""), ("栏目列表（身边好人）", "honorees/")]
        pages += [("照片最多的活动列表", photos)] if photos else []
        rows += measure(f"{args.large:,} 条", project / "site", wanted(pages), args.runs, reports, args.chrome,
                        not args.no_gzip)
        head["large_home_first_visit"] = bench.transfer(project / "site", [""])[""]
    head["load_after"] = load()
    (reports / "summary.json").write_text(json.dumps({**head, "rows": rows}, indent=1, ensure_ascii=False), "utf-8")
    print(f"{stamp}，提交 {commit}，Lighthouse {version}，{head['chromium']}，每页 {args.runs} 次取中位数，"
          f"{'gzip' if head['gzip'] else '不压缩'}；负载 开始 {head['load_before']}；结束 {head['load_after']}\n")
    print(table(rows))
    print(f"\n- 首页第一次访问（Chromium，390 px，2x，解码后）：{home['requests']} 个请求，{home['bytes'] / 1024:.0f} KB"
          f"（gzip 后 {home['gzip_bytes'] / 1024:.0f} KB；预算 300 KB）")
    if "large_home_first_visit" in head:
        h = head["large_home_first_visit"]
        print(f"- {args.large:,} 条的首页第一次访问：{h['requests']} 个请求，{h['bytes'] / 1024:.0f} KB")
    print(f"\n报告：{reports}")
    bad = [r for r in rows if r["performance"] < 95 or r["outside"] or r["failed"]["accessibility"]]
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
