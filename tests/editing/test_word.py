"""Word in: a real .docx (written here with python-docx) imported into a copy of the fixture
county becomes a news post with its front matter, headings, bold, lists, links and tables, and
its pictures as clean local files; the post passes the check and builds, and the built page has
the table with the right cells. Merged cells are named, a table in a table and an old .doc are
refused in Chinese, the category comes from the file name or is asked for at a terminal."""
from __future__ import annotations

import io
import subprocess
import sys

import docx
from bs4 import BeautifulSoup
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from PIL import Image

from conftest import ROOT, run_build

IMPORT = ROOT / "scripts" / "import.py"


def photo(colour=(183, 28, 28)) -> io.BytesIO:
    img = Image.new("RGB", (2400, 1200), colour)
    exif = img.getexif()
    exif[0x010E] = "description with GPS"
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif)
    buf.seek(0)
    return buf


def link(paragraph, text: str, url: str) -> None:
    """python-docx writes no hyperlinks: the w:hyperlink element Word writes."""
    rid = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    element = OxmlElement("w:hyperlink")
    element.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    element.append(run)
    paragraph._p.append(element)


def article(path):
    d = docx.Document()
    d.add_heading("青禾县召开文明实践推进会", level=1)
    p = d.add_paragraph("会议要求，")
    p.add_run("全面推进").bold = True
    p.add_run("文明实践工作。")
    d.add_paragraph("")                                  # an empty paragraph: dropped
    d.add_paragraph("志愿服务常态化", style="List Bullet")
    d.add_paragraph("文明实践进村入户", style="List Bullet")
    d.add_picture(photo())
    return d


def rich_article(path):
    d = article(path)
    d.add_heading("活动安排", level=1)                   # level 1 inside the article: moved to level 2
    d.add_paragraph("布置任务", style="List Number")
    d.add_paragraph("检查落实", style="List Number")
    link(d.add_paragraph("详见"), "县文明网", "https://www.example.gov.cn/notice")
    t = d.add_table(rows=4, cols=3)
    t.style = "Table Grid"
    for i, head in enumerate(["项目", "时间", "地点"]):
        t.cell(0, i).text = head
    t.cell(1, 0).text = "志愿|服务"
    t.cell(1, 1).paragraphs[0].add_run("7月1日").bold = True
    t.cell(1, 2).text = "县文化馆"
    t.cell(1, 2).add_paragraph("二楼")
    t.cell(2, 0).merge(t.cell(2, 1)).text = "全天开放"
    t.cell(2, 2).text = "各村"
    t.cell(3, 0).text = "现场照片"
    t.cell(3, 1).paragraphs[0].add_run().add_picture(photo((20, 90, 160)))
    d.save(path)
    return path


def run_import(project, doc, *args):
    return subprocess.run([sys.executable, str(IMPORT), str(doc), "--root", str(project), *args],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL)


def test_a_word_article_becomes_a_post_with_tables_and_clean_local_pictures_that_builds(project, tmp_path):
    doc = rich_article(tmp_path / "2024年7月1日 推进会.docx")
    result = run_import(project, doc, "--category", "创建动态")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 张图片，1 个表格" in result.stdout
    assert "第1个表格（第一行：项目、时间、地点）第3行第1列（“全天开放”）是合并单元格" in result.stdout
    post = project / "docs/blog/posts/news-20240701.md"
    text = post.read_text("utf-8")
    assert text.startswith("---\ndate: 2024-07-01\nslug: news-20240701\ntitle: 青禾县召开文明实践推进会\n")
    assert "categories:\n- 创建动态\n" in text
    assert "会议要求，**全面推进**文明实践工作。\n\n<!-- more -->\n\n- 志愿服务常态化\n- 文明实践进村入户" in text
    assert "\n## 活动安排\n\n1. 布置任务\n2. 检查落实\n" in text
    assert "详见[县文明网](https://www.example.gov.cn/notice)" in text
    assert ("| 项目 | 时间 | 地点 |\n| --- | --- | --- |\n| 志愿\\|服务 | **7月1日** | 县文化馆<br>二楼 |\n"
            "| 全天开放 |  | 各村 |\n| 现场照片 | ![稿件配图](images/news-20240701-2.jpg) |  |") in text
    assert "](images/news-20240701-1.jpg)" in text
    for n in (1, 2):
        picture = Image.open(project / f"docs/blog/posts/images/news-20240701-{n}.jpg")
        assert picture.width == 1600 and not picture.getexif()
    site = tmp_path / "site"
    built = run_build(project, site)
    assert built.returncode == 0, built.log
    page = BeautifulSoup((site / "blog/news-20240701/index.html").read_text("utf-8"), "html.parser")
    article_ = page.select_one("article")
    assert "<strong>全面推进</strong>" in str(article_) and "news-20240701-1.jpg" in str(article_)
    assert [h.get_text(strip=True) for h in article_.select("h1, h2")] == ["青禾县召开文明实践推进会", "活动安排"]
    assert [li.get_text() for li in article_.select("ol li")] == ["布置任务", "检查落实"]
    assert article_.find("a", string="县文明网")["href"] == "https://www.example.gov.cn/notice"
    table = article_.find("table")
    assert [th.get_text() for th in table.select("thead th")] == ["项目", "时间", "地点"]
    rows = [[td for td in tr.find_all("td")] for tr in table.select("tbody tr")]
    assert [[td.get_text() for td in row] for row in rows] == [
        ["志愿|服务", "7月1日", "县文化馆二楼"], ["全天开放", "", "各村"], ["现场照片", "", ""]]
    assert rows[0][1].find("strong").get_text() == "7月1日" and rows[0][2].find("br") is not None
    assert rows[2][1].find("img")["src"].endswith("news-20240701-2.jpg")
    assert not article_.find(string=lambda s: s and "<br>" in s)


def test_a_table_inside_a_table_is_refused_naming_the_cell_and_nothing_is_written(project, tmp_path):
    d = article(tmp_path)
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "村名", "得分"
    t.cell(1, 0).text = "东村"
    t.cell(1, 1).add_table(rows=1, cols=1).cell(0, 0).text = "98"
    d.save(tmp_path / "稿件.docx")
    before = sorted(p.name for p in (project / "docs/blog/posts").rglob("*"))
    result = run_import(project, tmp_path / "稿件.docx", "--category", "创建动态")
    assert result.returncode == 1
    assert "第1个表格（第一行：村名、得分）第2行第2列里还套着一个表格" in result.stdout and "稿件没有导入" in result.stdout
    assert sorted(p.name for p in (project / "docs/blog/posts").rglob("*")) == before


def test_an_old_doc_renamed_docx_is_refused_in_chinese(project, tmp_path):
    old = tmp_path / "稿件.docx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)   # the OLE2 header of .doc/.wps
    result = run_import(project, old, "--category", "创建动态")
    assert result.returncode == 1
    assert "其实是旧版 Word（.doc）或 WPS（.wps）格式的文件" in result.stdout and "另存为" in result.stdout
    doc = tmp_path / "稿件.doc"
    old.rename(doc)
    result = run_import(project, doc, "--category", "创建动态")
    assert result.returncode == 1 and "旧版 Word（.doc）" in result.stdout


def test_the_category_comes_from_the_file_name_else_the_first_with_a_note(project, tmp_path):
    article(tmp_path).save(tmp_path / "2024-07-02 节庆活动 茶文化节.docx")
    result = run_import(project, tmp_path / "2024-07-02 节庆活动 茶文化节.docx")
    assert result.returncode == 0, result.stdout
    assert "categories:\n- 节庆活动\n" in (project / "docs/blog/posts/news-20240702.md").read_text("utf-8")
    other = article(tmp_path)
    other.add_paragraph("另一篇稿件。")            # the same article twice would be refused (test_word_doors)
    other.save(tmp_path / "2024-07-03 稿件.docx")
    result = run_import(project, tmp_path / "2024-07-03 稿件.docx")
    assert result.returncode == 0, result.stdout
    assert "没有指定分类，文件名里也没有分类名，用了第一个分类“创建动态”" in result.stdout


def test_at_a_terminal_the_category_and_date_are_asked_for(project, tmp_path, monkeypatch, capsys):
    sys.path.insert(0, str(ROOT / "hooks"))
    from kit.editing import word

    article(tmp_path).save(tmp_path / "稿件.docx")
    answers = iter(["2024-13-01", "2024-07-04", "杂谈", "2"])
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(word, "ask", lambda question: (print(question), next(answers))[1])
    monkeypatch.setattr(word.subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 0, "", ""))
    assert word.main(project, tmp_path / "稿件.docx", None, None, None) == 0
    out = capsys.readouterr().out
    assert "1. 创建动态\n  2. 节庆活动" in out and "没有“杂谈”这个分类" in out
    text = (project / "docs/blog/posts/news-20240704.md").read_text("utf-8")
    assert "date: 2024-07-04\n" in text and "categories:\n- 节庆活动\n" in text


def test_an_unknown_category_is_refused_and_nothing_is_written(project, tmp_path):
    article(tmp_path).save(tmp_path / "稿件.docx")
    before = sorted(p.name for p in (project / "docs/blog/posts").iterdir())
    result = run_import(project, tmp_path / "稿件.docx", "--category", "杂谈")
    assert result.returncode == 1 and "分类“杂谈”不在 mkdocs.yml 的 news_categories 里" in result.stdout
    assert sorted(p.name for p in (project / "docs/blog/posts").iterdir()) == before
