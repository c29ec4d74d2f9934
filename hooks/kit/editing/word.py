"""A Word or WPS article (.docx) into a news post: mammoth turns the document into HTML and
kit/editing/wordmd.py that into Markdown (title, headings, paragraphs, bold, lists, links,
tables as Markdown tables); each picture becomes a local file beside the post (turned upright,
at most 1600 px wide, every metadata block dropped, as data photos are), nothing is linked from
elsewhere. The date and category come from the command, else from the file name, else are asked
for at a terminal. Then the posts are checked; a post that fails is removed again. An old .doc
(or any file that is not a .docx inside) is refused with how to save it as .docx."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import mammoth
import yaml
from PIL import Image, ImageOps

from kit.data.clock import build_date
from kit.data.model.fields import SLUG, parse_date
from kit.editing import wordmd

MAX_WIDTH = 1600
HEADING = re.compile(r"^(#{1,6}) ")
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


def convert(docx: Path, posts: Path, slug: str) -> tuple[str, wordmd.Result, list[Path]]:
    """(title, Markdown body with its notes and problems, picture files) of the document."""
    made: list[Path] = []

    def image(element) -> dict[str, str]:
        with element.open() as stream:
            rel = picture(stream.read(), posts / "images", f"{slug}-{len(made) + 1}")
        made.append(posts / rel)
        return {"src": rel, "alt": element.alt_text or "稿件配图"}

    with docx.open("rb") as f:
        html = mammoth.convert_to_html(f, convert_image=mammoth.images.img_element(image)).value
    result = wordmd.markdown(html)
    lines = result.markdown.splitlines()
    title = ""
    for i, line in enumerate(lines):
        if line.strip() and not line.startswith(("|", "![")):
            title = re.sub(r"^#+\s*|\*\*|\\(?=[-+*#>.])", "", line).strip()
            del lines[i]
            break
    levels = [len(m[1]) for line in lines if (m := HEADING.match(line))]
    shift = max(0, 2 - min(levels, default=2))        # the title is the page's only level-1 heading
    result.markdown = "\n".join(HEADING.sub(lambda m: "#" * min(6, len(m[1]) + shift) + " ", line)
                                 for line in lines).strip() + "\n"
    result.markdown = wordmd.excerpt(wordmd.captions(result))
    return title, result, made


def discard(paths: list[Path], posts: Path) -> None:
    """The files this import wrote, and the images folder when that leaves it empty."""
    for path in paths:
        path.unlink(missing_ok=True)
    folder = posts / "images"
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


def refusal(docx: Path) -> str | None:
    """Why the file cannot be read as a Word document, in Chinese; None when it can."""
    with docx.open("rb") as f:
        head = f.read(8)
    resave = "请用 Word 或 WPS 打开它，点“文件 → 另存为”，保存类型选“Word 文档（*.docx）”，再导入新文件。"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return f"{docx.name} 其实是旧版 Word（.doc）或 WPS（.wps）格式的文件，不能直接导入。{resave}"
    if not head.startswith(b"PK"):
        return f"{docx.name} 不是 Word 文档（.docx），可能是改了扩展名的其他文件。{resave}"
    return None


def imported_before(posts: Path, digest: str, body: str = "") -> str:
    """The post an earlier import of this file made (by the file's digest, or the same body), else ""."""
    def plain(text: str) -> str:          # pictures are named after the post: compare without their names
        return re.sub(r"\]\(images/[^)]*\)", "]()", text).strip()
    for path in sorted(posts.glob("*.md")) if posts.is_dir() else []:
        text = path.read_text("utf-8", errors="replace")
        if digest and re.search(rf"(?m)^source: ['\"]?{digest}['\"]?$", text) or body.strip() and plain(body) in plain(text):
            title = re.search(r"(?m)^title: (.*)$", text)
            return path.relative_to(posts.parent.parent.parent).as_posix() + (f"（标题“{title[1]}”）" if title else "")
    return ""


def ask(question: str) -> str:
    print(question, end="", flush=True)
    return sys.stdin.readline().strip()


def choose_category(name: str, given: str | None, categories: list[str]) -> tuple[str, str]:
    """(category, a note when it was not asked for); asks at a terminal."""
    if given:
        return given, ""
    named = [c for c in categories if c in name]
    if named:
        return max(named, key=len), f"分类取自文件名：{max(named, key=len)}。"
    if categories and sys.stdin.isatty():
        menu = "\n".join(f"  {i}. {c}" for i, c in enumerate(categories, start=1))
        while True:
            answer = ask(f"这篇文章放在哪个分类？\n{menu}\n请输入序号或分类名（直接回车选 1）：")
            if not answer:
                return categories[0], ""
            if answer.isdigit() and 1 <= int(answer) <= len(categories):
                return categories[int(answer) - 1], ""
            if answer in categories:
                return answer, ""
            print(f"没有“{answer}”这个分类。")
    first = categories[0] if categories else ""
    return first, (f"没有指定分类，文件名里也没有分类名，用了第一个分类“{first}”。"
                   f"要换分类，导入时加 CATEGORY=分类名（可选：{'、'.join(categories)}）。")


def choose_date(name: str, given: str | None) -> dt.date:
    if given or NAME_DATE.search(name) or not sys.stdin.isatty():
        return date_from(name, given)
    while True:
        answer = ask(f"文章的发布日期（如 2024-07-01，直接回车用 {build_date().isoformat()}）：")
        try:
            return date_from(name, answer or None)
        except ValueError as exc:
            print(exc)


def main(root: Path, docx: Path, date: str | None, category: str | None, slug: str | None) -> int:
    config = yaml.load((root / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    categories = list((config.get("extra") or {}).get("news_categories") or {})
    authors = list(yaml.safe_load((root / "docs/blog/.authors.yml").read_text("utf-8"))["authors"])
    why = refusal(docx)
    if why:
        print(why)
        return 1
    day = choose_date(docx.stem, date)
    category, note = choose_category(docx.stem, category, categories)
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
    digest = "sha256:" + hashlib.sha256(docx.read_bytes()).hexdigest()
    earlier = imported_before(posts, digest)
    if earlier:
        print(f"{docx.name} 已经导入过，生成的文章是 {earlier}。没有再导入一次。"
              "要改文章，请直接改那个文件；确实要重新导入，请先删除那篇文章和它的图片。")
        return 1
    try:
        title, result, pictures = convert(docx, posts, slug)
    except (KeyError, zipfile.BadZipFile):
        print(f"{docx.name} 打不开：里面没有 Word 正文，文件可能已损坏或不是 Word 文档。"
              "请用 Word 或 WPS 打开后“另存为” Word 文档（*.docx）再导入。")
        return 1
    if result.problems:
        discard(pictures, posts)
        print("\n".join(result.problems) + "\n稿件没有导入。")
        return 1
    title = title.replace('"', "”")
    same = imported_before(posts, "", result.markdown)
    if same:
        discard(pictures, posts)
        print(f"{docx.name} 的正文和已有的文章 {same} 一样，没有再导入一次。要改文章，请直接改那个文件。")
        return 1
    head = {"date": day, "slug": slug, "title": title, "authors": authors[:1], "categories": [category],
            "source": digest}
    post = posts / f"{slug}.md"
    post.write_text("---\n" + yaml.safe_dump(head, allow_unicode=True, sort_keys=False) + "---\n\n"
                    + f"# {title}\n\n{result.markdown}", "utf-8")
    check = subprocess.run([sys.executable, str(Path(__file__).resolve().parents[3] / "scripts/county_check.py"),
                            "--posts", str(root)], capture_output=True, text=True)
    if check.returncode != 0:
        discard([post, *pictures], posts)
        print(check.stdout + "文章没有通过检查，已删除刚生成的文件。")
        return 1
    tables = f"，{result.tables} 个表格" if result.tables else ""
    print(f"已生成工作动态文章 {post.relative_to(root)}（{day}，{category}，{len(pictures)} 张图片{tables}）；检查通过。")
    for line in [note, *result.notes, *wordmd.missing_alts(result.markdown)]:
        if line:
            print("注意：" + line)
    return 0
