"""Images in the data's Markdown fields (`story`, `body`): photos under data/photos/, never
another site's address. They are then published like every other photo: resized, without EXIF
(kit/outputs/images.py), shown with the `markdown` macro of overrides/content/_macros.html.
"""
from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any, Iterator

from kit.data.rules import hosts, hostwords
from kit.data.errors import Report
from kit.data.rules.photos import problem
from kit.data.files.yamlread import Doc, dotted

MARKDOWN_FIELDS = ("story", "body")


def markdown_fields(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, dict):
        for key, child in value.items():
            if key in MARKDOWN_FIELDS and isinstance(child, str):
                yield path + (key,), child
            else:
                yield from markdown_fields(child, path + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from markdown_fields(child, path + (i,))


def images(text: str) -> list[tuple[int, str]]:
    """(offset, address) of each image a Markdown field shows."""
    if "![" not in text:     # how every image starts (hosts.MD_IMAGE, MD_IMAGE_REF): nothing to mask
        return []
    return hosts.markdown_images(hosts.masked(text))


def local(url: str) -> str:
    """The photo's path inside data/ as templates ask for it (`./photos/a.jpg` -> `photos/a.jpg`)."""
    return PurePosixPath(url.strip().replace("\\", "/")).as_posix()


def photos_of(text: str) -> set[str]:
    """The photos a published field shows: they are made for the site."""
    return {local(url) for _, url in images(text or "") if not hosts.remote_host(url)}


def _entry_id(data: Any, path: tuple) -> str:
    for step in path[:-1]:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return "photo"
    return str(data.get("id") or "photo") if isinstance(data, dict) else "photo"


def _locate(doc: Doc, path: tuple, url: str, skip: int) -> tuple[int, int]:
    """The url's place in the file: from the field's first line on, past `skip` earlier hits."""
    line, col = doc.where(path)
    for n in range(line - 1, len(doc.lines)):
        start = col - 1 if n == line - 1 else 0
        while (pos := doc.lines[n].find(url, start)) >= 0:
            if skip == 0:
                return n + 1, pos + 1
            skip, start = skip - 1, pos + 1
    return line, col


def _shown(data: Any) -> Iterator[tuple[tuple, list[str]]]:
    """(path, addresses) of each Markdown field that shows images."""
    for path, text in markdown_fields(data):
        urls = [url for _, url in images(text)]
        if urls:
            yield path, urls


def check(docs: dict[str, Doc], data_dir: Path, report: Report) -> None:
    for name, doc in docs.items():
        for path, urls in doc.walk("markdown-images", _shown):
            seen: dict[str, int] = {}
            for n, url in enumerate(urls, 1):
                skip = seen.get(url, 0)
                seen[url] = skip + 1
                host = hosts.remote_host(url)
                if host:
                    example = f"![图片说明](photos/{hostwords.image_name(url, _entry_id(doc.data, path), n)})"
                    message = hostwords.advice("markdown", url, host, "data/photos/", example)
                else:
                    message = problem(local(url), data_dir).split("示例：")[0]
                    if message:
                        message = f"正文里的图片：{message}正文里引用照片的写法：![图片说明](photos/文件名.jpg)"
                if message:
                    report.add(name, *_locate(doc, path, url, skip), dotted(path), message)
