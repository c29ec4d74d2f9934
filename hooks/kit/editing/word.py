"""A Word or WPS article (.docx) into a news post: mammoth turns the document into Markdown
(title, paragraphs, bold, lists; tables as HTML tables), each picture becomes a local file
beside the post (turned upright, at most 1600 px wide, every metadata block dropped, as data
photos are), nothing is linked from elsewhere. Then the posts are checked; a post that fails
is removed again."""
from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
from pathlib import Path

import mammoth
import yaml
from PIL import Image, ImageOps

from kit.data.clock import build_date
from kit.data.fields import SLUG, parse_date

MAX_WIDTH = 1600
NAME_DATE = re.compile(r"(\d{4})[-年._]?(\d{1,2})[-月._]?(\d{1,2})日?")


def date_from(name: str, given: str | None) -> dt.date:
    if given:
        return parse_date(given)
    m = NAME_DATE.search(name)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
    return build_date()


def picture(data: bytes, folder: Path, stem: str) -> str:
    """The picture as a clean local file; its name relative to the post."""
    img = ImageOps.exif_transpose(Image.open(io.BytesIO(data)))
    if img.width > MAX_WIDTH:
        img = img.resize((MAX_WIDTH, round(img.height * MAX_WIDTH / img.width)))
    photo = img.mode not in ("P", "1", "LA") and not (img.mode == "RGBA" and img.getextrema()[3][0] < 255)
    name = f"{stem}.jpg" if photo else f"{stem}.png"
    folder.mkdir(parents=True, exist_ok=True)
    out = img.convert("RGB") if photo else img
    out.save(folder / name, **({"quality": 85} if photo else {}))   # no exif= passed: nothing copied over
    return f"images/{name}"


def has_table(docx: Path) -> bool:
    with docx.open("rb") as f:
        return "<table" in mammoth.convert_to_html(f, convert_image=lambda image: {}).value


def convert(docx: Path, posts: Path, slug: str) -> tuple[str, str, list[Path]]:
    """(title, Markdown body, picture files) of the document."""
    made: list[Path] = []

    def image(element) -> dict[str, str]:
        with element.open() as stream:
            rel = picture(stream.read(), posts / "images", f"{slug}-{len(made) + 1}")
        made.append(posts / rel)
        return {"src": rel, "alt": element.alt_text or "稿件配图"}

    with docx.open("rb") as f:
        result = mammoth.convert_to_markdown(f, convert_image=mammoth.images.img_element(image))
    body = re.sub(r"__(.+?)__", r"**\1**", result.value)      # mammoth writes bold as __…__
    body = re.sub(r"!\[([^\]]*)\]\(([^)]*)\)", lambda m: f"![{m[1]}]({m[2].replace(chr(92), '')})", body)
    lines = body.splitlines()
    title = ""
    for i, line in enumerate(lines):
        if line.strip():
            title = re.sub(r"^#+\s*|\*\*|__", "", line).strip()
            del lines[i]
            break
    body = "\n".join(lines).strip() + "\n"
    return title, body, made


def main(root: Path, docx: Path, date: str | None, category: str | None, slug: str | None) -> int:
    config = yaml.load((root / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    categories = list((config.get("extra") or {}).get("news_categories") or {})
    authors = list(yaml.safe_load((root / "docs/blog/.authors.yml").read_text("utf-8"))["authors"])
    day = date_from(docx.stem, date)
    category = category or (categories[0] if categories else "")
    if category not in categories:
        print(f"分类“{category}”不在 mkdocs.yml 的 news_categories 里。可选：{'、'.join(categories)}。")
        return 1
    slug = slug or f"news-{day:%Y%m%d}"
    posts = root / "docs/blog/posts"
    n = 1
    while (posts / f"{slug}.md").exists() and n < 100:
        n += 1
        slug = f"{slug.rsplit('-', 1)[0] if n > 2 else slug}-{n}"
    if not SLUG.match(slug):
        print(f"网址名“{slug}”只能用小写英文字母、数字和连字符。")
        return 1
    title, body, pictures = convert(docx, posts, slug)
    title = title.replace('"', "”")
    head = {"date": day, "slug": slug, "title": title, "authors": authors[:1], "categories": [category]}
    post = posts / f"{slug}.md"
    post.write_text("---\n" + yaml.safe_dump(head, allow_unicode=True, sort_keys=False) + "---\n\n"
                    + f"# {title}\n\n{body}", "utf-8")
    if has_table(docx):
        print("注意：稿件里有表格，导入后表格变成了逐段文字，请打开文章检查，必要时改写成 Markdown 表格。")
    check = subprocess.run([sys.executable, str(Path(__file__).resolve().parents[3] / "scripts/county_check.py"),
                            "--posts", str(root)], capture_output=True, text=True)
    if check.returncode != 0:
        for path in [post, *pictures]:
            path.unlink(missing_ok=True)
        print(check.stdout + "文章没有通过检查，已删除刚生成的文件。")
        return 1
    print(f"已生成工作动态文章 {post.relative_to(root)}（{day}，{category}，{len(pictures)} 张图片）；检查通过。")
    return 0
