"""Word at its door (issue 23, finding 6): the post ends its excerpt after the first paragraph;
pictures take their caption (or the picture's own description) as alt text, and a picture left
with a generic one is a `make check` 提示; the same file imported twice is refused with the name of
the post it made."""
from __future__ import annotations

import subprocess
import sys

import docx

from conftest import run_build
from test_word import photo, run_import


def article(path, caption=True, descr=""):
    d = docx.Document()
    d.add_heading("青禾县开展文明实践义诊活动", level=1)
    d.add_paragraph("近日，青禾县新时代文明实践中心组织志愿者走进柳塘村开展义诊活动。")
    d.add_paragraph("活动现场，志愿者为村民测量血压、讲解健康知识，发放宣传资料两百余份。")
    shape = d.add_picture(photo())
    if descr:
        shape._inline.docPr.set("descr", descr)
    if caption:
        d.add_paragraph("图为志愿者为村民测量血压")
    d.add_paragraph("下一步，实践中心将把义诊活动常态化开展。")
    d.save(path)
    return path


def post_text(project) -> str:
    (post,) = [p for p in (project / "docs/blog/posts").glob("news-*.md")]
    return post.read_text("utf-8")


def test_the_excerpt_ends_after_the_first_paragraph_and_the_caption_is_the_alt(project, tmp_path):
    result = run_import(project, article(tmp_path / "2024-07-05 义诊.docx"), "--category", "创建动态")
    assert result.returncode == 0, result.stdout + result.stderr
    text = post_text(project)
    assert ("近日，青禾县新时代文明实践中心组织志愿者走进柳塘村开展义诊活动。\n\n<!-- more -->\n\n"
            "活动现场，志愿者为村民测量血压") in text, text
    assert "![志愿者为村民测量血压](images/news-20240705-1.jpg)" in text or \
        "![图为志愿者为村民测量血压](images/news-20240705-1.jpg)" in text, text
    assert "稿件配图" not in text and "没有说明文字" not in result.stdout
    built = run_build(project, tmp_path / "site")
    assert built.returncode == 0, built.log
    listing = (tmp_path / "site/blog/index.html").read_text("utf-8")
    assert "组织志愿者走进柳塘村开展义诊活动" in listing and "发放宣传资料两百余份" not in listing


def test_the_pictures_own_description_is_its_alt(project, tmp_path):
    doc = article(tmp_path / "2024-07-06 义诊.docx", caption=False, descr="志愿者在柳塘村为老人义诊")
    result = run_import(project, doc, "--category", "创建动态")
    assert result.returncode == 0, result.stdout
    assert "![志愿者在柳塘村为老人义诊](images/news-20240706-1.jpg)" in post_text(project)


def test_a_picture_without_a_caption_gets_a_note_and_a_check_hint(project, tmp_path):
    result = run_import(project, article(tmp_path / "2024-07-07 义诊.docx", caption=False), "--category", "创建动态")
    assert result.returncode == 0, result.stdout
    assert "注意：第1张图片没有说明文字" in result.stdout
    check = subprocess.run([sys.executable, str(project / "hooks/check.py"), str(project)], capture_output=True,
                           text=True, encoding="utf-8")
    assert check.returncode == 0, check.stdout
    hint = [l for l in check.stdout.splitlines() if "图片说明" in l]
    assert hint and hint[0].startswith("docs/blog/posts/news-20240707.md:") and ": 提示: 图片说明“稿件配图”太笼统" in hint[0]


def test_the_same_file_imported_twice_is_refused_with_the_post_it_made(project, tmp_path):
    doc = article(tmp_path / "2024-07-08 义诊.docx")
    assert run_import(project, doc, "--category", "创建动态").returncode == 0
    before = sorted(p.name for p in (project / "docs/blog/posts").rglob("*"))
    again = run_import(project, doc, "--category", "创建动态")
    assert again.returncode == 1
    assert "已经导入过，生成的文章是 docs/blog/posts/news-20240708.md（标题“青禾县开展文明实践义诊活动”）" in again.stdout
    copy = tmp_path / "2024-07-08 义诊（修改稿）.docx"
    saved = docx.Document(doc)    # saved again by WPS or Word: other bytes, the same article
    saved.core_properties.revision += 1     # (not the zip's times alone: two saves in one 2-second tick are equal)
    saved.save(copy)
    assert copy.read_bytes() != doc.read_bytes()
    third = run_import(project, copy, "--category", "创建动态")
    assert third.returncode == 1 and "和已有的文章 docs/blog/posts/news-20240708.md" in third.stdout, third.stdout
    assert sorted(p.name for p in (project / "docs/blog/posts").rglob("*")) == before


def test_a_caption_belongs_to_one_picture():
    from kit.editing import wordmd
    md = wordmd.captions(wordmd.Result("近日。\n\n![稿件配图](a.jpg)\n\n图为志愿者清理河道\n\n![稿件配图](b.jpg)\n\n"
                                       "下一步将持续开展。\n"))
    assert "![图为志愿者清理河道](a.jpg)" in md and "![稿件配图](b.jpg)" in md     # a sentence is no caption
    assert wordmd.missing_alts(md) == [m for m in wordmd.missing_alts(md) if m.startswith("第2张图片没有说明文字")] != []
    before = wordmd.captions(wordmd.Result("近日。\n\n图：志愿者清理河道\n\n![](a.jpg)\n\n下一步将持续开展。\n"))
    assert "![志愿者清理河道](a.jpg)" in before
