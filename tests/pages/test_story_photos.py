"""Photos in Markdown fields (story, body): marked by the Markdown filter, rendered like every
photo (resized, WebP and JPEG, no EXIF), with links relative to the page."""
from __future__ import annotations

from pathlib import Path

from PIL import Image

from conftest import run_build
from kit.pages import text


def test_photos_in_markdown_become_parts_the_template_renders():
    html = text.md('事迹 ![张某某 & 老人](photos/a.jpg "题") 和 [链接](https://a.example/)\n\n![](./photos/b.png)')
    parts = text.md_parts(html)
    photos = [p for p in parts if isinstance(p, text.StoryPhoto)]
    assert photos == [text.StoryPhoto("photos/a.jpg", "张某某 & 老人"), text.StoryPhoto("photos/b.png", "")]
    assert "".join(str(p) for p in parts if not isinstance(p, text.StoryPhoto)) == \
        '<p>事迹  和 <a href="https://a.example/">链接</a></p>\n<p></p>'



def test_a_story_photo_is_published_resized_with_relative_links(project: Path, tmp_path: Path):
    path = project / "data" / "honorees" / "2024.yml"
    source = path.read_text("utf-8")
    story = "      钱兰照顾瘫痪在床的婆婆十二年"
    assert story in source
    path.write_text(source.replace(story, "      ![钱兰在茶园](photos/chestnut-food-festival.jpg)\n\n" + story, 1), "utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    page = (tmp_path / "site" / "honorees" / "2024-qian-lan" / "index.html").read_text("utf-8")
    body = page[page.index('id="story"'):]
    assert "<wm-photo" not in page
    img = body[body.index("<picture>"): body.index("</picture>")]
    assert 'alt="钱兰在茶园"' in img and 'class="wm-inline-photo"' in img and 'loading="lazy"' in img
    assert 'srcset="../../photos/_v/chestnut-food-festival-' in img
    variant = img.split('src="', 1)[1].split('"', 1)[0]
    with Image.open(tmp_path / "site" / "honorees" / "2024-qian-lan" / variant) as im:
        assert not im.getexif() and im.width <= 960
