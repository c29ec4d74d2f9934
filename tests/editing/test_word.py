"""Word in: a real .docx (written here with python-docx) imported into a copy of the fixture
county becomes a news post with its front matter, bold and lists, and its picture as a clean
local file; the post passes the check and builds."""
from __future__ import annotations

import io
import subprocess
import sys

import docx
from PIL import Image

from conftest import ROOT, run_build

IMPORT = ROOT / "scripts" / "import.py"


def article(path):
    d = docx.Document()
    d.add_heading("青禾县召开文明实践推进会", level=1)
    p = d.add_paragraph("会议要求，")
    p.add_run("全面推进").bold = True
    p.add_run("文明实践工作。")
    d.add_paragraph("志愿服务常态化", style="List Bullet")
    d.add_paragraph("文明实践进村入户", style="List Bullet")
    img = Image.new("RGB", (2400, 1200), (183, 28, 28))
    exif = img.getexif()
    exif[0x010E] = "description with GPS"
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif)
    buf.seek(0)
    d.add_picture(buf)
    d.save(path)
    return path


def test_a_word_article_becomes_a_post_with_clean_local_pictures_that_builds(project, tmp_path):
    doc = article(tmp_path / "2024年7月1日 推进会.docx")
    result = subprocess.run([sys.executable, str(IMPORT), str(doc), "--root", str(project), "--category", "创建动态"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    post = project / "docs/blog/posts/news-20240701.md"
    text = post.read_text("utf-8")
    assert text.startswith("---\ndate: 2024-07-01\nslug: news-20240701\ntitle: 青禾县召开文明实践推进会\n")
    assert "categories:\n- 创建动态\n" in text
    assert "会议要求，**全面推进**文明实践工作。" in text and "- 志愿服务常态化\n- 文明实践进村入户" in text
    assert "](images/news-20240701-1.jpg)" in text and "http" not in text
    picture = Image.open(project / "docs/blog/posts/images/news-20240701-1.jpg")
    assert picture.width == 1600 and not picture.getexif()
    site = tmp_path / "site"
    built = run_build(project, site)
    assert built.returncode == 0, built.log
    page = (site / "blog/news-20240701/index.html").read_text("utf-8")
    assert "<strong>全面推进</strong>" in page and "news-20240701-1.jpg" in page


def test_an_unknown_category_is_refused_and_nothing_is_written(project, tmp_path):
    doc = article(tmp_path / "稿件.docx")
    before = sorted(p.name for p in (project / "docs/blog/posts").iterdir())
    result = subprocess.run([sys.executable, str(IMPORT), str(doc), "--root", str(project), "--category", "杂谈"],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "分类“杂谈”不在 mkdocs.yml 的 news_categories 里" in result.stdout
    assert sorted(p.name for p in (project / "docs/blog/posts").iterdir()) == before
