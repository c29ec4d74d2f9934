"""`make review SINCE=<git ref>`: the 审核单 (review sheet) of what a publish changes, for 三审.

    python scripts/review.py --since v2024-05 [--site site] [--out review/审核单.html] [project-root]

Builds the site as it was at SINCE (a temporary `git worktree` of that commit, so its 最近更新
dates come from git as in the real build) and compares it with the site now: `--site DIR` when a
build of the current tree is already there (`make publish-check` passes its site/), else the
current tree is built into a temporary folder. The sheet is one self-contained HTML file (no
external loads, photos inlined as small JPEGs), readable on a phone and printable on A4: every
public page added, changed or withdrawn with its changed text old → new, new photos, the 错敏
hits, the entries and posts withheld until a date, and the sign-off lines for 初审, 复审, 终审.

"Last published" is, in this order: SINCE; in a pipeline, a merge request's target commit (GitLab
$CI_MERGE_REQUEST_DIFF_BASE_SHA) or the branch head before this push (GitLab $CI_COMMIT_BEFORE_SHA,
GitHub/Gitea/Forgejo Actions `before` of the push event), which on the default branch is the version
the last pipeline published; else the git tag `published` when the county keeps one; else none,
and every page is listed as new (titles only).
"""
from __future__ import annotations

import argparse
import html
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

KIT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(KIT / "hooks"))
sys.path.insert(0, str(KIT / "scripts"))

import review_sheet  # noqa: E402
from kit.data.clock import CHINA, now, production  # noqa: E402

ZERO = re.compile(r"^0+$")
LIVE = re.compile(r"^(?P<where>\S+?:\d+:\d+): 提示: .*?“(?P<what>[^”]+)”未发布：定时发布，(?P<day>\d{4}-\d{2}-\d{2}) 起公开")


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, encoding="utf-8",
                          check=True).stdout.strip()


def pipeline_base() -> str:
    """The version last published, as the pipeline knows it: a merge request's target (GitLab), else
    the branch head before this push (GitLab $CI_COMMIT_BEFORE_SHA; GitHub, Gitea and Forgejo Actions
    give it as `before` in the push event's file)."""
    for name in ("CI_MERGE_REQUEST_DIFF_BASE_SHA", "CI_COMMIT_BEFORE_SHA"):
        if os.environ.get(name) and not ZERO.match(os.environ[name]):
            return os.environ[name]
    event = os.environ.get("GITHUB_EVENT_PATH")
    if event and Path(event).is_file():
        try:
            before = json.loads(Path(event).read_text("utf-8")).get("before") or ""
        except (ValueError, AttributeError):
            before = ""
        return "" if ZERO.match(before or "0") else before
    return ""


def resolve(root: Path, since: str, lenient: bool = False) -> str | None:
    """The commit to compare with: SINCE, else the tag `published`, else none (all pages new).
    lenient (make publish-check): an unknown SINCE (a force-push's old head) falls back with a note."""
    for ref in ([since] if since and not ZERO.match(since) else []) + ["published"]:
        try:
            return git(root, "rev-parse", "--verify", "-q", ref + "^{commit}")
        except (subprocess.CalledProcessError, OSError):
            if ref == since and not lenient:
                raise SystemExit(f"找不到版本“{since}”（SINCE）。请写 git 里有的提交、分支或标签，例如 SINCE=HEAD~1。") from None
            if ref == since:
                print(f"提示：git 里没有版本“{since}”，审核单改为与标签 published 比较（没有这个标签时列出全部页面）。")
    return None


def build(project: Path, site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--clean", "-f", str(project / "mkdocs.yml"),
                           "-d", str(site)], cwd=project, env=env, capture_output=True, text=True, encoding="utf-8")
    if proc.returncode != 0:
        raise SystemExit(proc.stdout + proc.stderr + f"\n网站生成失败（{project}），审核单没有生成。")


def build_at(root: Path, commit: str, site: Path, tmp: Path) -> None:
    """The site as it was at a commit: a detached worktree (git history for 最近更新), removed after."""
    from kit.speed import lend_cache
    tree = tmp / "old"
    git(root, "worktree", "add", "--detach", "-q", str(tree), commit)
    try:
        lend_cache(root, tree)      # photos resized and sentences cut by the current tree's builds
        build(tree, site)
    finally:
        git(root, "worktree", "remove", "--force", str(tree))


def notes(root: Path) -> tuple[list[str], list[tuple[str, str, str]], str]:
    """The 错敏 hits (错误 and 提示) and the entries and posts withheld until a date, of the tree now."""
    from kit.data import project
    from kit.data.files import posts
    from kit.data.clock import build_date
    from kit.data.errors import DataInvalid, Report
    from kit.data.files.loader import data_files
    from kit.data.files.yamlread import load_file

    report, hints, docs = Report(), [], {}
    for path, model in data_files(root / "data"):
        if model is not None:
            name = path.relative_to(root).as_posix()
            docs[name] = load_file(path.read_bytes(), name, Report())
    news = posts.check(root, build_date(), Report())
    hints = project.wording_check(root, {k: v for k, v in docs.items() if v is not None}, news, report)
    wording = report.lines() + hints
    try:
        data, news = project.check(root, build_date(), production())
    except DataInvalid as exc:
        return wording, [], f"数据检查没有通过（{len(exc.report.lines())} 个错误），定时发布的条目未列出。"
    live = [m.group("where", "what", "day") for line in data.withheld + list(news.withheld.values())
            if (m := LIVE.match(line))]
    return wording, sorted(live, key=lambda x: (x[2], x[0])), ""


CSS = """
@page { size: A4; margin: 15mm 14mm; }
* { box-sizing: border-box; }
body { font: 16px/1.6 "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; color: #111;
  margin: 0 auto; padding: 12px; max-width: 60rem; }
h1 { font-size: 1.5rem; margin: .2rem 0; } h2 { font-size: 1.2rem; border-bottom: 2px solid #333; margin-top: 1.6rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 .3rem; word-break: break-all; }
.meta, .url { color: #444; font-size: .9rem; word-break: break-all; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0; }
th, td { border: 1px solid #888; padding: .3rem .45rem; vertical-align: top; text-align: left; word-break: break-word; }
th { background: #eee; white-space: nowrap; }
del { background: #fdd; color: #900; text-decoration: line-through; } ins { background: #dfd; color: #060; text-decoration: none; }
.kind { display: inline-block; padding: 0 .4rem; border: 1px solid; border-radius: 3px; font-size: .85rem; margin-right: .3rem; }
.k-修改 { color: #8a5300; } .k-新增 { color: #1b5e20; } .k-撤下 { color: #b71c1c; }
.page { border: 1px solid #bbb; padding: .3rem .7rem .6rem; margin: .8rem 0; break-inside: avoid-page; }
.photos img { width: 120px; height: auto; margin: .2rem; border: 1px solid #999; }
.sign td { height: 3.2rem; } .err { color: #b71c1c; } .none { color: #555; }
@media (max-width: 600px) {
  body { padding: 8px; font-size: 15px; }
  table.diff, table.diff tbody, table.diff tr, table.diff td { display: block; width: 100%; }
  table.diff thead { display: none; } table.diff td { border-width: 0 0 1px; }
  table.diff td::before { content: attr(data-l) "："; font-weight: bold; }
}
@media print { body { max-width: none; padding: 0; font-size: 11pt; } h2 { break-after: avoid; } a { color: #111; } }
"""


def render(site_name: str, since: str, head: str, changes, derived, wording, live, live_note) -> str:
    e = html.escape
    stamp = now().astimezone(CHINA).strftime("%Y-%m-%d %H:%M")
    counts = {k: sum(c.kind == k for c in changes) for k in ("修改", "新增", "撤下")}
    out = [f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
           f'<meta name="viewport" content="width=device-width, initial-scale=1">'
           f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">"
           f"<title>审核单 · {e(site_name)}</title><style>{CSS}</style></head><body>",
           f"<h1>{e(site_name)} 发布审核单</h1>",
           f'<p class="meta">比较范围：{e(since)} → {e(head)}<br>生成时间：{stamp}（北京时间）<br>'
           f"本次发布：修改 {counts['修改']} 页，新增 {counts['新增']} 页，撤下 {counts['撤下']} 页"
           f"{f'；另有 {len(derived)} 个首页、列表页随之更新' if derived else ''}。</p>",
           "<h2>一、页面变化</h2>"]
    if not changes:
        out.append('<p class="none">没有页面的正文发生变化。</p>')
    for c in changes:
        out.append(f'<section class="page"><h3><span class="kind k-{c.kind}">{c.kind}</span>{e(c.title)}</h3>'
                   f'<p class="url">/{e(c.url)}</p>')
        rows = review_sheet.diff_rows(c.old, c.new)
        if c.kind != "修改" and not (c.new or c.old):
            pass                    # a first publish: title and address only
        elif c.kind != "修改":
            label, tag = ("页面内容", "ins") if c.kind == "新增" else ("撤下的内容", "del")
            out.append(f'<table class="whole"><thead><tr><th>{label}</th></tr></thead><tbody>'
                       + "".join(f"<tr><td><{tag}>{e(line)}</{tag}></td></tr>" for line in (c.new or c.old))
                       + "</tbody></table>")
        elif rows:
            out.append('<table class="diff"><thead><tr><th>原文</th><th>改为</th></tr></thead><tbody>')
            out += [f'<tr><td data-l="原文">{a or "（无）"}</td><td data-l="改为">{b or "（删除）"}</td></tr>' for a, b in rows]
            out.append("</tbody></table>")
        if c.photos:
            out.append('<p>新照片：</p><p class="photos">' + "".join(
                f'<img src="{p_uri}" alt="{e(p)}">' for p, p_uri in c.photos) + "</p>")
        out.append("</section>")
    if derived:
        out.append(f'<p class="meta">随之更新的首页、列表页（不逐一列出）：{e("、".join("/" + u for u in derived))}</p>')
    out.append("<h2>二、错敏检查</h2>")
    out.append('<p class="none">没有发现错敏信息。</p>' if not wording else
               "<ul>" + "".join(f'<li class="{"err" if ": 错误: " in w else ""}">{e(w)}</li>' for w in wording) + "</ul>")
    out.append("<h2>三、定时发布（到期自动公开）</h2>")
    if live_note or not live:
        out.append(f'<p class="none">{e(live_note or "没有定时发布的条目或文章。")}</p>')
    else:
        out.append("<table><thead><tr><th>公开日期</th><th>条目或文章</th><th>位置</th></tr></thead><tbody>"
                   + "".join(f"<tr><td>{e(d)}</td><td>{e(w)}</td><td>{e(f)}</td></tr>" for f, w, d in live)
                   + "</tbody></table>")
    out.append("<h2>四、三审签字</h2><table class=\"sign\"><thead><tr><th>环节</th><th>审核人（签名）</th>"
               "<th>日期</th><th>意见</th></tr></thead><tbody>"
               + "".join(f"<tr><th>{s}</th><td></td><td></td><td></td></tr>" for s in ("初审", "复审", "终审"))
               + "</tbody></table></body></html>")
    return "\n".join(out)


def describe(root: Path, commit: str | None) -> str:
    if commit is None:
        return "（没有上次发布的版本：全部页面按新增列出）"
    return git(root, "log", "-1", "--format=%h（%cd，%s）", "--date=format:%Y-%m-%d %H:%M", commit)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="生成发布审核单：比较上次发布的版本和现在的网站。")
    ap.add_argument("root", nargs="?", default=str(KIT), help="项目目录（默认：本仓库）")
    ap.add_argument("--since", default="", help="上次发布的版本（提交、分支或标签）；默认用标签 published")
    ap.add_argument("--site", help="现在的网站已生成在这个目录（默认：临时生成）")
    ap.add_argument("--out", default="review/审核单.html", help="审核单文件（默认 review/审核单.html）")
    ap.add_argument("--lenient", action="store_true", help="找不到上次的版本或它生成失败时照样出审核单（发布检查用）")
    args = ap.parse_args(argv)
    root = Path(args.root).resolve()
    commit = resolve(root, args.since or pipeline_base(), args.lenient)
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old-site"
        if commit:
            try:
                build_at(root, commit, old, Path(tmp))
            except SystemExit as exc:
                if not args.lenient:
                    raise
                print(f"{exc}\n提示：上次发布的版本生成失败，审核单列出全部页面。")
                commit = None
        new = Path(args.site).resolve() if args.site else Path(tmp) / "new-site"
        if not args.site:
            build(root, new)
        changes, derived = review_sheet.compare(old if commit else None, new)
        if commit is None:          # a first publish: titles and addresses, not every page's text
            for c in changes:
                c.new, c.photos = [], []
        for c in changes:
            c.photos = [(p, uri) for p in c.photos if (uri := review_sheet.thumbnail(new / p))]
    wording, live, live_note = notes(root)
    name = re.search(r"^\s*site_name:\s*(.+?)\s*$", (root / "data/site.yml").read_text("utf-8-sig"), re.M)
    try:
        head = git(root, "log", "-1", "--format=%h（%s）", "HEAD")
        head += "，含未提交的修改" if git(root, "status", "--porcelain", "--untracked-files=no") else ""
    except (subprocess.CalledProcessError, OSError):
        head = "现在的文件（不是 git 仓库）"
    sheet = render(name.group(1) if name else "网站", describe(root, commit), head, changes, derived, wording, live, live_note)
    out = Path(args.out) if Path(args.out).is_absolute() else root / args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(sheet, "utf-8")
    print(f"审核单已生成：{out}（修改 {sum(c.kind == '修改' for c in changes)} 页，新增 "
          f"{sum(c.kind == '新增' for c in changes)} 页，撤下 {sum(c.kind == '撤下' for c in changes)} 页，"
          f"错敏 {len(wording)} 条）。请打印或在手机上打开，三审签字后发布。")
    return 0


if __name__ == "__main__":
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    sys.exit(main())
