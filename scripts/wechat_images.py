"""Which pictures of a pasted WeChat (公众号) article to save, in what order, under what name.

    python scripts/wechat_images.py docs/blog/posts/2024-tea.md
    python scripts/wechat_images.py 保存的原文.html --post docs/blog/posts/2024-tea.md

Copying a 公众号 article into a news post brings its pictures as addresses on mmbiz.qpic.cn,
which WeChat refuses to show on other sites (and which `make check` refuses). This command
downloads nothing and sends nothing anywhere: it reads the post (or the article saved from the
browser as HTML) and prints, picture by picture in the article's order, the file to save it as
under docs/blog/posts/images/ and the Markdown line that shows it. The editor saves each picture
from the open article ("图片另存为…") and replaces the pasted picture with that line.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path, PurePosixPath

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from kit.data.rules import hosts, hostwords  # noqa: E402


def pictures(text: str) -> list[tuple[int, str]]:
    """(line, address) of every picture from another host, in the order the article shows them."""
    masked = hosts.masked(text, front_matter=True)
    found = [(o, u) for o, u in hosts.markdown_images(masked) if hosts.remote_host(u)]
    found += [(o, u) for o, kind, u in hosts.html_loads(masked) if kind in hostwords.IMAGE_KINDS]
    return [(hosts.position(text, o)[0], u) for o, u in sorted(found)]


def plan(text: str, post: str) -> list[tuple[int, str, str, str]]:
    """(line, address, file to save as, Markdown to write) for each picture."""
    path = PurePosixPath(post)
    folder = path.parent / "images"
    out = []
    for n, (line, url) in enumerate(pictures(text), 1):
        name = hostwords.image_name(url, path.stem, n)
        out.append((line, url, (folder / name).as_posix(), f"![图片说明](images/{name})"))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="列出从微信公众号等网站粘贴来的图片：按顺序保存到哪里、文章里怎么写。不下载任何东西。")
    parser.add_argument("source", help="工作动态文章（.md），或从浏览器保存的原文网页（.html）")
    parser.add_argument("--post", help="图片要放进哪篇文章（默认就是 source）")
    args = parser.parse_args(argv)
    source = Path(args.source)
    text = source.read_bytes().decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
    post = Path(args.post or args.source)
    try:
        post = post.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        pass
    steps = plan(text, post.as_posix())
    if not steps:
        print(f"{source}：没有来自其他网站的图片，不用另存。")
        return 0
    print(f"{source}：有 {len(steps)} 张图片来自其他网站。本工具不下载任何东西，请按顺序手工保存：")
    print("在浏览器里打开原文，从上往下，在每张图片上点右键，选“图片另存为…”，按下面的文件名保存。\n")
    for n, (line, url, save_as, markdown) in enumerate(steps, 1):
        shown = url if len(url) <= 90 else url[:87] + "…"
        print(f"第 {n} 张（{source} 第 {line} 行）：{shown}")
        print(f"    保存为：{save_as}")
        print(f"    文章里写：{markdown}\n")
    print("保存好以后，把文章里原来的图片代码（<img …> 或 ![…](https://…)）换成上面“文章里写”的那一行，"
          "“图片说明”改成这张图拍的是什么（给看不见图片的读者听），再运行 make check。")
    return 0


if __name__ == "__main__":
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    sys.exit(main())
