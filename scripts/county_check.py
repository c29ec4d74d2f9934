"""The county's checks: what the publishing pipeline runs on every push, on the county's own data.

    python scripts/county_check.py [--site DIR] [project-root]

1. the data check (`hooks/check.py`: every file in data/ and every news post, every problem in one run);
2. a strict build (`mkdocs build --strict`);
3. a smoke test of the built site: every page type renders, the search index finds the title of
   a published entry, no page loads anything from another host, nothing withheld (草稿, 定时发布,
   示例 in a production build) appears in any file; /admin/ (the web forms) has its page, config.yml
   and decap-cms.js when Decap CMS is installed (node_modules/decap-cms), else a note says it was left out.

Exits 0 when all pass, 1 otherwise, with every problem listed in Chinese. No browser and no test
tools are needed: it runs with the packages in requirements.txt. The kit's own tests (`make test`)
are a different thing: they test the kit on the fixture county in tests/fixture/.
`WENMING_PRODUCTION=1` (the pipeline sets it) makes it check the build that goes public.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

KIT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(KIT / "hooks"))

from kit import engine  # noqa: E402

engine.alias()   # ProperDocs alone: its mkdocs.* names, for the kit's modules read here
from kit.data import dataset, kinds  # noqa: E402
from kit.data.clock import build_date, production  # noqa: E402
from kit.data.rules.health import VETO, news_dates, warnings  # noqa: E402

# the home page, every section page in the menu (from the registry of kinds), and the kit's other pages
SECTIONS = ("", *(s.src.removesuffix("index.md") for _, s in kinds.sections() if s.in_nav),
            "blog/", "about/", "opendata/", "sitemap/")
TEXT_SUFFIXES = (".html", ".json", ".xml", ".ics", ".csv", ".js", ".txt")
WITHHELD_ID = re.compile(r"“([a-z0-9-]+)”未发布")


def entry_pages(data: dataset.Dataset) -> list[tuple[str, str]]:
    """(url, title) of the first published entry of each kind that has one."""
    firsts = [(k, data.entries(k)[0]) for k in kinds.page_kinds() if data.entries(k)]
    return [(k.url_of(item.id), k.title(item)) for k, item in firsts]


def withheld_ids(data: dataset.Dataset) -> list[str]:
    return sorted({m.group(1) for line in data.withheld for m in WITHHELD_ID.finditer(line)})


def _page(site: Path, url: str) -> str | None:
    path = site / url / "index.html"
    return path.read_text("utf-8", errors="replace") if path.is_file() else None


def page_problems(site: Path, urls: list[str]) -> list[str]:
    out = []
    for url in urls:
        html = _page(site, url)
        if html is None:
            out.append(f"页面缺失：{url or '首页'}（应有 {url}index.html）")
        elif "<h1" not in html:
            out.append(f"页面没有标题（h1）：{url or '首页'}")
    return out


def search_problems(site: Path, entries: list[tuple[str, str]]) -> list[str]:
    path = site / "search" / "search_index.json"
    if not path.is_file():
        return ["搜索索引缺失：search/search_index.json"]
    from kit.outputs.searchshards import load_docs    # a large site's index is in shards

    docs = load_docs(site)[1]
    titles: dict[str, str] = {}
    for doc in docs:
        titles.setdefault(doc["location"], doc["title"].replace("\u200b", ""))
    return [f"搜索索引里找不到已发布条目的标题：{url}（{title}）"
            for url, title in entries if title not in titles.get(url, "")]


def outside_load_problems(site: Path) -> list[str]:
    """The build's own rule (hooks/kit/data/rules/hosts.py), read again on the files as published."""
    from kit.data.rules import hosts

    out = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".css"):
            continue
        text = path.read_text("utf-8", errors="replace")
        rel = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            for offset, _, url in hosts.html_loads(text):
                out.append(f"{rel}:{hosts.position(text, offset)[0]}: 页面从其他网站加载资源：{url[:160]}")
        elif any(hosts.remote_host(url) for _, url in hosts.css_urls(text)):
            out.append(f"{rel}: 样式表从其他网站加载资源")
    return out


def leak_problems(site: Path, ids: list[str]) -> list[str]:
    if not ids:
        return []
    pattern = re.compile(r"(?<![a-z0-9-])(" + "|".join(map(re.escape, ids)) + r")(?![a-z0-9-])")
    out = []
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in TEXT_SUFFIXES:
            found = sorted(set(pattern.findall(path.read_text("utf-8", errors="replace"))))
            out += [f"{path.relative_to(site).as_posix()}: 出现了未发布的条目“{i}”" for i in found]
    return out


ADMIN_FILES = ("index.html", "config.yml", "decap-cms.js", "admin.js", "yamlkeep.js", "status.js", "guard.js", "admin.css",
               "yaml/index.js")
ADMIN_LEFT_OUT = ("提示：没有安装网页表单程序 Decap CMS 和它用的 YAML 库（node_modules/decap-cms、node_modules/yaml），这次生成的网站不带网页编辑页面 /admin/，"
                  "其他页面不受影响。需要网页编辑时，在仓库目录运行 npm ci --omit=dev --ignore-scripts --no-audit --no-fund "
                  "（流水线会自动运行）后重新发布。")


def admin_installed(root: Path) -> bool:
    from kit.outputs.admin import bundle   # where the build itself looks for the CMS
    return bundle(root) is not None


def admin_problems(root: Path, site: Path) -> list[str]:
    """/admin/ is complete when Decap CMS is installed; nothing is asked of it otherwise."""
    if not admin_installed(root):
        return []
    return [f"admin/{name}: 网页编辑页面缺少这个文件（已安装网页表单程序，构建应当把它放进网站）"
            for name in ADMIN_FILES if not (site / "admin" / name).is_file()]


def smoke(root: Path, site: Path, is_production: bool) -> list[str]:
    """Every problem of the built site, one line each; empty when it may go live."""
    data = dataset.build(root / "data", root, build_date(), is_production)
    entries = entry_pages(data)
    return (page_problems(site, list(SECTIONS) + [url for url, _ in entries])
            + search_problems(site, entries)
            + outside_load_problems(site)
            + leak_problems(site, withheld_ids(data))
            + admin_problems(root, site))


def post_problems(root: Path) -> list[str]:
    """The news posts, with the build's own checks (hooks/kit/data/files/posts.py), no build."""
    from kit.data import project
    from kit.data.errors import DataInvalid

    try:
        project.check(root, build_date(), production())
    except DataInvalid as exc:
        return [line for line in exc.report.lines() if line.startswith("docs/")]
    return []


def health_fails(root: Path, is_production: bool) -> bool:
    """The site-health reminders stop publishing only when the county asks for it: all of them
    (health.fail), or the 单项否决 items of the inspection rules (health.veto)."""
    data = dataset.build(root / "data", root, build_date(), is_production)
    lines = warnings(data, news_dates(root / "docs/blog/posts"), data.today)
    health = data.settings.health
    return (health.fail and bool(lines)) or (health.veto and any(line.startswith(VETO) for line in lines))


def run(cmd: list[str], root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="检查本县的数据、严格构建网站并做冒烟测试。")
    parser.add_argument("root", nargs="?", default=str(KIT), help="项目目录（默认：本仓库）")
    parser.add_argument("--site", help="把网站生成到这个目录并保留（默认：临时目录，检查后删除）")
    parser.add_argument("--posts", action="store_true", help="只检查工作动态文章（编码、前置信息、分类、作者、隐私、链接），不生成网站")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    is_production = production()
    if args.posts:
        problems = post_problems(root)
        print("\n".join(problems + [f"工作动态文章有 {len(problems)} 个错误。" if problems else "工作动态文章检查通过。"]))
        return 1 if problems else 0

    print("1/3 检查数据……", flush=True)
    check = run([sys.executable, str(KIT / "hooks" / "check.py"), str(root)], root)
    print(check.stdout, end="")
    if check.returncode != 0:
        print("数据检查没有通过，网站没有生成，线上网站保持不变。")
        return 1
    if health_fails(root, is_production):
        print("网站健康检查有提醒（见上面“网站健康:”各行），data/site.yml 设置了 health: {fail: true}"
              "（或 veto: true 且有“单项否决”项），线上网站保持不变。")
        return 1

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(args.site).resolve() if args.site else Path(tmp) / "site"
        print(f"2/3 严格构建网站（{'正式发布：示例条目不公开' if is_production else '预览：示例条目带“示例”标签'}）……",
              flush=True)
        if engine.problem():
            print(engine.problem() + "\n线上网站保持不变。")
            return 1
        build = run([sys.executable, "-m", engine.name(), "build", "--strict", "--clean",
                     "-f", str(root / "mkdocs.yml"), "-d", str(site)], root)
        if build.returncode != 0:
            print(build.stdout + build.stderr, end="")
            print("网站构建没有通过（上面以 ERROR 或 WARNING 开头的行说明了原因），线上网站保持不变。")
            return 1
        print("3/3 冒烟测试：各类页面、搜索、外部资源、未发布条目、网页编辑页面……", flush=True)
        problems = smoke(root, site, is_production)
        if not admin_installed(root):
            print(ADMIN_LEFT_OUT)
    for line in problems:
        print(f"错误: {line}")
    if problems:
        print(f"冒烟测试发现 {len(problems)} 个问题，线上网站保持不变。")
        return 1
    print("本县检查全部通过：数据、严格构建、冒烟测试。" + ("" if admin_installed(root) else "（网站不带 /admin/，见上面的提示。）"))
    return 0


if __name__ == "__main__":
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    sys.exit(main())
