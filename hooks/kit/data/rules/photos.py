"""Photos named in data: they exist, stay inside data/photos/ and are real images.

Only data/photos/ is copied into the site, so a path anywhere else would be a
broken image on the page; a `../` or absolute path could publish any file of
the machine. Image types are recognised by their first bytes (no Pillow
import: the check command must stay fast).
"""
from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any, Iterator

from kit.data.errors import Report
from kit.data.files.yamlread import Doc, dotted

PHOTO_DIR = "photos"
EXAMPLE = "src: photos/spring-festival-2025.jpg"
MAGIC = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
)
SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp"}
PHOTO_KEYS = ("photo", "photos", "image", "qr")
PRINT_KEY = "print_file"      # a 公益广告's print-size file: published as it is, for download
PRINT_EXAMPLE = "print_file: photos/ads/jiang-wenming.pdf"


def image_type(head: bytes) -> str:
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    return ""


def _sources(value: Any, path: tuple, under_photo: bool = False) -> Iterator[tuple[tuple, Any]]:
    if isinstance(value, dict):
        for key, child in value.items():
            if key == "src" and under_photo:
                yield path + (key,), child
            else:
                yield from _sources(child, path + (key,), under_photo or key in PHOTO_KEYS)
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _sources(child, path + (i,), under_photo)


def problem(src: str, data_dir: Path) -> str:
    """Empty when the photo is fine, else the message for the editor."""
    text = src.replace("\\", "/")
    pure = PurePosixPath(text)
    if pure.is_absolute() or (len(text) > 1 and text[1] == ":"):
        return f"照片路径“{src}”是绝对路径。请写相对于 data/ 的路径。示例：{EXAMPLE}"
    if ".." in pure.parts:
        return f"照片路径“{src}”用“..”跳出了 data/ 文件夹。照片必须放在 data/photos/ 里。示例：{EXAMPLE}"
    if not pure.parts or pure.parts[0] != PHOTO_DIR:
        return f"照片“{src}”不在 data/photos/ 文件夹里，网站不会复制它。请把照片放进 data/photos/。示例：{EXAMPLE}"
    path = data_dir / pure
    if not path.is_file():
        return f"找不到照片文件 data/{text}。请检查文件名（区分大小写和扩展名），或把照片放进 data/photos/。"
    with path.open("rb") as fh:
        head = fh.read(16)
    if not image_type(head):
        return (f"data/{text} 不是图片文件（网站接受 JPEG、PNG、GIF、WebP）。"
                f"请用看图软件打开确认，另存为 JPEG 后再引用。")
    if path.suffix.lower() not in SUFFIXES:
        return f"照片文件名“{pure.name}”的扩展名不对，请改为 .jpg、.png、.gif 或 .webp。"
    return ""


def print_problem(src: str, data_dir: Path) -> str:
    """A print file is a PDF or an image inside data/photos/; empty when fine."""
    text = src.replace("\\", "/")
    pure = PurePosixPath(text)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or pure.parts[0] != PHOTO_DIR:
        return f"印刷文件“{src}”要放在 data/photos/ 文件夹里，写相对于 data/ 的路径。示例：{PRINT_EXAMPLE}"
    path = data_dir / pure
    if not path.is_file():
        return f"找不到印刷文件 data/{text}。请检查文件名（区分大小写和扩展名），或把文件放进 data/photos/。"
    with path.open("rb") as fh:
        head = fh.read(16)
    if not (head.startswith(b"%PDF-") or image_type(head)):
        return f"data/{text} 不是 PDF 或图片文件。印刷文件请用 PDF、JPEG 或 PNG。"
    return ""


def _print_files(value: Any, path: tuple) -> Iterator[tuple[tuple, Any]]:
    if isinstance(value, dict):
        for key, child in value.items():
            if key == PRINT_KEY:
                yield path + (key,), child
            else:
                yield from _print_files(child, path + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _print_files(child, path + (i,))


def check_photos(docs: dict[str, Doc], data_dir: Path, report: Report) -> None:
    for name, doc in docs.items():
        for check, found in ((problem, doc.walk("photos", lambda data: _sources(data, ()))),
                             (print_problem, doc.walk("print-files", lambda data: _print_files(data, ())))):
            for path, src in found:
                if not isinstance(src, str) or not src.strip():
                    continue
                message = check(src.strip(), data_dir)
                if message:
                    report.add(name, *doc.where(path), dotted(path), message)
