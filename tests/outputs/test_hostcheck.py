"""The build's guarantee on finished pages and style sheets (hooks/kit/outputs/hostcheck.py) and
the Content-Security-Policy's hashes (hooks/kit/outputs/csp.py)."""
from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from conftest import run_build
from kit.outputs import csp
from kit.outputs.hostcheck import HostCheck

SITE_URL = "https://wenming.example.gov.cn/sub/"


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    (root / "docs" / "blog" / "posts").mkdir(parents=True)
    (root / "data").mkdir()
    (root / "overrides").mkdir()
    (root / "docs" / "blog" / "posts" / "a.md").write_text("# 标题\n\n正文\n\n<img src=\"https://cdn.example.net/a.png\">\n", "utf-8")
    (root / "data" / "site.yml").write_text("site:\n  colours: {primary: \"url(//cdn.example.net/bg.png)\"}\n", "utf-8")
    (root / "overrides" / "main.html").write_text("{% block x %}\n  <script src=\"https://evil.example/x.js\"></script>\n", "utf-8")
    return root


def test_a_finding_names_its_source_post_data_or_template(tmp_path):
    root = _project(tmp_path)
    site = tmp_path / "site"
    (site / "blog" / "a").mkdir(parents=True)
    (site / "blog" / "a" / "index.html").write_text("x", "utf-8")
    check = HostCheck(root, root / "docs", SITE_URL)
    check.page('<p>\n<img src="https://cdn.example.net/a.png"></p>', "blog/a/index.html", "blog/posts/a.md", "blog/a/")
    check.page('<style>:root{--c: url(//cdn.example.net/bg.png)}</style>', "events/index.html", "events/index.md", "events/")
    check.page('<head>\n<script src="https://evil.example/x.js"></script>', "404.html")
    check.page('<a href="https://www.example.gov.cn/">站外链接</a><img src="https://wenming.example.gov.cn/sub/a.png">'
               '<video src="https://v.example/a.mp4"></video>', "about/index.html", "about.md", "about/")
    lines = check.finish(str(site))
    assert len(lines) == 4
    assert lines[0].startswith("about/index.html:1:") and "视频“https://v.example/a.mp4”" in lines[0]
    assert lines[1].startswith("data/site.yml:2:") and "data/photos/" in lines[1]
    assert lines[2].startswith("docs/blog/posts/a.md:5:11: 错误: 外部资源: 页面 blog/a/：图片“https://cdn.example.net/a.png”")
    assert "请把图片保存到 docs/blog/posts/images/ 文件夹，再用相对路径引用" in lines[2]
    assert lines[3].startswith("overrides/main.html:2:") and "脚本程序" in lines[3]
    assert not (site / "blog" / "a" / "index.html").exists()     # the page leaves the site folder


def test_style_sheets_in_the_site_are_read(tmp_path):
    root = _project(tmp_path)
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "ok.css").write_text("a { background: url(data:image/png;base64,AA) url(../x.png) }", "utf-8")
    (site / "assets" / "bad.css").write_text("body{}\n@import url('https://fonts.example.com/a.css');", "utf-8")
    lines = HostCheck(root, root / "docs", SITE_URL).finish(str(site))
    assert lines == [lines[0]] and lines[0].startswith("assets/bad.css:2:14: 错误: 外部资源: 样式里的图片或字体")
    assert "docs/assets/" in lines[0]


def test_the_policy_carries_the_hashes_of_the_pages_own_inline_code():
    page = (f'<head><meta http-equiv="Content-Security-Policy" content="{csp.policy()}">'
            '<script>var a = 1;</script><script id="__config" type="application/json">{"a": 1}</script>'
            '<script src="x.js"></script><style>:root { --c: red }</style></head>'
            '<body><script>var a = 1;</script><script type="module">b()</script></body>')
    filled = csp.fill(page)

    def h(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"
    policy = filled.split('content="', 1)[1].split('"', 1)[0]
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert sorted(directives["script-src"].split()) == sorted(["'self'", h("var a = 1;"), h("b()")])
    assert directives["style-src"] == f"'self' {h(':root { --c: red }')}"
    assert directives["img-src"] == "'self' data:" and directives["object-src"] == "'none'"
    assert filled.replace(policy, "") == page.replace(csp.policy(), "")    # nothing else changes
    assert csp.fill("<p>no policy</p>") == "<p>no policy</p>"


def test_inline_blocks_are_read_as_a_browser_reads_them():
    """Either case, attributes, the first closing tag of the block's kind; a "<style>" in a script's text is
    that text, not a style block; an opening tag without its closing tag is no block."""
    page = ('<SCRIPT type="text/javascript">x("<style>p{}</style>")</Script >'
            '<style media="print">b{}</STYLE><style>never closed<scriptx>y()</script>')
    assert list(csp.blocks(page)) == [("script", ' type="text/javascript"', 'x("<style>p{}</style>")'),
                                      ("style", ' media="print"', "b{}")]
    assert csp.inline_hashes(page) == ([csp.digest('x("<style>p{}</style>")')], [csp.digest("b{}")])


def test_a_preview_allows_the_live_reload_script():
    assert "script-src 'self' 'unsafe-inline'" in csp.policy(preview=True)
    assert csp.MARK not in csp.policy(preview=True) and csp.MARK in csp.policy()


def test_a_template_that_loads_from_elsewhere_stops_the_build(project: Path, tmp_path: Path):
    template = project / "overrides" / "content" / "honoree.html"
    lines = template.read_text("utf-8").splitlines()
    lines.insert(2, '<img src="https://cdn.example.net/badge.png" alt="">')
    template.write_text("\n".join(lines) + "\n", "utf-8")
    result = run_build(project, tmp_path / "site", {"WENMING_PARALLEL": "0"})
    assert result.returncode != 0
    errors = [line.split("-  ", 1)[1] for line in result.log.splitlines() if line.startswith("ERROR")]
    assert errors[0].startswith("overrides/content/honoree.html:3:11: 错误: 外部资源: 页面 honorees/")
    # the same lines when the render worker makes the pages (they are checked by the build)
    for parallel in ("1",):
        again = run_build(project, tmp_path / f"site-{parallel}", {"WENMING_PARALLEL": parallel})
        assert [line for line in again.log.splitlines() if line.startswith("ERROR")] == \
            [line for line in result.log.splitlines() if line.startswith("ERROR")]
    assert "cdn.example.net" in errors[0]
    assert any("处要从其他网站加载资源，网站未生成完整" in e for e in errors)
    assert not (tmp_path / "site" / "honorees" / "2023-sample-sun" / "index.html").exists()
    assert (tmp_path / "site" / "events" / "index.html").is_file()


def test_mkdocs_serve_turns_on_the_preview_policy():
    """MkDocs calls the hook's on_startup once per process with the command."""
    from kit import session
    from kit.build import Build
    try:
        Build.startup("serve")
        assert session.current.preview
        Build.startup("build")
        assert not session.current.preview and session.current.last_good is None
    finally:
        session.start("build")
