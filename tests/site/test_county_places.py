"""The county's own places (hooks/kit/county.py), which `make upgrade` keeps: a template of its
own in overrides/county/, its CSS in docs/assets/county.css, its hooks in hooks/county/. Each is
loaded by the build, on generated entry pages (rendered on the second core) as on the others."""
from __future__ import annotations

from conftest import run_build

FOOTER = '<p class="wm-footer__county">技术支持：某县融媒体中心</p>'
HOOK = '''
from pathlib import Path


def on_post_page(output, page, config):
    return output.replace("</body>", "<!-- 本县的钩子 -->\\n</body>")


def on_post_build(config):
    (Path(config.site_dir) / "county-hook.txt").write_text("ok", "utf-8")
'''


def test_the_countys_template_css_and_hooks_are_used(project, tmp_path):
    own = project / "overrides/county"
    (own / "partials").mkdir(parents=True)
    (own / "partials/county-footer.html").write_text(FOOTER + "\n", "utf-8")
    (own / "content").mkdir()
    home = (project / "overrides/content/home.html").read_text("utf-8")
    (own / "content/home.html").write_text('<p class="county-home">本县首页的话</p>\n' + home, "utf-8")
    (project / "docs/assets/county.css").write_text(".wm-footer__county { font-weight: bold; }\n", "utf-8")
    (project / "hooks/county").mkdir()
    (project / "hooks/county/note.py").write_text(HOOK, "utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.log[-3000:]
    site = result.site
    for page in ("index.html", "events/index.html", "events/bamboo-weaving-week/index.html", "honorees/index.html"):
        html = (site / page).read_text("utf-8")
        assert FOOTER in html and "<!-- 本县的钩子 -->" in html, page
        assert 'href="' in html and "assets/county.css" in html, page
    assert "本县首页的话" in (site / "index.html").read_text("utf-8")
    assert (site / "assets/county.css").read_text("utf-8").startswith(".wm-footer__county")
    assert (site / "county-hook.txt").read_text("utf-8") == "ok"


def test_without_them_the_kits_footer_has_no_county_line(built):
    html = (built.site / "index.html").read_text("utf-8")
    assert "wm-footer__county" not in html and "assets/county.css" not in html
